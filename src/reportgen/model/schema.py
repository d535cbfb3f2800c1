"""The report model: what a YAML file may contain, with the Chinese name of every field.

Field titles (``title=``) are the Chinese names shown in error messages and in docs/schema.md,
which is generated from this module (``python -m reportgen.schemadoc``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..errors import RuleError
from ..text.compat import compat
from ..text.control import clean_control
from ..text.dates import CnDate, TextDeadline, parse_date, parse_deadline
from ..text.numbering import MAX_LEVEL
from ..text.numbers import malformed_number
from ..text.proofread import proofread, proofread_name
from ..text.rounding import round_half_up
from .frameworks import framework_ids

__all__ = [
    "KINDS",
    "STATUSES",
    "Basic",
    "BasisDocument",
    "Chapter",
    "Figure",
    "Inspection",
    "Item",
    "Measure",
    "Problem",
    "Rectification",
    "Region",
    "ReportBase",
    "Section",
    "SelfAssessment",
]


def clean_text(value: Any, *, name: bool = False) -> Any:
    """Text as printed: line breaks as \\n, no control characters (text/control.py), and what a
    proofreader fixes (text/proofread.py)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = clean_control(value).strip()
        return proofread_name(value) if name else proofread(value)
    return value


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
        out = []
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
    # overflows on 1e1000000 and rounds 1e-999999999 to 0 (a number then a hundred million digits long).
    if number.adjusted() >= _MAX_NUMBER.adjusted():
        raise RuleError(f"“{written}”数值过大", "请检查是否多写了 0，或把单位改为万元、亿元")
    _, digits, exponent = number.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if -(exponent + trailing_zeros) > _MAX_DECIMALS:
        raise RuleError(f"“{written}”小数位过多", f"最多保留 {_MAX_DECIMALS} 位小数")
    return number


def _unit_field(unit: str) -> str:
    return f"单位“{unit}”写在 unit（单位）中"


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


# The validators of free text (titles, paragraphs, points, names), as opposed to codes, choices,
# numbers and dates: model/warnings.py looks for them.
TEXT_CLEANERS = (clean_text, clean_name, _paragraphs)

Text = Annotated[str, BeforeValidator(clean_text), Field(min_length=1)]
# A name printed in the title, the body and the signature: a region, an issuer, the title itself.
Name = Annotated[str, BeforeValidator(clean_name), Field(min_length=1)]
Paragraphs = Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_paragraphs)]
# Entries under one heading are numbered 一、…, （一）…, 一是…; 99 is far beyond any real report and
# keeps every number a plain Chinese numeral.
MAX_NUMBERED = 99
Points = Annotated[list[Text], Field(default_factory=list, max_length=MAX_NUMBERED)]
Date = Annotated[CnDate, BeforeValidator(_date)]
DateOrMonth = Annotated[CnDate, BeforeValidator(_date_or_month)]
Deadline = Annotated[CnDate | TextDeadline, BeforeValidator(_deadline)]
Number = Annotated[Decimal, BeforeValidator(_number)]

KINDS = {"self_assessment": "自查/自评报告", "rectification": "整改报告"}
STATUSES = ("已完成", "持续推进", "未开始")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class Region(_Model):
    name: Name = Field(title="地区名称", examples=["越城区"])
    level: Name | None = Field(
        None, title="行政级别", description="区、县、市、州等", examples=["区"]
    )
    parent: Name | None = Field(None, title="上级地区", examples=["绍兴市"])

    @field_validator("name", "parent")
    @classmethod
    def _has_letters(cls, v: str | None) -> str | None:
        # A name made only of dots, slashes or digits (a path, a code) is a slip, and would print in
        # the title and name the output file.
        if v is not None and not any(c.isalpha() for c in v):
            raise RuleError(f"“{v}”不是地区名称", "写地区的名称，如 越城区")
        return v


class BasisDocument(_Model):
    name: Text = Field(
        title="依据文件名称",
        description="不带书名号",
        examples=["云南省人民政府教育督导委员会关于印发对州市人民政府履行教育职责的评价办法的通知"],
    )
    number: Text | None = Field(
        None, title="文号", description="用六角括号〔〕", examples=["云政教督〔2021〕2号"]
    )

    @field_validator("name")
    @classmethod
    def _strip_quotes(cls, v: str) -> str:
        return v.strip("《》")

    @field_validator("number")
    @classmethod
    def _brackets(cls, v: str | None) -> str | None:
        if v is None:
            return v
        fixed = re.sub(r"[\[【(（]\s*(\d{4})\s*[\]】)）]", r"〔\1〕", v)
        if not re.search(r"〔\d{4}〕", fixed):
            raise RuleError(f"文号“{v}”中没有〔年份〕", "应写成 云政教督〔2021〕2号 的形式")
        return fixed


class Figure(_Model):
    name: Text = Field(title="指标名称", examples=["一般公共预算教育支出"])
    value: Number = Field(title="数值", examples=[473813.97])
    unit: Annotated[str, BeforeValidator(_unit)] = Field(
        "", title="单位", description="单位为 % 时，同比变化以“个百分点”表示", examples=["万元"]
    )
    previous: Number | None = Field(
        None, title="上年数值", description="给出时计算同比增减", examples=[462083.30]
    )
    growth: Number | None = Field(
        None,
        title="同比增减",
        description="只知道增减幅度（%）而不知道上年数值时填写，下降写负数；"
        "与上年数值同时给出时核对二者是否一致",
        examples=[8.75],
    )
    part_of: Text | None = Field(
        None,
        title="所属总数",
        description="本项是另一项的一部分（其中）时写那一项的名称；同属一项的各部分之和不能超过它。"
        "名称以“其中”开头的数据自动算作上方最近一项的一部分",
        examples=["在校学生"],
    )
    parts: list[Text] = Field(
        default_factory=list,
        title="组成部分",
        description="本项是几项之和（合计）时写那几项的名称；它们之和应等于本项",
        examples=[["小学在校学生", "初中在校学生"]],
    )
    share_of: list[Text] = Field(
        default_factory=list,
        title="占比的分子和分母",
        description="本项（单位 %）等于第一项 ÷ 第二项 × 100 时写这两项的名称",
        examples=[["公办幼儿园在园幼儿", "在园幼儿"]],
    )

    @field_validator("share_of")
    @classmethod
    def _two(cls, v: list[str]) -> list[str]:
        if v and len(v) != 2:
            raise RuleError(
                f"写了 {len(v)} 项",
                "占比写两项的名称：[部分, 总数]，如 [公办幼儿园在园幼儿, 在园幼儿]",
            )
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.growth is None or self.previous is None or self.previous == 0:
            return self
        if self.unit.strip() == "%":
            computed = self.value - self.previous
        else:
            computed = (self.value - self.previous) / abs(self.previous) * 100
        if abs(computed - self.growth) > Decimal("0.01"):
            computed = round_half_up(computed, 2)
            raise RuleError(
                f"“{self.name}”的同比增减 {self.growth} 与数值和上年数值算出的 {computed} 不一致",
                "请核对数值、上年数值和同比增减，或删去 growth 由程序计算",
            )
        return self


class Basic(_Model):
    title: Text | None = Field(None, title="标题", description="默认“基本情况”")
    text: Paragraphs = Field(
        default_factory=list,
        title="正文",
        description="一行一段；整改报告省略时根据 inspection（督导情况）生成",
    )
    figures: list[Figure] = Field(
        default_factory=list, title="主要数据", description="列成表格，计算同比增减"
    )


class Item(_Model):
    lead: Text | None = Field(
        None,
        title="首句",
        description="以句号结尾，排在编号之后，常加粗",
        examples=["健全“常委议教”机制。"],
    )
    text: Paragraphs = Field(default_factory=list, title="正文", description="一行一段")
    points: Points = Field(title="分点", description="依次排为 一是……二是……")

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not (self.lead or self.text or self.points):
            raise RuleError(
                "这一条是空的", "至少要有 lead（首句）、text（正文）或 points（分点）之一"
            )
        return self


class Section(_Model):
    title: Text = Field(
        title="标题",
        description="以句号结尾时与正文接排，否则单独成行",
        examples=["落实教育工作职责，形成合力推动发展。"],
    )
    indicator: Text | None = Field(
        None,
        title="评价指标编号",
        description="对应省级评价办法的指标，同一报告内不重复",
        examples=["A1"],
    )
    text: Paragraphs = Field(default_factory=list, title="正文", description="一行一段")
    points: Points = Field(title="分点", description="依次排为 一是……二是……")
    figures: list[Figure] = Field(
        default_factory=list, title="数据表", description="排在本节正文之后的数据表格"
    )
    items: list[Item] = Field(
        default_factory=list,
        max_length=MAX_NUMBERED,
        title="条目",
        description="下一级编号的条目，各有首句和正文",
    )
    sections: list[Section] = Field(default_factory=list, max_length=MAX_NUMBERED, title="下级标题")

    @model_validator(mode="after")
    def _one_kind_of_children(self) -> Section:
        if self.items and self.sections:
            raise RuleError(
                "同一标题下不能同时有 items（条目）和 sections（下级标题）", "请只用其中一种"
            )
        return self


class Chapter(_Model):
    """A level-1 part whose title has a default (存在的问题, 下一步工作…)."""

    title: Text | None = Field(None, title="标题", description="省略时用默认标题")
    text: Paragraphs = Field(default_factory=list, title="正文", description="一行一段")
    points: Points = Field(title="分点", description="依次排为 一是……二是……")
    figures: list[Figure] = Field(
        default_factory=list, title="数据表", description="排在本节正文之后的数据表格"
    )
    items: list[Item] = Field(default_factory=list, max_length=MAX_NUMBERED, title="条目")
    sections: list[Section] = Field(default_factory=list, max_length=MAX_NUMBERED, title="下级标题")

    @model_validator(mode="after")
    def _one_kind_of_children(self) -> Chapter:
        if self.items and self.sections:
            raise RuleError(
                "同一标题下不能同时有 items（条目）和 sections（下级标题）", "请只用其中一种"
            )
        return self


class Measure(Item):
    unit: Text | None = Field(None, title="责任单位", examples=["区教体局"])
    person: Text | None = Field(None, title="责任人")
    deadline: Deadline | None = Field(
        None,
        title="整改时限",
        description="日期、年月，或“2026年底”“2027年上半年”“长期坚持”等文字",
        examples=["2021-12-31"],
    )
    status: Literal["已完成", "持续推进", "未开始"] | None = Field(None, title="完成情况")
    evidence: Text | None = Field(None, title="佐证材料")


class Problem(_Model):
    title: Text = Field(
        title="问题",
        description="督导报告指出的问题，标题排为 关于“…”问题",
        examples=["教育决策机制还不够完善"],
    )
    text: Paragraphs = Field(default_factory=list, title="问题说明")
    measures: list[Measure] = Field(min_length=1, title="整改措施")


class Inspection(_Model):
    by: Text = Field(title="督导单位", examples=["浙江省人民政府教育督导委员会办公室"])
    start: Date = Field(title="督导开始日期", examples=["2020-10-23"])
    end: Date | None = Field(None, title="督导结束日期", examples=["2020-10-24"])
    grade: Text | None = Field(None, title="评价等级", examples=["A"])
    report: Text | None = Field(None, title="督导报告名称", description="不带书名号")
    report_date: DateOrMonth | None = Field(None, title="督导报告印发日期", examples=["2021年3月"])


class ReportBase(_Model):
    kind: str = Field(
        title="报告类型", description="self_assessment（自查/自评报告）或 rectification（整改报告）"
    )
    region: Region = Field(title="地区")
    year: int = Field(ge=1990, le=2100, title="年度", examples=[2019])
    title: Name | None = Field(None, title="标题", description="省略时按类型、地区和年度生成")
    issuer: Name | None = Field(
        None,
        title="署名",
        description="省略时为“地区名称人民政府”",
        examples=["绍兴市越城区人民政府"],
    )
    date: Date = Field(title="成文日期", examples=["2021-04-01"])
    basis: list[BasisDocument] = Field(default_factory=list, title="依据文件")
    opening: Paragraphs = Field(
        default_factory=list,
        title="开头",
        description="省略时根据 basis（依据文件）生成；写出时照写，不再引用 basis",
    )
    basic: Basic | None = Field(None, title="基本情况")
    attachments: list[Text] = Field(
        default_factory=list, title="附件", description="附件名称，不加书名号和标点"
    )
    next_steps: Chapter | None = Field(None, title="下一步工作")

    @field_validator("attachments")
    @classmethod
    def _bare_names(cls, v: list[str]) -> list[str]:
        # GB/T 9704 §7.3.4: no punctuation after an attachment's name; 《》 copied with it go too.
        return [name.rstrip("。．.，,；;：:、 ").strip("《》") for name in v]


class SelfAssessment(ReportBase):
    kind: Literal["self_assessment"] = Field(title="报告类型")
    review: Literal["自查", "自评"] = Field(
        "自查", title="自查或自评", description="用于默认标题和开头：“……自查报告”或“……自评报告”"
    )
    sections: list[Section] = Field(
        min_length=1,
        max_length=MAX_NUMBERED,
        title="主要做法及成效",
        description="一级标题（一、）及其下级，最多四级",
    )
    problems: Chapter | None = Field(None, title="存在的问题")
    numbering: Literal["by_section", "continuous"] = Field(
        "by_section",
        title="三级编号方式",
        description="by_section：每个（一）下重新从1.编号；continuous：同一个一级标题下连续编号（按指标编号时常用）",
    )
    framework: Text | None = Field(
        None,
        title="评价指标体系",
        description="按某一评价办法的指标逐项自查时写它的编号（data/frameworks/ 中的文件名）；"
        "程序核对各指标是否都回答了一次、顺序和编号是否一致、字数是否超限",
        examples=["tianjin-district-2019"],
    )

    @field_validator("framework")
    @classmethod
    def _known_framework(cls, v: str | None) -> str | None:
        known = framework_ids()
        if v is not None and v not in known:
            raise RuleError(f"没有名为“{v}”的评价指标体系", f"可选：{'、'.join(known)}")
        return v


class Rectification(ReportBase):
    kind: Literal["rectification"] = Field(title="报告类型")
    inspection: Inspection | None = Field(None, title="督导情况")
    problems: list[Problem] = Field(min_length=1, max_length=MAX_NUMBERED, title="问题及整改情况")
    rectification_title: Text | None = Field(
        None, title="整改情况标题", description="默认“整改情况”"
    )
    ledger: bool | None = Field(
        None, title="整改台账", description="是否附整改台账；省略时，措施写了责任单位或时限就附"
    )


def section_depth(section: Section) -> int:
    """Levels below and including this section (items count as one level)."""
    if section.sections:
        return 1 + max(section_depth(s) for s in section.sections)
    return 2 if section.items else 1


__all__ += ["MAX_LEVEL", "TEXT_CLEANERS", "clean_name", "clean_text", "section_depth"]
