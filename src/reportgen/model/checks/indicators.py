"""A self-assessment against the indicator framework it names (``framework: <id>``).

Every indicator of the framework is answered once (a section with ``indicator: <code>``), in the
framework's order; where the framework numbers its indicators (``numbered: true``), the heading
number the report prints for an indicator is the indicator's own (指标 3 prints as 3.); where it
limits the length, the report's text stays within it.

Heading numbers are counted here as render/context.py counts them (a test holds the two together):
each heading takes the next number of its level, deeper levels restart, except that with
``numbering: continuous`` level 3 runs on across level 2.
"""

from __future__ import annotations

from pydantic import BaseModel

from ...text.numbering import heading_number
from ..frameworks import Framework, load_framework
from .finding import Finding, Loc
from .walk import texts

__all__ = ["check_indicators", "heading_numbers", "text_length"]


def heading_numbers(report: BaseModel) -> list[tuple[Loc, BaseModel, int, int]]:
    """(path, section, level, number) of every section heading of a self-assessment, in order."""
    continuous = getattr(report, "numbering", "") == "continuous"
    counters = [0] * 6
    out: list[tuple[Loc, BaseModel, int, int]] = []

    def number(level: int) -> int:
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            if not (continuous and deeper == 3 and level == 2):
                counters[deeper] = 0
        return counters[level]

    def section(s: BaseModel, loc: Loc, level: int) -> None:
        out.append((loc, s, level, number(level)))
        for _ in getattr(s, "items", []):
            number(level + 1)
        for i, child in enumerate(getattr(s, "sections", [])):
            section(child, (*loc, "sections", i), level + 1)

    if getattr(report, "basic", None) is not None:
        number(1)
    for i, s in enumerate(getattr(report, "sections", [])):
        section(s, ("sections", i), 1)
    problems = getattr(report, "problems", None)
    if isinstance(problems, BaseModel):
        section(problems, ("problems",), 1)
    return out


def text_length(report: BaseModel) -> int:
    """Characters of the report's text, spaces not counted (as 字数 is counted for a limit)."""
    return sum(len("".join(text.split())) for _, _, text in texts(report))


def check_indicators(report: BaseModel) -> list[Finding]:
    framework_id = getattr(report, "framework", None)
    if not framework_id:
        return []
    framework = load_framework(framework_id)
    title = f"《{framework.name}》"
    out: list[Finding] = []
    answered: list[tuple[Loc, str, int, int]] = []  # path, code, level, printed number
    for loc, s, level, n in heading_numbers(report):
        code = getattr(s, "indicator", None)
        if code:
            answered.append((loc, code, level, n))
    last = 0
    misnumbered: list[tuple[Loc, str, int, int, int]] = []
    for loc, code, level, n in answered:
        place = framework.position(code)
        if place is None:
            out.append(
                Finding(
                    (*loc, "indicator"),
                    "评价指标编号",
                    f"指标编号“{code}”不在{title}中",
                    f"可用的编号：{_codes(framework)}",
                    check="framework",
                )
            )
            continue
        if place < last:
            earlier = framework.indicators[last - 1]
            out.append(
                Finding(
                    (*loc, "indicator"),
                    "评价指标编号",
                    f"指标 {code} 排在指标 {earlier.code} 之后，{title}中 {code} 在前",
                    "按评价办法的顺序排列各指标",
                    check="framework",
                )
            )
        last = max(last, place)
        if framework.numbered and n != place:
            misnumbered.append((loc, code, level, n, place))
    codes = {code for _, code, _, _ in answered}
    missing = [i for i in framework.indicators if i.code not in codes]
    if missing:
        listed = "、".join(f"{i.code}（{i.name}）" for i in missing[:5])
        more = f"等 {len(missing)} 项" if len(missing) > 5 else ""
        out.append(
            Finding(
                ("framework",),
                "评价指标体系",
                f"{title}的指标 {listed}{more}没有回答",
                "每个指标写一节，并写 indicator: 编号",
                check="framework",
            )
        )
    if misnumbered and not out and not missing:  # numbers follow once order and set are right
        loc, code, level, n, place = misnumbered[0]
        hint = "按评价办法的顺序排列各指标，不要遗漏或增加标题"
        if level == 3 and getattr(report, "numbering", "") != "continuous":
            hint = "指标分在几组时，写 numbering: continuous 使编号跨组连续"
        others = f"（共 {len(misnumbered)} 个指标的编号与序号不同）" if len(misnumbered) > 1 else ""
        out.append(
            Finding(
                (*loc, "indicator"),
                "评价指标编号",
                f"指标 {code} 的标题排为“{heading_number(level, n)}”，{title}中是第 {place} 项"
                + others,
                hint,
                check="framework",
            )
        )
    if framework.length_limit:
        length = text_length(report)
        if length > framework.length_limit:
            out.append(
                Finding(
                    ("framework",),
                    "评价指标体系",
                    f"全文约 {length} 字，超过{title}要求的 {framework.length_limit} 字以内",
                    f"精简到 {framework.length_limit} 字以内（按正文、标题等文字计，不计空格）",
                    check="framework",
                )
            )
    return out


def _codes(framework: Framework) -> str:
    codes = [i.code for i in framework.indicators]
    return "、".join(codes) if len(codes) <= 6 else f"{codes[0]}–{codes[-1]}"
