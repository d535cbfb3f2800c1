"""Turn loaded data into a typed report, or report every problem with its place in the file."""

from __future__ import annotations

import difflib
import re
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic, InputError, RuleError
from ..read.loader import Loaded, describe_value, dotted_path
from ..text.numbering import MAX_LEVEL, match_number
from .blocks import TAGS, Container, Heading, Lead, Table, numbered_depth
from .fields import MAX_NUMBERED
from .placeholders import TO_FILL, placeholders
from .schema import KINDS, MODELS, Basic, General, Rectification, SelfAssessment

__all__ = ["MODELS", "validate"]


def validate(loaded: Loaded) -> General | SelfAssessment | Rectification:
    """Check loaded data against the schema of its ``kind``; raise InputError with every problem."""
    data = loaded.data
    if not isinstance(data, dict):
        what = describe_value(data)
        hint = "文件应由“键: 值”组成，第一行通常是 kind: self_assessment"
        if isinstance(data, str) and "：" in data:
            hint = "字段名后面要用英文冒号加空格，如 “kind: rectification”，不能用中文冒号“：”"
        raise InputError(
            [loaded.diagnostic((), "", f"文件顶层应为若干“键: 值”，现在是{what}", hint)]
        )
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in MODELS:  # kind: [] must not reach a dict lookup
        choices = "、".join(f"{k}（{v}）" for k, v in KINDS.items())
        if kind is None:
            msg, hint = "缺少必填项", f"在文件开头加上 kind: 后接 {choices} 之一"
        else:
            guess = difflib.get_close_matches(str(kind), list(MODELS), n=1)
            named = [k for word, k in _KIND_WORDS.items() if isinstance(kind, str) and word in kind]
            msg = (
                f"未知的报告类型{_brief(kind)}"
                if isinstance(kind, str)
                else f"报告类型应为一个词，而不是{_brief(kind)}"
            )
            if named:  # kind: 整改报告 — the Chinese name of a kind
                hint = f"报告类型要用英文：写成 kind: {named[0]}"
            else:
                hint = f"是否应为 {guess[0]}？" if guess else f"可选 {choices}"
        raise InputError([loaded.diagnostic(("kind",), "报告类型", msg, hint)])
    model = MODELS[kind]
    problems: list[Diagnostic] = []
    to_fill = placeholders(data)
    filled = _to_fill(loaded, model, to_fill)
    try:
        report = model.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False)
        # A value left to fill is said once, as such, not also as a wrong date or number.
        spots = [p for p, _ in to_fill]
        errors = [
            err
            for err in errors
            if not any(_untagged(tuple(err["loc"]))[: len(p)] == p for p in spots)
        ]
        typos = {
            (tuple(err["loc"][:-1]), _guess(model, tuple(err["loc"])))
            for err in errors
            if err["type"] == "extra_forbidden"
        }
        # A misspelt required key would otherwise be reported twice: unknown and missing.
        errors = [
            err
            for err in errors
            if not (err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in typos)
        ]
        problems = [_translate(loaded, model, err) for err in errors]
        raise InputError(_sorted(filled + problems)) from None
    problems = _check_structure(loaded, report)
    if problems or filled:
        raise InputError(_sorted(filled + problems))
    return report


def _to_fill(loaded: Loaded, model: type[BaseModel], found: list[tuple[tuple, str]]) -> list:
    """待填写 at each value left to fill (model/placeholders.py)."""
    out = []
    for path, proposal in found:
        label = _label(model, path)
        if proposal:
            message = f"{TO_FILL}写（预填“{proposal}”）"
            hint = f"核对预填的值，删去前面的“{TO_FILL}”"
        else:
            message = f"{TO_FILL}写"
            hint = f"把“{TO_FILL}”换成{label or '内容'}"
        out.append(loaded.diagnostic(path, label, message, hint))
    return out


# kind written in Chinese: 自查报告, 自评报告, 整改报告, 工作总结 … (the first word found decides)
_KIND_WORDS = {
    "自查": "self_assessment",
    "自评": "self_assessment",
    "整改": "rectification",
    **dict.fromkeys(
        ("通用", "总结", "意见", "方案", "汇报", "情况报告", "计划", "要点"), "general"
    ),
}


def _sorted(problems: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.path))


def _check_structure(
    loaded: Loaded, report: General | SelfAssessment | Rectification
) -> list[Diagnostic]:
    """Rules that span several fields: heading depth, how many are numbered under one heading,
    unique indicator codes."""
    problems: list[Diagnostic] = []
    seen: dict[str, tuple] = {}
    depths: dict[int, int] = {}  # numbered_depth of each block met, by id (all alive till the end)

    def walk(children: list[tuple[tuple, Any]], level: int) -> None:
        """``children``: (place, block) of the headings and leads under one heading, which take
        ``level`` when numbered."""
        numbered = [here for here, b in children if _numbered(b)]
        # 一、 and （一） count in Chinese numerals, kept to the 99 a report can use (as
        # sections and items are); 1. and （1） run as far as needed (3,000 measures).
        if level <= 2 and len(numbered) > MAX_NUMBERED:
            problems.append(
                loaded.diagnostic(
                    numbered[MAX_NUMBERED],
                    "",
                    f"同一标题下有 {len(numbered)} 个编号的标题或条目，最多 {MAX_NUMBERED} 个",
                    "分到几个标题下，或合并相近的几项",
                )
            )
        for here, b in children:
            own = 1 if _numbered(b) else 0
            if own and level - 1 + numbered_depth(b, depths) > MAX_LEVEL:
                problems.append(
                    loaded.diagnostic(
                        here,
                        "标题",
                        f"标题层级超过{MAX_LEVEL}级（一、（一）1.（1））",
                        "把过深的下级内容写进上一级的 text（正文）或 points（分点）",
                    )
                )
                continue
            indicator = b.own("indicator")
            if indicator:
                if indicator in seen:
                    first = loaded.mark((*seen[indicator], "indicator"))
                    problems.append(
                        loaded.diagnostic(
                            (*here, "indicator"),
                            "评价指标编号",
                            f"指标编号“{indicator}”重复"
                            f"（第一次在第 {first[0] if first else '?'} 行）",
                            "每个评价指标只写一次，请检查编号",
                        )
                    )
                else:
                    seen[indicator] = here
            walk([((*here, *place), c) for place, c in b.children()], level + own)

    def top(at: tuple, blocks: list) -> list[tuple[tuple, Any]]:
        return [((*at, i), b) for i, b in enumerate(blocks) if isinstance(b, Container)]

    if isinstance(report, General):
        walk(top(("body",), report.body), 1)
    for i, attachment in enumerate(report.attachments):
        if isinstance(attachment, BaseModel):
            walk(top(("attachments", i, "body"), attachment.body), 1)
    if isinstance(report, SelfAssessment):
        walk(top(("sections",), report.sections), 1)
        if report.problems is not None:
            walk([(("problems",), report.problems)], 1)
    if isinstance(report, Rectification):
        for i, problem in enumerate(report.problems):
            walk(top(("problems", i, "measures"), problem.measures), 3)
    next_steps = getattr(report, "next_steps", None)
    if next_steps is not None:
        walk([(("next_steps",), next_steps)], 1)
    return problems + _hand_numbers(loaded, report, ())


def _numbered(block: Any) -> bool:
    return isinstance(block, Heading) or (isinstance(block, Lead) and block.numbered)


# A number typed before a heading, a lead, a point or an attachment, as copied from last year's
# Word file (一、 （一） 1. （1） ① 一是 第一，: text/numbering.match_number): reportgen
# numbers by position, so it would print twice.
_NUMBERED = {"title": "标题", "lead": "首句", "points": "分点", "attachments": "附件"}


def _hand_numbers(loaded: Loaded, model: BaseModel, loc: tuple) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if isinstance(model, Table):
        return problems  # a table's title (表1 …) and cells are printed as written
    for name, field in _fields_to_read(type(model)):
        value = getattr(model, name)
        here = (*loc, name)
        if name == "lead" and not getattr(model, "numbered", True):
            continue  # an unnumbered lead gets no number: one typed there is its own
        if name in _NUMBERED and (*loc, name) != ("title",):  # not the report's title: 2022年度…
            texts = (
                [(here, value)]
                if isinstance(value, str)
                else [((*here, i), v) for i, v in enumerate(value or [])]
            )
            # An attachment printed with the document: its title, and its body's own headings.
            for where, v in texts:
                if isinstance(v, BaseModel):
                    problems += _hand_numbers(loaded, v, where)
            for where, text in texts:
                found = match_number(text) if isinstance(text, str) else None
                if found:
                    typed = _as_typed(loaded, where, found.typed)
                    auto = (
                        "分点会自动排为“一是……二是……”"
                        if name == "points"
                        else "reportgen 按位置自动编号"
                    )
                    problems.append(
                        loaded.diagnostic(
                            where,
                            field.title or _NUMBERED[name],
                            f"开头的“{typed}”是手写的编号，{auto}，保留会重复",
                            f"删除开头的“{typed}”",
                        )
                    )
        elif isinstance(value, BaseModel):
            problems += _hand_numbers(loaded, value, here)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, BaseModel):
                    problems += _hand_numbers(loaded, v, (*here, i))
    return problems


@cache
def _fields_to_read(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """The fields of a model class where _hand_numbers looks: those that may hold a typed number,
    and those that may hold models; in field order."""
    return tuple(
        (name, field)
        for name, field in cls.model_fields.items()
        if name in _NUMBERED or _may_hold_models(field.annotation)
    )


def _may_hold_models(annotation: Any) -> bool:
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_may_hold_models(a) for a in typing.get_args(annotation))


def _as_typed(loaded: Loaded, path: tuple, found: str) -> str:
    """The number as the clerk typed it: (1) rather than the （1） proofreading made it."""
    raw: Any = loaded.data
    for key in path:
        try:
            raw = raw[key]
        except (KeyError, IndexError, TypeError):
            return found
    typed = match_number(raw) if isinstance(raw, str) else None
    return typed.typed if typed else found


# ---- pydantic error → clerk message -------------------------------------------------------


# The tags pydantic puts into a location to say which member of a union it tried: which block
# (blocks.TAGS), and whether basic: was the chapter or false. Messages show the place without them.
_TAGGED: dict[str, type[BaseModel] | None] = {**TAGS, "<basic>": Basic, "<no-basic>": None}


def _untagged(loc: tuple) -> tuple:
    return tuple(p for p in loc if not (isinstance(p, str) and p in _TAGGED))


def _translate(loaded: Loaded, model: type[BaseModel], err: ErrorDetails) -> Diagnostic:
    raw = tuple(err["loc"])  # with the union tags: which model stands where
    loc = _untagged(raw)
    etype = err["type"]
    value = err.get("input")
    if etype == "extra_forbidden":
        parent = _model_at(model, raw[:-1])
        key = str(loc[-1])
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", key) and value is None:
            # {value: 1,861} — in a {…} line the comma splits the number into 1 and a field "861".
            return loaded.diagnostic(
                loc,
                "",
                f"“{key}”是数字被逗号拆开的后半段",
                "在 { } 中逗号用来分隔字段，数字不能写千分位逗号：如 value: 1861",
                key=True,
            )
        guess = _guess(model, raw)
        other = _other_kind(model, loc)
        if model is General and len(loc) == 1 and key in _REPORT_PARTS:
            hint = _REPORT_PARTS[key]
        elif other:
            kind = _kind(other)
            hint = (
                f"{key} 是{KINDS[kind]}（kind: {kind}）的字段，本文件是{KINDS[_kind(model)]}："
                f"删除这一项，或检查开头的 kind"
            )
        elif guess and _title(parent, guess) == key:
            hint = f"字段名要用英文：把“{key}”改为 {guess}"
        elif guess:
            hint = f"是否应为 {guess}（{_title(parent, guess)}）？"
        else:
            hint = "此处可用的字段：" + "、".join(parent.model_fields if parent else [])
        return loaded.diagnostic(loc, "", f"未知字段“{key}”", hint, key=True)
    label = _label(model, raw)
    if etype == "missing":
        parent_loc = loc[:-1]
        return loaded.diagnostic(
            loc,
            label,
            "缺少必填项",
            f"请在{dotted_path(parent_loc) or '文件顶层'}下添加 {loc[-1]}: …",
        )
    message, hint = _message(etype, err, value)
    return loaded.diagnostic(loc, label, message, hint)


def _kind(model: type[BaseModel]) -> str:
    return typing.get_args(model.model_fields["kind"].annotation)[0]


def _other_kind(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """Another kind, when a top-level key is one of its fields (inspection: in a 自查报告)."""
    if len(loc) != 1 or "kind" not in model.model_fields:
        return None
    for other in MODELS.values():
        if other is not model and loc[0] in other.model_fields:
            return other
    return None


# A report's parts written in a general document: where they go there.
_REPORT_PARTS = {
    "sections": "通用公文的标题和正文都写在 body 中：把 sections 改为 body",
    **dict.fromkeys(
        ("basic", "problems", "next_steps"),
        "通用公文没有固定章节：把这一章写成 body 中的一个标题，如 - title: 存在的问题",
    ),
}


def _guess(model: type[BaseModel], loc: tuple) -> str | None:
    """The field meant by an unknown key: a near spelling (regoin), or the field whose Chinese
    name was written as the key (成文日期 → date)."""
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return None
    key = str(loc[-1])
    if parent is General and key == "sections":
        return "body"  # a report's sections: a general document's body
    by_title = [name for name, field in parent.model_fields.items() if field.title == key]
    if by_title:
        return by_title[0]
    found = difflib.get_close_matches(key, list(parent.model_fields), n=1, cutoff=0.6)
    return found[0] if found else None


_BLOCK_HINT = (
    "一段正文直接写成“- 文字”；标题写成“- title: …”，首句条目写成“- lead: …”，"
    "分点写成“- points: […]”，表格写成“- table: …”"
)


def _block_message(value: Any) -> tuple[str, str]:
    """A body entry that is none of the blocks (blocks.block_tag found no key it knows)."""
    if value is None:
        return "不能为空", "写出这一段的文字，或删除这一行"
    if isinstance(value, list):
        return "这一项是一个列表，看不出是哪种正文块", _BLOCK_HINT
    keys = "、".join(str(k) for k in value) or "空的“{}”"
    if "text" in value:
        return (
            f"这一项只有 {keys}，看不出是哪种正文块",
            "一段正文直接写成“- 文字”，不写 text:；"
            "要编号的一条写成“- lead: 首句”或加上 numbered: true",
        )
    return f"这一项（{keys}）看不出是哪种正文块", _BLOCK_HINT


def _message(etype: str, err: ErrorDetails, value: Any) -> tuple[str, str]:
    ctx = err.get("ctx") or {}
    if etype == "block_kind":
        return _block_message(value)
    if etype in ("value_error", "assertion_error"):
        error = ctx.get("error")
        if isinstance(error, RuleError):
            message, hint = error.message, error.hint
        else:  # a ValueError no rule of ours raised: its own words, no fix to offer
            message, hint = str(error if error is not None else err["msg"]), ""
        message = re.sub(r"“([^”]{24})[^”]+”", r"“\1…”", message)  # a quoted paragraph, cut short
        return message, hint
    if etype in ("string_type", "string_sub_type"):
        if value is None:
            return "不能为空", "在冒号后面写上内容，或删除这一行"
        if isinstance(value, bool):
            return "应为文字，YAML 把它读成了是/否", '给这个值加上引号，如 "是"'
        if isinstance(value, (dict, list)):
            return (
                "应为一段文字，而不是列表或“键: 值”",
                "检查缩进：正文直接写在冒号后面，或用 | 另起几行",
            )
        return "应为文字", "给这个值加上引号"
    if etype == "string_too_short":
        return "不能为空", "填写内容，或删除这一行"
    if etype == "int_parsing_size":
        return "数字位数太多", "检查是否多写了数字，年份写成 2021 这样的 4 位数"
    if etype in ("int_parsing", "int_type", "int_from_float"):
        return f"应为整数，而不是{_brief(value)}", "只写阿拉伯数字，如 2021"
    if etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"数值{_brief(value)}超出范围", f"应{_range(ctx)}"
    if etype in ("list_type",):
        return "应为列表", "每一项另起一行，以“- ”开头"
    if etype in ("model_type", "dict_type", "model_attributes_type"):
        return "应为若干“键: 值”", "在下一行缩进两个空格，写出各字段"
    if etype == "too_short" and isinstance(value, str):
        return "不能为空", "填写内容，或删除这一行"
    if etype == "too_short":
        return "至少要有一项", "添加至少一项（以“- ”开头）"
    if etype == "too_long":
        return (
            f"有 {ctx.get('actual_length')} 项，一个标题下最多 {ctx.get('max_length')} 项",
            "分到几个标题下，或合并相近的几项",
        )
    if etype == "literal_error":
        expected = (
            str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        )
        what = (
            f"{_brief(value)}不是可选值"
            if not isinstance(value, (dict, list))
            else f"应为单个值，而不是{_brief(value)}"
        )
        near = _nearest(value, expected.split("、"))
        return what, (f"是否应为 {near}？" if near else "") + f"只能是 {expected} 之一"
    if etype in ("bool_type", "bool_parsing"):
        return "应为 true 或 false", "写 true（是）或 false（否）"
    return err["msg"], ""


def _nearest(value: Any, choices: list[str]) -> str | None:
    """The one choice a mistyped value most likely meant (ownline → own_line, 已经完成 → 已完成);
    none where nothing is near, or two choices are as near (急: 特急 or 加急)."""
    if not isinstance(value, str) or not value.strip():
        return None
    scores = sorted(
        ((difflib.SequenceMatcher(None, value.strip(), c).ratio(), c) for c in choices),
        reverse=True,
    )
    if not scores or scores[0][0] < 0.6 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def _brief(value: Any) -> str:
    """A wrong value as shown in a message: quoted, short, never a whole subtree."""
    if isinstance(value, dict):
        return "若干“键: 值”"
    if isinstance(value, list):
        return "一个列表"
    if value is None:
        return "空值"
    text = str(value)
    return f"“{text if len(text) <= 24 else text[:20] + '…'}”"


def _range(ctx: dict) -> str:
    parts = []
    for k, word in (("ge", "不小于"), ("gt", "大于"), ("le", "不大于"), ("lt", "小于")):
        if k in ctx:
            parts.append(f"{word} {ctx[k]}")
    return "，".join(parts)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None


def _model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The model at ``loc`` (as pydantic gives it, union tags included)."""
    for part in loc:
        if isinstance(part, str) and part in _TAGGED:
            model = _TAGGED[part]
            continue
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return model


def _title(model: type[BaseModel] | None, name: str) -> str:
    field = model.model_fields.get(name) if model else None
    return (field.title or "") if field else ""


def _label(model: type[BaseModel], loc: tuple) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return ""
    parent_loc = loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))]
    return _title(_model_at(model, parent_loc), names[-1])
