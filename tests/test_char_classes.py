"""text/cjk.py and text/control.py: which characters are Chinese or wide; control characters."""

from __future__ import annotations

import pytest

from reportgen.model.schema import clean_text
from reportgen.read.loader import load_yaml_text
from reportgen.render.context import signature_indents
from reportgen.text.cjk import is_chinese, is_wide, text_width
from reportgen.text.control import clean_control
from reportgen.text.punctuation import fullwidth


@pytest.mark.parametrize(
    "c, chinese, wide",
    [
        ("中", True, True),  # CJK Unified Ideographs
        ("㐀", True, True),  # Extension A
        ("𠀀", True, True),  # Extension B (U+20000): names of places and people
        ("豈", True, True),  # CJK compatibility ideograph U+F900
        ("〇", True, True),  # ideographic zero: 二〇二一年
        ("、", True, True),
        ("〔", True, True),
        ("，", True, True),  # full-width forms
        ("（", True, True),
        ("・", True, True),  # katakana middle dot, typed for ·
        ("…", True, True),
        ("“", False, True),  # set full-width in Chinese text, but English uses it too
        ("·", False, True),
        ("１", False, True),  # a full-width digit: wide, but proofreading makes it 1
        ("\u3000", False, True),  # the ideographic space is a space
        ("ｱ", False, False),  # half-width katakana
        ("①", False, False),
        ("A", False, False),
        ("7", False, False),
        (" ", False, False),
        ("한", False, True),  # Hangul: wide, but Korean sets spaces between words
        ("😀", False, True),
    ],
)
def test_character_classes(c, chinese, wide):
    assert (is_chinese(c), is_wide(c)) == (chinese, wide)


def test_text_width_counts_cells():
    assert text_width("2021年4月1日") == 6  # six digits ½, 年月日 1
    assert text_width("绍兴市越城区人民政府") == 10
    assert text_width("“A”") == 2.5
    assert text_width("𠀀村") == 2


def test_signature_indents_from_widths():
    """The signature stands 2 cells from the right, the date under its first character + 2."""
    indents = signature_indents("绍兴市越城区人民政府", "2021年4月1日")
    assert (indents["issuer_right"], indents["date_right"]) == (200, 400)


@pytest.mark.parametrize(
    "typed, cleaned",
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("行\x0b行\x0c页", "行\n行\n页"),  # Word's line and page breaks
        ("一\x85二\u2028三\u2029四", "一\n二\n三\n四"),
        ("抓\x13好\x14整\x15改\x07", "抓好整改"),  # field marks, bell
        ("零\u200b宽\u200e方\u202a向\ufeff", "零宽方向"),  # zero-width, direction, BOM
        ("\x80C1\x9f", "C1"),
        ("tab\tstays", "tab\tstays"),
        ("\ufffe\uffff", ""),
    ],
)
def test_clean_control(typed, cleaned):
    assert clean_control(typed) == cleaned


def test_clean_control_leaves_printable_text_alone():
    """clean_control returns a printable text untouched without running its patterns: no
    character that str.isprintable() accepts is one they change."""
    from reportgen.text import control

    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert control._BREAK.search(printable) is None
    assert control._UNPRINTABLE.search(printable) is None


def test_loader_and_schema_clean_alike():
    """The same pasted text ends the same through the YAML loader and through the schema alone."""
    typed = "下一步\x0b我区\u200b将持续\x13抓好\r\n整改\x7f落实。"
    via_yaml = load_yaml_text(f'text: "{typed.encode("unicode_escape").decode()}"').data["text"]
    assert via_yaml == clean_control(typed)
    assert clean_text(via_yaml) == clean_text(typed) == "下一步\n我区将持续抓好\n整改落实。"


@pytest.mark.parametrize(
    "folded, joined",
    [
        ("text: 工作。\n  明确", "工作。明确"),
        ("text: 2021年\n  召开", "2021年召开"),
        ("text: 𠀀\n  村", "𠀀村"),  # Extension B is Chinese too
        ("text: 〇\n  号", "〇号"),
        ("text: see\n  the report", "see the report"),
        ("text: 한국\n  교육", "한국 교육"),  # Korean keeps its word space
    ],
)
def test_folded_lines_join_without_space_beside_chinese(folded, joined):
    assert load_yaml_text(folded).data["text"] == joined


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("村𠀀,", "村𠀀，"),  # Extension B
        ("〇,", "〇，"),
        ("（一）,", "（一），"),
        ("甲・,", "甲・，"),
        ("A,", "A,"),
        ("7,", "7,"),
        ("①,", "①,"),
    ],
)
def test_punctuation_after_edge_characters(typed, printed):
    assert fullwidth(typed) == printed
