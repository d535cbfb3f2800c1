"""The documents a YAML file describes, one model per ``kind``, with the Chinese name of each field.

``general`` (通用公文: 工作总结, 实施意见, 情况报告, 汇报…) is the base: a title and a body of
blocks (blocks.py); nothing is generated that the file does not ask for. The two report kinds are
presets over the same blocks: they add the fields their fixed chapters are made from (sections,
problems, inspection …) and generate what is left out (title, opening, issuer, chapter titles,
基本情况, the ledger). Every generated part can be turned off with ``false``; a part written but
left empty is a mistake with a message, never silently replaced (``_Document._written``).
:data:`Document` is the union on ``kind``; :func:`document_json_schema` is the JSON Schema a form
can be built from.

Field titles are the Chinese names shown in error messages and in docs/schema.md, which is generated
from these models (``python -m reportgen.model.schemadoc``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

from ..errors import RuleError
from ..read.profile import check_profile_name
from ..text.numbering import MAX_LEVEL
from .blocks import (
    STATUSES,
    Block,
    Figure,
    FiguresBlock,
    Heading,
    Lead,
    Measure,
    PointsBlock,
    Table,
    TableBlock,
    numbered_depth,
)
from .elements import AttachmentItem, Imprint, Letterhead, bare_attachment_name
from .fields import (
    MAX_NUMBERED,
    TEXT_CLEANERS,
    Closing,
    Date,
    DateOrMonth,
    Issuer,
    Model,
    Name,
    Names,
    Note,
    Opening,
    Paragraphs,
    Text,
    TextOrFalse,
    clean_text,
    is_blank,
)
from .frameworks import framework_ids

__all__ = [
    "KINDS",
    "MAX_LEVEL",
    "MODELS",
    "STATUSES",
    "TEXT_CLEANERS",
    "Basic",
    "BasisDocument",
    "Block",
    "Chapter",
    "Document",
    "Figure",
    "FiguresBlock",
    "General",
    "Heading",
    "Inspection",
    "Lead",
    "Measure",
    "PointsBlock",
    "Problem",
    "Rectification",
    "Region",
    "ReportBase",
    "SelfAssessment",
    "Table",
    "TableBlock",
    "clean_text",
    "document_json_schema",
    "numbered_depth",
]

# The report kinds first: messages that list the kinds keep the order they always had.
KINDS = {"self_assessment": "自查/自评报告", "rectification": "整改报告", "general": "通用公文"}
HeadingStyle = Literal["auto", "run_in", "own_line"]


class Region(Model):
    model_config = ConfigDict(title="地区")

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


class BasisDocument(Model):
    model_config = ConfigDict(title="依据文件")

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


def _chapter_title(value: Any) -> Any:
    if value is not False and is_blank(value):
        raise RuleError("内容为空", "要用默认标题请删除这一行；不要标题请写 title: false")
    return value


class Basic(Model):
    model_config = ConfigDict(title="基本情况")

    title: TextOrFalse | None = Field(
        None, title="标题", description="默认“基本情况”；写 false 则不要标题"
    )
    text: Paragraphs = Field(
        default_factory=list,
        title="正文",
        description="一行一段；整改报告省略时根据 inspection（督导情况）生成",
    )
    figures: list[Figure] = Field(
        default_factory=list, title="主要数据", description="列成表格，计算同比增减"
    )

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> Any:
        return _chapter_title(value)


class Chapter(Heading):
    """A level-1 part whose title has a default (存在的问题, 下一步工作…)."""

    model_config = ConfigDict(title="固定章节")

    title: TextOrFalse | None = Field(  # type: ignore[assignment]
        None,
        title="标题",
        description="省略时用默认标题；写 false 则不要标题，内容接在上一章之后",
    )

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> Any:
        return _chapter_title(value)


class Problem(Model):
    model_config = ConfigDict(title="问题")

    title: Text = Field(
        title="问题",
        description="督导报告指出的问题，标题排为 关于“…”问题",
        examples=["教育决策机制还不够完善"],
    )
    text: Paragraphs = Field(default_factory=list, title="问题说明")
    measures: list[Measure] = Field(min_length=1, title="整改措施")


class Inspection(Model):
    model_config = ConfigDict(title="督导情况")

    by: Text = Field(title="督导单位", examples=["浙江省人民政府教育督导委员会办公室"])
    start: Date = Field(title="督导开始日期", examples=["2020-10-23"])
    end: Date | None = Field(None, title="督导结束日期", examples=["2020-10-24"])
    grade: Text | None = Field(None, title="评价等级", examples=["A"])
    report: Text | None = Field(None, title="督导报告名称", description="不带书名号")
    report_date: DateOrMonth | None = Field(None, title="督导报告印发日期", examples=["2021年3月"])


# ---- documents ----------------------------------------------------------------------------------


class _Document(Model):
    """What every kind checks: a part written but left empty (null, "", []) is a mistake, said with
    what to write instead (``EMPTY``, per kind), rather than silently replaced by what the kind
    generates or dropped."""

    EMPTY: ClassVar[dict[str, str]] = {}

    profile: Annotated[str, AfterValidator(check_profile_name)] | None = Field(
        None,
        title="版式方案",
        description="data/profiles/ 中的方案名，如 gbk-fonts（GBK 字体）；"
        "省略时按 GB/T 9704（national）",
        examples=["gbk-fonts"],
    )

    @field_validator(
        "title",
        "issuer",
        "opening",
        "basic",
        "ledger",
        "rectification_title",
        mode="before",
        check_fields=False,
    )
    @classmethod
    def _written(cls, value: Any, info: ValidationInfo) -> Any:
        hint = cls.EMPTY.get(info.field_name or "")
        if hint is None:
            return value
        if is_blank(value):
            raise RuleError("内容为空", hint)
        if value is True and info.field_name in ("title", "issuer", "opening", "basic"):
            raise RuleError("应为文字或 false", hint)
        if value is False and info.field_name == "title":
            raise RuleError("标题不能省略", hint)
        return value


_HEADINGS_FIELD: HeadingStyle = Field(
    "auto",
    title="标题排法",
    description="auto：以句号结尾的标题与正文接排，其余单独成行；run_in：都接排；"
    "own_line：都单独成行。单个标题可用 run_in 另定",
)
_NUMBERING_FIELD: Literal["by_section", "continuous"] = Field(
    "by_section",
    title="三级编号方式",
    description="by_section：每个（一）下重新从1.编号；continuous：同一个一级标题下连续编号（按指标编号时常用）",
)


# ---- the 公文's elements (GB/T 9704 §7), the same fields in every kind, after its own ----
_LETTERHEAD_FIELD = Field(
    None,
    title="版头",
    description="份号、密级、紧急程度、发文机关标志、发文字号、签发人，及其下的红色分隔线",
)
_RECIPIENTS_FIELD = Field(
    None,
    title="主送机关",
    description="标题下空一行顶格排列，最后一个名称后加全角冒号；几个机关写成列表或用顿号隔开",
    examples=["市人民政府教育督导委员会办公室"],
)
_CLOSING_FIELD = Field(
    None,
    title="结束语",
    description="正文之后另起一段，如“特此报告。”；写 true 用措辞文件中的默认结束语",
    examples=["特此报告。"],
)
_SEALED_FIELD = Field(
    False,
    title="加盖印章",
    description="true：按加盖印章的格式排署名和日期（日期右空四字，署名以日期为准居中）；"
    "false（默认）：不加盖印章，署名右空二字",
)
_NOTE_FIELD = Field(
    None,
    title="附注",
    description="成文日期下一行，居左空二字，加圆括号（不写括号时自动加上）",
    examples=["（联系人：张三，电话：0575-12345678）"],
)
_IMPRINT_FIELD = Field(
    None,
    title="版记",
    description="抄送机关、印发机关和印发日期，排在最后一页，末条分隔线与版心下边缘重合",
)
_DUPLEX_FIELD = Field(
    False,
    title="双面印刷",
    description="true：双面印刷，版记排在偶数页（需要时前面留一页空白），空白页和版记页不编页码",
)


def _attachment_names(v: list[Any]) -> list[Any]:
    return [bare_attachment_name(a) if isinstance(a, str) else a for a in v]


class General(_Document):
    """通用公文: only a title and a body are required, and nothing is generated."""

    model_config = ConfigDict(title="通用公文")
    EMPTY: ClassVar[dict[str, str]] = {
        "title": "通用公文必须有标题：在冒号后面写出标题",
        "issuer": "不署名请删除这一行，或写 issuer: false",
        "opening": "不要开头请删除这一行，或写 opening: false",
    }

    kind: Literal["general"] = Field(
        title="公文类型", description="general：通用公文（工作总结、实施意见、情况报告、汇报等）"
    )
    title: Text = Field(title="标题", examples=["某某区教育局2025年工作总结"])
    region: Region | None = Field(
        None, title="地区", description="可不写；批量生成时用于命名文件，不印在正文中"
    )
    year: int | None = Field(None, ge=1990, le=2100, title="年度", examples=[2025])
    issuer: Issuer | None = Field(
        None,
        title="署名",
        description="发文机关署名；不写则不署名；联合行文写成列表，主办机关在前",
        examples=["某某区教育局"],
    )
    date: Date | None = Field(
        None, title="成文日期", description="不写则不印日期", examples=["2025-12-20"]
    )
    opening: Opening | None = Field(
        None, title="开头", description="标题之后、第一个标题之前的段落；不写则没有开头"
    )
    headings: HeadingStyle = _HEADINGS_FIELD
    numbering: Literal["by_section", "continuous"] = _NUMBERING_FIELD
    body: list[Block] = Field(
        min_length=1,
        max_length=10 * MAX_NUMBERED,
        title="正文",
        description="依次排列的正文块：一段文字、标题（title）、首句（lead）、分点（points）、"
        "表格（table）、数据表（figures）",
    )
    attachments: list[AttachmentItem] = Field(
        default_factory=list,
        max_length=MAX_NUMBERED,
        title="附件",
        description="附件名称（不加书名号和标点），单独另附；或 {title: 名称, body: [...]}："
        "随文印发，另起一页，正文写法同 body",
    )
    letterhead: Letterhead | None = _LETTERHEAD_FIELD
    recipients: Names | None = _RECIPIENTS_FIELD
    closing: Closing | None = _CLOSING_FIELD
    sealed: bool = _SEALED_FIELD
    note: Note | None = _NOTE_FIELD
    imprint: Imprint | None = _IMPRINT_FIELD
    duplex: bool = _DUPLEX_FIELD

    @field_validator("attachments")
    @classmethod
    def _bare_names(cls, v: list[Any]) -> list[Any]:
        return _attachment_names(v)


class ReportBase(_Document):
    """What both report kinds have; each generates the parts left out."""

    EMPTY: ClassVar[dict[str, str]] = {
        "title": "要按类型、地区和年度生成标题，请删除这一行",
        "issuer": "不署名请写 issuer: false；要用默认署名“地区名称人民政府”，请删除这一行",
        "opening": "不要开头请写 opening: false；要按依据文件自动生成开头，请删除这一行",
    }

    kind: str = Field(
        title="报告类型", description="self_assessment（自查/自评报告）或 rectification（整改报告）"
    )
    region: Region = Field(title="地区")
    year: int = Field(ge=1990, le=2100, title="年度", examples=[2019])
    title: Text | None = Field(None, title="标题", description="省略时按类型、地区和年度生成")
    issuer: Issuer | None = Field(
        None,
        title="署名",
        description="省略时为“地区名称人民政府”；写 false 则不署名；联合行文写成列表，主办机关在前",
        examples=["绍兴市越城区人民政府"],
    )
    date: Date = Field(title="成文日期", examples=["2021-04-01"])
    basis: list[BasisDocument] = Field(default_factory=list, title="依据文件")
    opening: Opening | None = Field(
        None,
        title="开头",
        description="省略时根据 basis（依据文件）生成；写出时照写，不再引用 basis；"
        "写 false 则没有开头",
    )
    basic: Basic | None = Field(None, title="基本情况")
    attachments: list[AttachmentItem] = Field(
        default_factory=list,
        max_length=MAX_NUMBERED,
        title="附件",
        description="附件名称（不加书名号和标点），单独另附；或 {title: 名称, body: [...]}："
        "随文印发，另起一页，正文写法同 body",
    )
    next_steps: Chapter | None = Field(None, title="下一步工作")
    headings: HeadingStyle = _HEADINGS_FIELD
    letterhead: Letterhead | None = _LETTERHEAD_FIELD
    recipients: Names | None = _RECIPIENTS_FIELD
    closing: Closing | None = _CLOSING_FIELD
    sealed: bool = _SEALED_FIELD
    note: Note | None = _NOTE_FIELD
    imprint: Imprint | None = _IMPRINT_FIELD
    duplex: bool = _DUPLEX_FIELD

    @field_validator("attachments")
    @classmethod
    def _bare_names(cls, v: list[Any]) -> list[Any]:
        return _attachment_names(v)


class SelfAssessment(ReportBase):
    model_config = ConfigDict(title="自查/自评报告")

    kind: Literal["self_assessment"] = Field(title="报告类型")
    review: Literal["自查", "自评"] = Field(
        "自查", title="自查或自评", description="用于默认标题和开头：“……自查报告”或“……自评报告”"
    )
    sections: list[Heading] = Field(
        min_length=1,
        max_length=MAX_NUMBERED,
        title="主要做法及成效",
        description="一级标题（一、）及其下级，最多四级",
    )
    problems: Chapter | None = Field(None, title="存在的问题")
    numbering: Literal["by_section", "continuous"] = _NUMBERING_FIELD
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


def _basic_tag(value: Any) -> str:
    return "<no-basic>" if value is False else "<basic>"


class Rectification(ReportBase):
    model_config = ConfigDict(title="整改报告")
    EMPTY: ClassVar[dict[str, str]] = {
        **ReportBase.EMPTY,
        "basic": "不要“基本情况”一章请写 basic: false；要按督导情况自动生成，请删除这一行",
        "ledger": "写 true（附整改台账）或 false（不附）；删除这一行则措施写了责任单位或时限时才附",
        "rectification_title": "要用默认标题“整改情况”，请删除这一行",
    }

    kind: Literal["rectification"] = Field(title="报告类型")
    basic: (
        Annotated[
            Annotated[Basic, Tag("<basic>")] | Annotated[Literal[False], Tag("<no-basic>")],
            Discriminator(_basic_tag),
        ]
        | None
    ) = Field(  # type: ignore[assignment]  # widens ReportBase.basic with false: no such chapter
        None,
        title="基本情况",
        description="省略时根据 inspection（督导情况）生成；写 false 则没有这一章",
    )
    inspection: Inspection | None = Field(None, title="督导情况")
    problems: list[Problem] = Field(min_length=1, max_length=MAX_NUMBERED, title="问题及整改情况")
    rectification_title: Text | None = Field(
        None, title="整改情况标题", description="默认“整改情况”"
    )
    ledger: bool | None = Field(
        None, title="整改台账", description="是否附整改台账；省略时，措施写了责任单位或时限就附"
    )


MODELS: dict[str, type[General | SelfAssessment | Rectification]] = {
    "self_assessment": SelfAssessment,
    "rectification": Rectification,
    "general": General,
}
Document = Annotated[General | SelfAssessment | Rectification, Field(discriminator="kind")]


def document_json_schema() -> dict[str, Any]:
    """The JSON Schema of every kind, one of them chosen by ``kind`` (for a form built from it)."""
    return TypeAdapter(Document).json_schema()
