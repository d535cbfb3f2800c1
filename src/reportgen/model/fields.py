"""The value types of the model: text, paragraphs, dates, numbers, as a clerk may write them.

Each type cleans what it is given before pydantic checks it (control characters pasted from Word,
half-width punctuation beside Chinese, 二〇二一年四月一日, 1,861) and refuses what it cannot be with
a :class:`~reportgen.errors.RuleError` that says how to fix it. The models (blocks.py,
schema.py) are built from these types.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic_core import InitErrorDetails

from ..errors import RuleError
from ..text.compat import compat
from ..text.control import clean_control
from ..text.dates import CnDate, TextDeadline, parse_date, parse_deadline
from ..text.numbers import in_unit, malformed_number, number_with_unit, unit_says_it
from ..text.proofread import proofread, proofread_name

__all__ = [
    "MAX_NUMBERED",
    "TEXT_CLEANERS",
    "Cell",
    "Closing",
    "Date",
    "DateOrMonth",
    "Deadline",
    "Issuer",
    "Model",
    "Name",
    "NameOrFalse",
    "Names",
    "Note",
    "Number",
    "Opening",
    "Paragraphs",
    "Points",
    "Text",
    "TextOrFalse",
    "Unit",
    "clean_name",
    "clean_text",
    "is_blank",
    "raise_at",
]


def clean_text(value: Any, *, name: bool = False) -> Any:
    """Text as printed: line breaks as \\n, no control characters (text/control.py), and what a
    proofreader fixes (text/proofread.py)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return _clean_str(value, name)
    return value


@lru_cache(maxsize=16384)
def _clean_str(value: str, name: bool) -> str:
    """A text cleaned and proofread. Cached: the districts of a batch share much of their text
    (the defaults, a common template's wording, units and statuses)."""
    value = clean_control(value).strip()
    return proofread_name(value) if name else proofread(value)


def clean_name(value: Any) -> Any:
    """A name: cleaned like text, with no space between two Chinese characters (东城 区)."""
    return clean_text(value, name=True)


def _unit(value: Any) -> Any:
    """A unit: cleaned like text, with no break or space inside (万\r元 is 万元)."""
    value = clean_text(value)
    return "".join(value.split()) if isinstance(value, str) else value


def _paragraphs(value: Any) -> Any:
    """Text may be one string (one paragraph per line) or a list of paragraphs."""
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = clean_text(value).split("\n")
    if isinstance(value, list):
        out: list[Any] = []
        for v in value:
            v = clean_text(v)
            if isinstance(v, str):
                out.extend(line.strip() for line in v.split("\n") if line.strip())
            else:
                out.append(v)
        return out
    return value


def _date_input(value: Any) -> Any:
    """Refuse what cannot be a date without echoing a whole subtree into the message."""
    if value is None:
        raise RuleError("不能为空", "写成 2021-04-01 或 2021年4月1日")
    if isinstance(value, (dict, list)):
        raise RuleError("应为日期，而不是列表或“键: 值”", "写成 2021-04-01 或 2021年4月1日")
    if isinstance(value, bool):
        raise RuleError("应为日期，YAML 把它读成了是/否", "写成 2021-04-01 或 2021年4月1日")
    return value


def _date(value: Any) -> Any:
    return value if isinstance(value, CnDate) else parse_date(_date_input(value))


def _date_or_month(value: Any) -> Any:
    return value if isinstance(value, CnDate) else parse_date(_date_input(value), allow_month=True)


def _deadline(value: Any) -> Any:
    """A deadline is a date (or month), or words such as 2026年底 or 长期坚持 (see
    :func:`~reportgen.text.dates.parse_deadline`)."""
    if isinstance(value, (CnDate, TextDeadline)):
        return value
    text = clean_text(value)
    if text is not None and not isinstance(text, str):
        raise RuleError("应为日期或文字", "写成 2021-12-31、2021年12月，或“2026年底”“长期坚持”等")
    return text if text is None else parse_deadline(text)


# Bounds that keep every figure, and the year-on-year percentage computed from it, exact in
# Decimal's 28 digits; no report figure comes near them.
_MAX_NUMBER = Decimal(10) ** 15
_MAX_DECIMALS = 6


def _bounded(number: Decimal, written: Any) -> Decimal:
    if isinstance(written, float) and number.is_finite():
        written = format(number, "f")  # as the clerk wrote it, not 1e-10
    written = str(written) if len(str(written)) <= 24 else str(written)[:20] + "…"
    if not number.is_finite():
        raise RuleError(f"“{written}”不是具体的数值", "请写出阿拉伯数字，如 1861 或 15.69")
    if not number:
        return number
    # Exponent arithmetic only: abs() and normalize() go through the decimal context, which
    # overflows on 1e1000000 and rounds 1e-999999999 to 0 (a number then a hundred million digits
    # long).
    if number.adjusted() >= _MAX_NUMBER.adjusted():
        raise RuleError(f"“{written}”数值过大", "请检查是否多写了 0，或把单位改为万元、亿元")
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # 'n', 'N' or 'F' only where not finite, refused above
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if -(exponent + trailing_zeros) > _MAX_DECIMALS:
        raise RuleError(f"“{written}”小数位过多", f"最多保留 {_MAX_DECIMALS} 位小数")
    return number


def _unit_field(unit: str) -> str:
    return f"单位“{unit}”写在 unit（单位）中"


def number_beside_unit(value: Any, unit: Any) -> RuleError | None:
    """A number with a unit typed after it, told against the figure's own ``unit``: 5.2万 where
    the unit is 万元 means 5.2 (moving 万 into the unit would make it 万万元), and 9.27亿 where
    it is 万元 means 92700. None where the unit says nothing more (the number's own rule tells)."""
    unit = _unit(unit)
    if not isinstance(value, str) or not isinstance(unit, str) or not unit:
        return None
    text = compat(value).strip()
    parsed = number_with_unit(text)
    if parsed is None:
        return None
    number, written = parsed
    word = unit_says_it(written, unit)
    if word:
        already = f"已是“{unit}”" if written == unit else f"“{unit}”中已有“{word}”"
        return RuleError(f"“{text}”带了单位", f"这里只写数字 {number}，unit（单位）{already}")
    converted = in_unit(number, written, unit)
    if converted is not None:
        return RuleError(
            f"“{text}”带了单位",
            f"unit（单位）是“{unit}”，{text} 即 {converted}{unit}：这里只写 {converted}",
        )
    return None


def _number(value: Any) -> Any:
    if value is None:
        raise RuleError("不能为空", "在冒号后面写出数值，如 1861")
    if isinstance(value, bool):
        raise RuleError("应为数字，而不是是/否")
    if isinstance(value, (int, float)):
        return _bounded(Decimal(str(value)), value)
    if isinstance(value, str):
        text = compat(
            value
        ).strip()  # １８６１．５ (full-width, as an IME in Chinese mode types it)
        # YAML's own spellings of infinity and not-a-number (.inf, -.Inf, .NaN) reach us as text.
        yaml_special = re.fullmatch(r"([-+]?)\.(inf|nan)", text, re.IGNORECASE)
        try:
            if yaml_special:
                return _bounded(Decimal(yaml_special.group(1) + yaml_special.group(2)), text)
            return _bounded(Decimal(text), text)
        except InvalidOperation:
            pass
        raise RuleError(*malformed_number(text, here="这里", unit_goes=_unit_field))
    raise RuleError("应为数字")


Text = Annotated[str, BeforeValidator(clean_text), Field(min_length=1)]
# A name printed in the title, the body and the signature: a region, an issuer. Not a title, where
# a space may separate joint issuers (中共某某区委 某某区人民政府关于……).
Name = Annotated[str, BeforeValidator(clean_name), Field(min_length=1)]
Unit = Annotated[str, BeforeValidator(_unit)]
Paragraphs = Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_paragraphs)]
# Entries under one heading are numbered 一、…, （一）…, 一是…; 99 is far beyond any real report and
# keeps every number a plain Chinese numeral.
MAX_NUMBERED = 99
Points = Annotated[list[Text], Field(default_factory=list, max_length=MAX_NUMBERED)]
# Dates are written as text (2021-04-01, 2021年4月1日); a form built from the JSON Schema asks
# for text, not for the year, month and day of the CnDate they become.
Date = Annotated[
    CnDate, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]
DateOrMonth = Annotated[CnDate, BeforeValidator(_date_or_month), WithJsonSchema({"type": "string"})]
Deadline = Annotated[
    CnDate | TextDeadline, BeforeValidator(_deadline), WithJsonSchema({"type": "string"})
]
Number = Annotated[Decimal, BeforeValidator(_number)]


def _text_or_false(value: Any, *, name: bool = False) -> Any:
    """A part that may be turned off: its text, or false for none (title: false)."""
    if value is False:
        return False
    if value is True:
        raise RuleError("应为文字或 false", "写出文字；不要这一项时写 false")
    if isinstance(value, (dict, list)):
        raise RuleError("应为一段文字，而不是列表或“键: 值”", "写在冒号后面；不要这一项时写 false")
    return clean_text(value, name=name)


def _name_or_false(value: Any) -> Any:
    """A name that may be turned off (issuer: false)."""
    return _text_or_false(value, name=True)


def _opening(value: Any) -> Any:
    """An opening: its paragraphs, or false for none."""
    if value is False:
        return False
    if value is True:
        raise RuleError("应为文字或 false", "写出开头的文字；不要开头时写 opening: false")
    if isinstance(value, dict):
        raise RuleError(
            "应为一段文字，而不是“键: 值”", "检查缩进：开头直接写在冒号后面，或用 | 另起几行"
        )
    paragraphs = _paragraphs(value)
    raise_at(
        "开头",
        [
            ((i,), RuleError("每段应为一段文字", "检查缩进：每段以“- ”开头，写在同一层"))
            for i, p in enumerate(paragraphs)
            if not isinstance(p, str)
        ],
    )
    return paragraphs


def _cell(value: Any) -> Any:
    if value is None:
        return ""  # [学前教育, , 已完成]: a cell left empty on purpose
    if isinstance(value, bool):
        raise RuleError("应为文字，YAML 把它读成了是/否", '给这个值加上引号，如 "是"')
    if isinstance(value, (dict, list)):
        raise RuleError("一格只能写一段文字", '每格写一段文字；空格写成 ""')
    return clean_text(value)


Cell = Annotated[str, BeforeValidator(_cell)]
TextOrFalse = Annotated[str | Literal[False], BeforeValidator(_text_or_false)]
NameOrFalse = Annotated[str | Literal[False], BeforeValidator(_name_or_false)]
Opening = Annotated[list[str] | Literal[False], BeforeValidator(_opening)]


def _names(value: Any) -> Any:
    """Names of offices (主送, 抄送, 发文机关标志): a list, or one line separated by 、 or ，."""
    if isinstance(value, str):
        value = [v for v in re.split(r"[、，,；;]", clean_text(value) or "") if v.strip()]
    if isinstance(value, list):
        return [clean_name(v) if isinstance(v, str) else v for v in value]
    return value


def _issuer(value: Any) -> Any:
    """Who signs: a name, several (联合行文: a list, the leading office first), or false."""
    if isinstance(value, list):
        names = [_name_or_false(v) for v in value]
        if any(n is False or (isinstance(n, str) and not n) for n in names) or not names:
            raise RuleError(
                "联合行文的署名应为几个机关名称", "每个机关写一行，以“- ”开头，主办机关在前"
            )
        return names[0] if len(names) == 1 else names
    return _name_or_false(value)


def _closing(value: Any) -> Any:
    """A closing sentence (特此报告。): as written with a full stop, or true for the wording's."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        raise RuleError("内容为空", "写出结束语，如 特此报告。；不要结束语请删除这一行")
    if isinstance(value, (dict, list)):
        raise RuleError("应为一句话，而不是列表或“键: 值”", "写成 closing: 特此报告。")
    text = clean_text(value)
    return text if text[-1] in "。！？" else text + "。"


def _note(value: Any) -> Any:
    """附注 in full-width parentheses, added where the clerk left them out."""
    if isinstance(value, (dict, list, bool)):
        raise RuleError("应为一段文字", "写成 note: （联系人：张三，电话：0575-12345678）")
    text = clean_text(value)
    if isinstance(text, str) and text:
        if text[0] in "（(" and text[-1] in "）)":
            text = text[1:-1]
        text = f"（{text}）"
    return text


Names = Annotated[list[Name], BeforeValidator(_names), Field(min_length=1, max_length=50)]
Issuer = Annotated[str | Literal[False] | list[str], BeforeValidator(_issuer)]
Closing = Annotated[str | bool, BeforeValidator(_closing)]
Note = Annotated[str, BeforeValidator(_note), Field(min_length=3)]


# The validators of free text (titles, paragraphs, points, names, table cells), as opposed to
# codes, choices, numbers and dates: model/warnings.py looks for them.
TEXT_CLEANERS = (
    clean_text,
    clean_name,
    _paragraphs,
    _opening,
    _text_or_false,
    _name_or_false,
    _cell,
    _names,
    _issuer,
    _closing,
    _note,
)


class Model(BaseModel):
    """Every model: unknown keys are mistakes, values are read-only once validated."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


def raise_at(title: str, problems: list[tuple[tuple, RuleError]]) -> None:
    """Raise the rule errors of a model's validator each at its own place inside the model
    (``("rows", 2)``): pydantic prefixes them with where the model stands in the file."""
    if problems:
        raise ValidationError.from_exception_data(
            title,
            [
                InitErrorDetails(type="value_error", loc=loc, input=None, ctx={"error": error})
                for loc, error in problems
            ],
        )


def is_blank(value: Any) -> bool:
    """Nothing written: null, "", blank lines, an empty list or one of blanks."""
    if value is None:
        return True
    if isinstance(value, str):
        return not clean_text(value)
    if isinstance(value, list):
        return all(is_blank(v) for v in value)
    return False
