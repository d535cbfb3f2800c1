"""The body of a document: the blocks a clerk writes under the title and under each heading.

A body (``body:``) is a list of blocks in reading order:

- a text: a paragraph (a text of several lines is one paragraph per line);
- :class:`Heading` ``{title: …}``: a heading numbered by its level (一、 （一） 1. （1）), with a
  body of its own;
- :class:`Lead` ``{lead: …}``: a bold lead sentence and its text, numbered at the next level or
  not (``numbered: false``), run in or a paragraph of its own (``run_in: false``);
- :class:`PointsBlock` ``{points: […]}``: 一是……二是…… in one paragraph, after an optional
  ``intro``;
- :class:`TableBlock` ``{table: {…}}``: a table with any columns;
- :class:`FiguresBlock` ``{figures: […]}``: the figures table, its year-on-year change computed.

Headings and leads may be written with the shorthand fields instead of ``body`` (``text``,
``points``, ``figures``, ``items``, ``sections``), never both; :meth:`Container.blocks` gives either
form as the one block list the context walks. Pydantic tells the block kinds apart by their keys
(:func:`block_tag`); the tags it puts into error locations are :data:`TAGS`, which validate.py
reads and drops.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from ..errors import RuleError
from ..text.rounding import round_half_up
from .fields import (
    MAX_NUMBERED,
    Cell,
    Deadline,
    Model,
    Number,
    Paragraphs,
    Points,
    Text,
    Unit,
    number_beside_unit,
    raise_at,
)

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "STATUSES",
    "TAGS",
    "Block",
    "Container",
    "Figure",
    "FiguresBlock",
    "Heading",
    "Lead",
    "Measure",
    "PointsBlock",
    "Status",
    "Table",
    "TableBlock",
    "block_tag",
    "body_lines",
    "numbered_depth",
    "year_on_year",
]

Status = Literal["已完成", "持续推进", "未开始"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


# ---- figures -------------------------------------------------------------------------------


def year_on_year(value: Decimal, previous: Decimal, *, points: bool) -> Decimal | None:
    """The change from last year, exact: in percentage points for a rate (``points``), else in per
    cent of last year's value; None when last year's value is 0 and a per cent cannot be had."""
    if points:
        return value - previous
    if previous == 0:
        return None
    return (value - previous) * 100 / abs(previous)  # exact before rounding wherever it can be


class Figure(Model):
    model_config = ConfigDict(title="数据")

    name: Text = Field(title="指标名称", examples=["一般公共预算教育支出"])
    value: Number = Field(title="数值", examples=[473813.97])
    unit: Unit = Field(
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

    @model_validator(mode="before")
    @classmethod
    def _number_beside_unit(cls, data: Any) -> Any:
        """A unit typed after the value (5.2万) is told against the figure's unit (万元)."""
        if isinstance(data, dict):
            unit = data.get("unit")
            raise_at(
                "数据",
                [
                    ((field,), error)
                    for field in ("value", "previous")
                    if (error := number_beside_unit(data.get(field), unit))
                ],
            )
        return data

    @field_validator("share_of")
    @classmethod
    def _two(cls, v: list[str]) -> list[str]:
        if v and len(v) != 2:
            raise RuleError(
                f"写了 {len(v)} 项",
                "占比写两项的名称：[部分, 总数]，如 [公办幼儿园在园幼儿, 在园幼儿]",
            )
        return v

    @property
    def in_points(self) -> bool:
        """A rate (unit %) changes by percentage points."""
        return self.unit.strip() == "%"

    def change(self) -> Decimal | None:
        """The year-on-year change, exact: from last year's value, else the stated growth."""
        if self.previous is not None:
            return year_on_year(self.value, self.previous, points=self.in_points)
        return self.growth

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.growth is None or self.previous is None or self.previous == 0:
            return self
        computed = year_on_year(self.value, self.previous, points=self.in_points)
        if computed is not None and abs(computed - self.growth) > Decimal("0.01"):
            computed = round_half_up(computed, 2)
            raise RuleError(
                f"“{self.name}”的同比增减 {self.growth} 与数值和上年数值算出的 {computed} 不一致",
                "请核对数值、上年数值和同比增减，或删去 growth 由程序计算",
            )
        return self


class FiguresBlock(Model):
    model_config = ConfigDict(title="数据表块")

    figures: list[Figure] = Field(
        min_length=1,
        title="数据表",
        description="列成“指标、本年、上年、同比增减”四列的表格，同比增减自动计算",
    )


# ---- tables --------------------------------------------------------------------------------

# A table fills the text block: 31 characters of the table's 14 pt; ten columns still leave each
# three characters. Rows: far beyond any report's table, and a bound for hostile input.
MAX_COLUMNS = 10
MAX_ROWS = 500


def _row(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        raise RuleError(
            "一行应写成用方括号括起的列表", "写成 [类别, 任务, 完成情况] 这样，格与格之间用英文逗号"
        )
    if isinstance(value, dict):
        raise RuleError("一行应写成列表，而不是“键: 值”", "写成 [类别, 任务, 完成情况] 这样")
    return value


Row = Annotated[list[Cell], BeforeValidator(_row)]


class Table(Model):
    model_config = ConfigDict(title="表格")

    title: Text | None = Field(
        None,
        title="表题",
        description="排在表格上方正中；不写则没有表题",
        examples=["表1 2025年重点任务完成情况"],
    )
    unit: Text | None = Field(
        None,
        title="计量单位",
        description="排在表格右上方：写“万元”印为“单位：万元”",
        examples=["万元"],
    )
    header: list[Text] = Field(
        min_length=1,
        max_length=MAX_COLUMNS,
        title="表头",
        description="各列的列名，依次写在方括号中",
        examples=[["类别", "任务", "完成情况"]],
    )
    rows: list[Row] = Field(
        min_length=1,
        max_length=MAX_ROWS,
        title="表格行",
        description='每行写成 [格, 格, …]，格数与表头相同；空格写成 ""',
        examples=[[["学前教育", "新建幼儿园3所", "已完成"]]],
    )
    merge: list[Text] = Field(
        default_factory=list,
        title="合并列",
        description="按表头的列名写；这些列中上下相邻、内容相同的格合并为一格（分类列常用）",
        examples=[["类别"]],
    )

    @field_validator("unit")
    @classmethod
    def _bare_unit(cls, v: str | None) -> str | None:
        # 单位：万元 written whole: the line adds 单位： itself.
        if v is not None:
            v = v.removeprefix("单位").lstrip("：:").strip() or v
        return v

    @model_validator(mode="after")
    def _shape(self) -> Table:
        columns = len(self.header)
        problems: list[tuple[tuple, RuleError]] = []
        for i, row in enumerate(self.rows):
            if len(row) != columns:
                problems.append(
                    (
                        ("rows", i),
                        RuleError(
                            f"第 {i + 1} 行有 {len(row)} 格，表头有 {columns} 列",
                            '每行的格数与表头相同：补上缺的格（空格写成 ""），或删去多余的格',
                        ),
                    )
                )
        for j, name in enumerate(self.merge):
            if name not in self.header:
                near = difflib.get_close_matches(name, self.header, n=1, cutoff=0.5)
                choices = "、".join(self.header)
                hint = f"是否应为“{near[0]}”？" if near else ""
                problems.append(
                    (
                        ("merge", j),
                        RuleError(
                            f"表头中没有“{name}”这一列",
                            f"{hint}合并列按表头的列名写，可选：{choices}",
                        ),
                    )
                )
            elif self.header.count(name) > 1:
                problems.append(
                    (
                        ("merge", j),
                        RuleError(
                            f"表头中有 {self.header.count(name)} 列都叫“{name}”，不知合并哪一列",
                            "给这几列起不同的列名",
                        ),
                    )
                )
        raise_at("表格", problems)
        return self


class TableBlock(Model):
    model_config = ConfigDict(title="表格块")

    table: Table = Field(title="表格", description="任意列的表格：表题、单位、表头、各行、合并列")


# ---- points --------------------------------------------------------------------------------


class PointsBlock(Model):
    model_config = ConfigDict(title="分点段")

    intro: Text | None = Field(
        None,
        title="引语",
        description="排在“一是”之前、同一段中的文字",
        examples=["全年重点抓了三方面工作："],
    )
    points: Annotated[list[Text], Field(min_length=1, max_length=MAX_NUMBERED)] = Field(
        title="分点", description="依次排为 一是……二是……，在同一段中"
    )


# ---- headings and leads --------------------------------------------------------------------


def _text_field() -> Any:
    return Field(default_factory=list, title="正文", description="一行一段")


def _points_field() -> Any:
    return Field(title="分点", description="依次排为 一是……二是……，接在正文最后一段之后")


def _body_field(description: str) -> Any:
    return Field(
        default_factory=list, max_length=10 * MAX_NUMBERED, title="正文块", description=description
    )


class Container(Model):
    """What headings and leads share: what stands under them, written either as ``body`` (a block
    list) or in the shorthand fields named in ``SHORTHAND``; :meth:`blocks` gives either as
    blocks."""

    SHORTHAND: ClassVar[tuple[str, ...]] = ("text", "points")
    NOUN: ClassVar[str] = "标题"

    @model_validator(mode="after")
    def _one_form(self) -> Container:
        body = self.own("body")
        written = [name for name in self.SHORTHAND if getattr(self, name)]
        problems: list[tuple[tuple, RuleError]] = []
        if body and written:
            name = written[0]
            title = type(self).model_fields[name].title
            problems.append(
                (
                    (name,),
                    RuleError(
                        f"同一{self.NOUN}下不能既写 body（正文块）又写 {name}（{title}）",
                        f"把 {name} 的内容写进 body（一段正文写成“- 文字”），或删去 body",
                    ),
                )
            )
        if self.own("items") and self.own("sections"):
            problems.append(
                (
                    ("items",),
                    RuleError(
                        "同一标题下不能同时有 items（条目）和 sections（下级标题）",
                        "请只用其中一种",
                    ),
                )
            )
        raise_at(type(self).model_config.get("title") or "", problems)
        return self

    def own(self, name: str, default: Any = None) -> Any:
        """The field ``name`` of this block, or ``default`` where its kind has no such field (a
        measure has no sections). Read from the instance's fields: getattr with a default would
        go through pydantic's slow path for a missing attribute, a hundred times a report."""
        return self.__dict__.get(name, default)

    def blocks(self) -> list[Block]:
        """What stands under this heading or lead, as blocks in reading order."""
        body = self.own("body")
        if body:
            return body_lines(body)
        out: list[Any] = list(self.own("text", []))
        points = self.own("points", [])
        if points:
            # Points join the last paragraph, as 一是…… after its last sentence.
            intro = out.pop() if out else None
            out.append(PointsBlock.model_construct(intro=intro, points=list(points)))
        figures = self.own("figures", [])
        if figures:
            out.append(FiguresBlock.model_construct(figures=list(figures)))
        out += self.own("items", [])
        out += self.own("sections", [])
        return out

    def children(self) -> list[tuple[tuple, Any]]:
        """The headings and leads under this one, each with its place relative to this one."""
        body = self.own("body")
        if body:
            return [(("body", i), b) for i, b in enumerate(body) if isinstance(b, Container)]
        return [
            ((name, i), b)
            for name in ("items", "sections")
            for i, b in enumerate(self.own(name, []))
        ]


def body_lines(body: list[Any]) -> list[Any]:
    """A body's blocks, a text of several lines split into one paragraph per line."""
    out: list[Any] = []
    for b in body:
        if isinstance(b, str):
            out += [line.strip() for line in b.split("\n") if line.strip()]
        else:
            out.append(b)
    return out


class Lead(Container):
    """A bold lead sentence (首句) and what follows it; today's ``items`` entries are leads."""

    model_config = ConfigDict(title="首句条目")
    NOUN: ClassVar[str] = "条目"

    lead: Text | None = Field(
        None,
        title="首句",
        description="以句号结尾，加粗，排在编号之后",
        examples=["健全“常委议教”机制。"],
    )
    numbered: bool = Field(
        True,
        title="编号",
        description="true（默认）：按下一级编号（1. 或（1）等）；false：不编号，只把首句加粗",
    )
    run_in: bool | None = Field(
        None,
        title="与正文接排",
        description="不写或 true：首句与正文排在同一段；false：首句单独成段",
    )
    text: Paragraphs = _text_field()
    points: Points = _points_field()
    body: list[Block] = _body_field("代替 text、points：正文、分点、表格等依次排列")

    @model_validator(mode="after")
    def _not_empty(self) -> Lead:
        if not (self.lead or self.text or self.points or self.body):
            raise RuleError(
                "这一条是空的", "至少要有 lead（首句）、text（正文）或 points（分点）之一"
            )
        return self


class Heading(Container):
    model_config = ConfigDict(title="标题")
    SHORTHAND: ClassVar[tuple[str, ...]] = ("text", "points", "figures", "items", "sections")

    title: Text = Field(
        title="标题",
        description="以句号结尾时与正文接排，否则单独成行（可用 run_in 或全文的 headings 改变）",
        examples=["落实教育工作职责，形成合力推动发展。"],
    )
    run_in: bool | None = Field(
        None,
        title="与正文接排",
        description="true：标题与第一段正文排在同一段（标题末尾无句号时自动加“。”）；"
        "false：标题单独成行；不写时按全文的 headings",
    )
    indicator: Text | None = Field(
        None,
        title="评价指标编号",
        description="对应省级评价办法的指标，同一报告内不重复",
        examples=["A1"],
    )
    text: Paragraphs = _text_field()
    points: Points = _points_field()
    figures: list[Figure] = Field(
        default_factory=list, title="数据表", description="排在本节正文之后的数据表格"
    )
    items: list[Lead] = Field(
        default_factory=list,
        max_length=MAX_NUMBERED,
        title="条目",
        description="下一级编号的条目，各有首句和正文",
    )
    sections: list[Heading] = Field(default_factory=list, max_length=MAX_NUMBERED, title="下级标题")
    body: list[Block] = _body_field(
        "代替 text、points、figures、items、sections：正文、下级标题、首句、分点、表格依次排列"
    )


class Measure(Lead):
    model_config = ConfigDict(title="整改措施")

    unit: Text | None = Field(None, title="责任单位", examples=["区教体局"])
    person: Text | None = Field(None, title="责任人")
    deadline: Deadline | None = Field(
        None,
        title="整改时限",
        description="日期、年月，或“2026年底”“2027年上半年”“长期坚持”等文字",
        examples=["2021-12-31"],
    )
    status: Status | None = Field(None, title="完成情况")
    evidence: Text | None = Field(
        None,
        title="佐证材料",
        description="列入整改台账的“佐证材料”一栏",
        examples=["区委常委会会议纪要"],
    )


# ---- the block union -----------------------------------------------------------------------

# The tags pydantic puts into an error's location after a block's index: body[2].<table>.table.rows.
# None: the block is a paragraph, not a model.
TAGS: dict[str, type[BaseModel] | None] = {
    "<paragraph>": None,
    "<heading>": Heading,
    "<lead>": Lead,
    "<points>": PointsBlock,
    "<table>": TableBlock,
    "<figures>": FiguresBlock,
}
# Which key tells which block it is, first match wins: a heading may hold points, a lead text.
_KEYS = (
    ("title", "<heading>"),
    ("lead", "<lead>"),
    ("numbered", "<lead>"),
    ("table", "<table>"),
    ("figures", "<figures>"),
    ("points", "<points>"),
    ("intro", "<points>"),
)


def block_tag(value: Any) -> str | None:
    """Which block ``value`` is; None when it is none of them (the error says what may be)."""
    if isinstance(value, BaseModel):
        return next(tag for tag, model in TAGS.items() if model and isinstance(value, model))
    if isinstance(value, dict):
        return next((tag for key, tag in _KEYS if key in value), None)
    if value is None or isinstance(value, list):
        return None
    return "<paragraph>"


Block = Annotated[
    Annotated[Text, Tag("<paragraph>")]
    | Annotated[Heading, Tag("<heading>")]
    | Annotated[Lead, Tag("<lead>")]
    | Annotated[PointsBlock, Tag("<points>")]
    | Annotated[TableBlock, Tag("<table>")]
    | Annotated[FiguresBlock, Tag("<figures>")],
    Discriminator(
        block_tag,
        custom_error_type="block_kind",
        custom_error_message="not a paragraph, heading, lead, points, table or figures",
    ),
]

for _model in (Lead, Heading, Measure):
    _model.model_rebuild()


def numbered_depth(block: Any, memo: dict[int, int] | None = None) -> int:
    """The numbered levels a block takes, its own included: 0 for a paragraph or a table, 1 for a
    heading or numbered lead with nothing numbered under it. ``memo`` keeps each block's depth by
    its id, for a caller that asks again for the blocks under one it has asked about."""
    if not isinstance(block, Container):
        return 0
    if memo is not None and id(block) in memo:
        return memo[id(block)]
    own = 1 if isinstance(block, Heading) or block.own("numbered", True) else 0
    # Only headings and leads take numbers: the blocks under it that are one (its children).
    depth = own + max((numbered_depth(b, memo) for _, b in block.children()), default=0)
    if memo is not None:
        memo[id(block)] = depth
    return depth
