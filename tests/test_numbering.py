import pytest

from reportgen.text.numbering import (
    NumberPrefix,
    chinese_numeral,
    heading_number,
    match_number,
    parse_chinese_numeral,
    point_prefix,
)


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (2022, "二千零二十二"),
    ],
)
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("bad", [0, -1, 10000])
def test_chinese_numeral_out_of_range(bad):
    with pytest.raises(ValueError):
        chinese_numeral(bad)


@pytest.mark.parametrize(
    "level, n, text",
    [
        (1, 1, "一、"),
        (1, 10, "十、"),
        (1, 12, "十二、"),
        (2, 1, "（一）"),
        (2, 11, "（十一）"),
        (3, 1, "1."),
        (3, 18, "18."),
        (4, 3, "（3）"),
    ],
)
def test_heading_number(level, n, text):
    assert heading_number(level, n) == text


def test_heading_level_out_of_range():
    with pytest.raises(ValueError):
        heading_number(5, 1)


@pytest.mark.parametrize(
    "n, text", [(1, "一是"), (2, "二是"), (10, "十是"), (11, "十一是"), (20, "二十是")]
)
def test_point_prefix(n, text):
    assert point_prefix(n) == text


@pytest.mark.parametrize("n", [*range(1, 130), 1001, 2022, 9999])
def test_parse_chinese_numeral_reads_what_chinese_numeral_writes(n):
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize(
    "text, n",
    [("一十一", 11), ("一十", 10), ("一二", None), ("十十", None), ("零", None), ("", None)],
)
def test_parse_chinese_numeral_variants_and_nonsense(text, n):
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("level", range(1, 5))
@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 20, 99])
def test_match_number_recognises_what_heading_number_writes(level, n):
    typed = heading_number(level, n)
    form = heading_number(level, 1)
    assert match_number(typed + "加强组织领导") == NumberPrefix(
        form, "heading", level, n, typed, len(typed), True
    )


@pytest.mark.parametrize("n", [1, 10, 11, 23])
def test_match_number_recognises_point_prefixes(n):
    typed = point_prefix(n)
    assert match_number(typed + "加强") == NumberPrefix(
        "一是", "point", None, n, typed, len(typed), True
    )


@pytest.mark.parametrize(
    "text, form, level, number, typed, length",
    [
        ("(一)加强", "（一）", 2, 1, "(一)", 3),
        ("(三）加强", "（一）", 2, 3, "(三）", 3),
        ("（ 二 ）加强", "（一）", 2, 2, "（ 二 ）", 5),
        ("（一）、加强", "（一）", 2, 1, "（一）、", 4),
        ("㈢加强", "（一）", 2, 3, "㈢", 1),
        ("(12)加强", "（1）", 4, 12, "(12)", 4),
        ("⑷加强", "（1）", 4, 4, "⑷", 1),
        ("2)加强", "1)", 4, 2, "2)", 2),
        ("2）加强", "1)", 4, 2, "2）", 2),
        ("1、加强", "1.", 3, 1, "1、", 2),
        ("1．加强", "1.", 3, 1, "1．", 2),
        ("１２．加强", "1.", 3, 12, "１２．", 3),
        ("3 . 加强", "1.", 3, 3, "3 .", 4),
        ("⒌加强", "1.", 3, 5, "⒌", 1),
        ("一.加强", "一、", 1, 1, "一.", 2),
        ("十一．加强", "一、", 1, 11, "十一．", 3),
        ("第一，加强", "第一，", None, 1, "第一，", 3),
        ("第十二、加强", "第一，", None, 12, "第十二、", 4),
        ("第二,加强", "第一，", None, 2, "第二,", 3),
        ("第三：加强", "第一，", None, 3, "第三：", 3),
        ("第一部分 基本情况", "第一部分", None, 1, "第一部分", 5),
        ("第二章、做法", "第一部分", None, 2, "第二章、", 4),
        ("第3篇", "第一部分", None, 3, "第3篇", 3),
        ("②加强", "①", None, 2, "②", 1),
        ("②、加强", "①", None, 2, "②、", 2),
        ("㉑加强", "①", None, 21, "㉑", 1),
    ],
)
def test_match_number_recognises_the_variants_clerks_type(text, form, level, number, typed, length):
    found = match_number(text)
    assert (found.form, found.level, found.number, found.typed, found.length, found.exact) == (
        form,
        level,
        number,
        typed,
        length,
        False,
    )


@pytest.mark.parametrize(
    "text, typed, length",
    [
        ("一百零一、加强", "一百零一、", 5),
        ("  二、 加强", "二、", 5),
        ("三、2026年工作打算", "三、", 2),  # a year after the 顿号 is the title's
        ("\u3000（三）加强", "（三）", 4),
    ],
)
def test_match_number_exact_forms_around_spaces(text, typed, length):
    found = match_number(text)
    assert (found.typed, found.length, found.exact) == (typed, length, True)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("一、", "heading"),
        ("一是", "point"),
        ("第一，", "ordinal"),
        ("①", "circled"),
        ("第一章", "part"),
    ],
)
def test_match_number_kind(text, kind):
    assert match_number(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "1.5亿元教育投入",
        "2021.5",
        "1.1节",
        "一流学校建设",
        "第一责任人制度",
        "十四五规划",
        "十分重视",
        "2022年工作",
        "（2020-2035年）规划",
        "（试行）方案",
        "“双减”工作",
        "一二、",
        "100. 项",
        "0.5",
        "（0）",
        "",
    ],
)
def test_match_number_leaves_text_that_only_looks_numbered(text):
    assert match_number(text) is None


def test_the_quick_test_of_every_form_turns_away_no_numbered_text():
    """match_number turns a text away when the forms' union does not match it: the union must
    accept every text one of the forms accepts (random texts from the forms' own characters)."""
    import random

    from reportgen.text import numbering

    rng = random.Random(3)
    pieces = list("第一二三十百〇零（）()、，,.．：: 是部分章篇1234567890０１２㈠㈡⑴⒈①㉑　\t文a")
    for _ in range(50_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        by_form = any(rx.match(text) for *_, rx in numbering._FORMS)
        assert bool(numbering._ANY_FORM.match(text)) == by_form, text
