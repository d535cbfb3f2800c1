"""The standard's numbers, and the figures derived from them that the templates and checks use."""

from __future__ import annotations

import dataclasses

import pytest

from reportgen.gbt9704 import (
    CHARS_PER_LINE,
    FONTS,
    GBT9704,
    LINE_PITCH_PT,
    MARGINS_MM,
    SIZES_PT,
    Face,
)
from reportgen.output.pdf import heavy, substitutes
from reportgen.read.profile import load_profile, profile_names
from reportgen.render.context import signature_indents


def test_derived_figures_are_the_ones_the_standard_text_gives():
    assert (GBT9704.text_width_mm, GBT9704.text_height_mm) == (156.0, 225.0)
    assert GBT9704.line_pitch_twips == 579  # w:linePitch of the docGrid, 28.95 pt
    assert GBT9704.char_spacing(16.0) == -5  # 28 × 15.75 pt fill the 156 mm line
    assert GBT9704.title_line_chars == 20
    assert GBT9704.text_width_twips == 8844
    assert GBT9704.indent_twips(2) == 640
    assert GBT9704.indent_twips(1, GBT9704.page_number.face) == 280


def test_aliases_are_views_of_the_one_object():
    assert MARGINS_MM == {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
    assert CHARS_PER_LINE == GBT9704.grid.chars_per_line == 28
    assert GBT9704.line_pitch_pt == LINE_PITCH_PT
    assert FONTS["h2"] == ("楷体_GB2312", "楷体")
    assert SIZES_PT["title"] == 22.0
    with pytest.raises(TypeError):
        MARGINS_MM["top"] = 30.0  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        GBT9704.grid.chars_per_line = 27  # type: ignore[misc]


def test_a_variant_standard_derives_its_own_figures():
    margins = dataclasses.replace(GBT9704.margins, left_mm=30.0, right_mm=30.0)
    narrow = dataclasses.replace(GBT9704, margins=margins)
    assert narrow.text_width_mm == 150.0
    assert narrow.title_line_chars == 19
    # 28 characters of 16 pt in 150 mm: each 0.82 pt narrower, rounded down to -17 twentieths.
    assert narrow.char_spacing(16.0) == -17
    loose = dataclasses.replace(GBT9704, grid=dataclasses.replace(GBT9704.grid, lines_per_page=20))
    assert loose.line_pitch_twips == 637
    assert GBT9704.char_spacing(15.0) == 15  # a smaller body is spaced out to keep 28 a line


def test_every_font_a_profile_accepts_has_a_substitute_of_the_right_kind():
    names = set()
    for std in map(load_profile, profile_names()):
        names |= {*std.faces.east_asian(), *std.page_number.face.fonts, std.faces.latin}
    subs = substitutes()
    assert set(subs) == names
    assert subs["黑体"] == "Noto Sans CJK SC"
    assert (
        subs["仿宋_GB2312"] == subs["方正小标宋简体"] == subs["方正仿宋_GBK"] == "Noto Serif CJK SC"
    )
    assert subs["Times New Roman"] == "Liberation Serif"
    assert "方正小标宋简体" in heavy(subs) and "方正小标宋_GBK" in heavy(subs)
    assert "黑体" not in heavy(subs)


def test_signature_pads_fill_the_standard_line():
    pads = signature_indents("某某市某某区人民政府", "2021年4月1日")
    issuer_width = 10
    assert len(pads["issuer_pad"]) + issuer_width + 2 == CHARS_PER_LINE


def test_face_writes_half_points():
    assert Face(("宋体",), 10.5).half_points == 21
