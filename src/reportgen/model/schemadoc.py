"""Generate docs/schema.md, the field reference, from the models in schema.py.

    uv run python -m reportgen.model.schemadoc > docs/schema.md

A test fails when docs/schema.md is out of date, so the reference never drifts from the code.
"""

from __future__ import annotations

import sys
import typing
from typing import Any, Literal

from pydantic import BaseModel, BeforeValidator, Discriminator

from .blocks import TAGS, FiguresBlock, PointsBlock, Table, TableBlock
from .elements import Attachment, Imprint, Letterhead
from .schema import (
    Basic,
    BasisDocument,
    Chapter,
    Figure,
    General,
    Heading,
    Inspection,
    Lead,
    Measure,
    Problem,
    Rectification,
    Region,
    SelfAssessment,
)

__all__ = ["schema_markdown"]

_BY_VALIDATOR = {
    "clean_text": "文字",
    "_paragraphs": "文字，可多段（一行一段，或列表）",
    "_date": "日期（2021-04-01 / 2021.4.1 / 2021年4月1日）",
    "_date_or_month": "日期或年月（2021年3月）",
    "_deadline": "日期、年月，或文字（如“2026年底”“长期坚持”）",
    "_number": "数字（不带单位和千分位逗号）",
    "_text_or_false": "文字，或 false（不要这一项）",
    "_name_or_false": "文字，或 false（不要这一项）",
    "_opening": "文字，可多段（一行一段，或列表）；或 false（不要开头）",
    "_row": "一行：[格, 格, …]",
    "_cell": "一格文字（可为空）",
    "_names": "名称，或名称的列表（一行中可用顿号隔开）",
    "_issuer": "名称；联合行文为名称的列表；或 false（不署名）",
    "_closing": "文字（末尾无句号时加上“。”），或 true（用默认结束语）",
    "_note": "文字（自动加圆括号）",
    "_copy_number": "1 到 6 位数字",
    "_secrecy": "文字（绝密、机密、秘密，可加 ★ 和保密期限）",
    "_doc_number": "文字（机关代字〔年份〕序号号）",
}
_SECTIONS: list[tuple[type[BaseModel], str]] = [
    (General, "通用公文 `kind: general`"),
    (SelfAssessment, "自查/自评报告 `kind: self_assessment`"),
    (Rectification, "整改报告 `kind: rectification`"),
    (Heading, "标题 `- title: …`（`body[]`、`sections[]`，可嵌套，最多四级）"),
    (Lead, "首句条目 `- lead: …`（`body[]`、`items[]`）"),
    (PointsBlock, "分点段 `- points: […]`（`body[]`）"),
    (TableBlock, "表格块 `- table: …`（`body[]`）"),
    (Table, "表格 `table`"),
    (FiguresBlock, "数据表块 `- figures: […]`（`body[]`）"),
    (Figure, "数据 `figures[]`"),
    (Region, "地区 `region`"),
    (BasisDocument, "依据文件 `basis[]`"),
    (Basic, "基本情况 `basic`"),
    (Chapter, "固定章节 `problems`（自查报告）、`next_steps`"),
    (Inspection, "督导情况 `inspection`"),
    (Problem, "问题 `problems[]`（整改报告）"),
    (Measure, "整改措施 `problems[].measures[]`"),
    (Letterhead, "版头 `letterhead`（各类文件都可用）"),
    (Attachment, "随文印发的附件 `attachments[]`（各类文件都可用）"),
    (Imprint, "版记 `imprint`（各类文件都可用）"),
]
# How each block of a body is told apart from the others (blocks.block_tag), with an example.
_BLOCKS = [
    ("一段正文", "一段文字（用 `\\|` 另起多行时一行一段）", "`- 全年共新建幼儿园3所。`"),
    ("标题", "有 `title:`", "`- title: 主要工作及成效`"),
    ("首句条目", "有 `lead:`（或只有 `numbered:` 和正文）", "`- lead: 抓建设。`"),
    ("分点段", "有 `points:`（可加 `intro:`）", "`- points: [甲, 乙]`"),
    ("表格块", "有 `table:`", "`- table: {header: [类别, 任务], rows: [[学前教育, 新建幼儿园]]}`"),
    ("数据表块", "有 `figures:`", "`- figures: [{name: 教育支出, value: 15.69, unit: 亿元}]`"),
]


def _validators(annotation: Any, metadata: list) -> list[str]:
    names = [m.func.__name__ for m in metadata if isinstance(m, BeforeValidator)]
    for extra in getattr(annotation, "__metadata__", ()):
        if isinstance(extra, BeforeValidator):
            names.append(extra.func.__name__)
    return names


def _describe(annotation: Any, metadata: list | None = None) -> str:
    for name in _validators(annotation, metadata or []):
        if name in _BY_VALIDATOR:
            return _BY_VALIDATOR[name]
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated and any(
        isinstance(m, Discriminator) for m in annotation.__metadata__
    ):
        return _tagged(args[0])
    if origin is typing.Annotated:
        return _describe(args[0], list(annotation.__metadata__))
    if origin is Literal:
        return "可选值：" + " / ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return _describe(args[0]) if len(args) == 1 else " 或 ".join(_describe(a) for a in args)
    if origin is list:
        inner = args[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return f"列表，每项见“{_name(inner)}”"
        return f"列表，每项为{_describe(inner)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"见“{_name(annotation)}”"
    return {int: "整数", bool: "true / false", str: "文字"}.get(annotation, str(annotation))


def _tagged(union: Any) -> str:
    """A union told apart by its content (blocks.block_tag): the body's blocks, or basic: false."""
    members = [typing.get_args(m)[0] for m in typing.get_args(union)]
    if TAGS["<heading>"] in members:
        return "正文块（见“正文块”）"
    return " 或 ".join(
        "false（不要这一项）" if typing.get_origin(m) is Literal else _describe(m) for m in members
    )


def _name(model: type[BaseModel]) -> str:
    return next(title.split(" ")[0] for m, title in _SECTIONS if m is model)


def _example(field) -> str:
    if field.examples:
        return f"`{_flow(field.examples[0])}`"
    return ""


def _flow(value: Any) -> str:
    """A value as written in YAML's one-line form: [类别, 任务], not Python's ['类别', '任务']."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


def schema_markdown() -> str:
    out = [
        "# 报告文件字段参考 (YAML schema reference)",
        "",
        "本页由 `uv run python -m reportgen.model.schemadoc > docs/schema.md` 从代码生成，"
        "请勿手改。",
        "This page is generated from `src/reportgen/model/schema.py`; do not edit by hand.",
        "",
        "通用规则 (general rules):",
        "",
        "- 字段名用英文（如 `region`），错误提示中同时给出中文名。"
        "写错字段名会提示最接近的正确写法；写成中文名（如“成文日期:”）会提示对应的英文名。",
        "- 正文（text）可写成一段文字，也可用 `|` 另起多行：**一行一段**。不用 `|` 时，"
        "缩进的续行接在上一行后面（同一段，中文之间不留空格）。",
        "- 先选文件的类型 `kind`：`general`（通用公文：工作总结、实施意见、情况报告、汇报等）、"
        "`self_assessment`（履行教育职责自查/自评报告）或 `rectification`（整改报告），"
        "怎样选见 [kinds.md](kinds.md)。通用公文只印写出的内容；两种报告省略标题、开头、署名、"
        "章节名时按类型生成，写 `false` 则不要这一项（如 `opening: false`）。写了却留空"
        '（`opening:`、`""`、`[]`）会报错，不会悄悄换成生成的内容。',
        "- 标题以句号（。！？）结尾时，与正文接排在同一段（如“（一）加强组织领导。一是……”）；"
        "否则单独成行。全文可用 `headings: own_line`（都单独成行）或 `headings: run_in`（都接排）"
        "改变，"
        "单个标题用 `run_in: true` / `run_in: false` 另定。",
        "- 分点（points）依次排为“一是……二是……”，接在正文最后一段之后；在 `body` 中写成分点段，"
        "前面可加 `intro:`（同一段），后面的正文另写一项。",
        "- 标题和首句条目下的内容可以写成 `body:`（正文块依次排列，见“正文块”），也可以用 "
        "`text`、`points`、`figures`、`items`、`sections` 这些字段（依次排为正文、分点、数据表、"
        "条目、下级标题）；同一标题下只能用其中一种写法。",
        "- 编号由位置生成（一、（一）1.（1）），标题、首句、分点和附件的开头都不要手写编号（一、"
        "（一）1. 一是 ① 等），写了会报错并指出删除哪几个字。",
        "- 日期可写 `2021-04-01`、`2021.4.1`、`2021/4/1`、`2021年4月1日` 或 `二〇二一年四月一日`，"
        "排版时统一为“2021年4月1日”（GB/T 9704 规定用阿拉伯数字）。",
        "- 文号用六角括号：`云政教督〔2021〕2号`（写成 [2021] 或 (2021) 会自动改正）。",
        "- 紧挨汉字的半角标点 `, ; : ? ! . ( )` 排版时改为全角（，；：？！。（））；"
        "跟在后引号、%、数字或英文后面而后面接着汉字的也改（“双减”,落实 → “双减”，落实；"
        "10%,落实 → 10%，落实）；成对的半角引号 "
        '"双减" 改为“双减”；数字、时间、网址和英文中的不变（1,861、3.5、8:30）。',
        "- 从网页、PDF 复制来的兼容字符改为常用字符：小字号标点 ﹐﹑﹔﹕﹪、竖排标点、"
        "全角数字和字母（１２３ → 123，ＡＢＣ → ABC，％ → %）、康熙部首（⾏ → 行）；"
        "全角的，。：；？！（）～保持不变。",
        "- 数字与汉字之间、中文标点前后的多余空格去掉（15 人 → 15人，、 42316 → 、42316）；"
        "地区名称、上级地区和署名中汉字之间的空格也去掉（东城 区 → 东城区）；英文单词之间、"
        "标题中联合发文机关之间的空格不变。",
        "- 同比增减按四舍五入（与统计部门和 Excel 的 ROUND 相同，1.125 → 1.13）保留至多两位小数；"
        "同一表格的增减列保留相同的小数位数（下降4.00% 与 下降1.11% 并列，而不是 下降4%）。",
        "- 引号里面再用引号时，里层改为单引号：关于“教育经费“两个只增不减”落实不到位”问题 → "
        "关于“教育经费‘两个只增不减’落实不到位”问题。",
        "",
    ]
    out += [
        "## 正文块 `body[]`",
        "",
        "`body` 中的每一项是下面一种正文块，按写出的键区分：",
        "",
        "| 正文块 | 怎样写 | 示例 |",
        "|---|---|---|",
        *(f"| {name} | {how} | {example} |" for name, how, example in _BLOCKS),
        "",
    ]
    for model, heading in _SECTIONS:
        out += [
            f"## {heading}",
            "",
            "| 字段 | 中文名 | 类型 | 必填 | 说明 | 示例 |",
            "|---|---|---|---|---|---|",
        ]
        for key, field in model.model_fields.items():
            required = "是" if field.is_required() else ""
            desc = (field.description or "").replace("|", "\\|")
            out.append(
                f"| `{key}` | {field.title or ''} | "
                f"{_describe(field.annotation, field.metadata)} | "
                f"{required} | {desc} | {_example(field)} |"
            )
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(schema_markdown())
