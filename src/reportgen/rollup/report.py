"""The city-level summary report (``rollup --report 汇总报告.docx``), written as a general document.

The roll-up's numbers (:mod:`.summary`) become a ``kind: general`` document — an opening, the
overall counts in words, a table of districts, the overdue measures, the districts whose files
failed — which goes through the one path every report takes (validate, number checks, the
template, the layout rules). The document is YAML text a clerk can read and edit
(``--report-yaml 汇总报告.yaml``, then ``reportgen render 汇总报告.yaml``): every number in it is
written out, computed from the districts' files, and nothing in it is a placeholder.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from ..command import command
from ..model.blocks import MAX_ROWS
from ..model.schema import KINDS
from ..text.dates import CnDate, format_date
from .summary import Rollup

__all__ = ["report_document", "report_yaml"]


def _day(d: dt.date) -> str:
    return format_date(CnDate(d.year, d.month, d.day))


def _percent(part: int | Decimal, whole: int) -> str:
    """A share as printed: one decimal, half up (16.7%); 100% and 0% without one."""
    value = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    return text.removesuffix(".0") + "%"


def _rate(rate: Decimal | None) -> str:
    return "—" if rate is None else _percent(rate, 1)


def _title(r: Rollup) -> str:
    ok = [d for d in r.districts if d.ok]
    years = {d.year for d in ok if d.year}
    year = f"{years.pop()}年度" if len(years) == 1 else ""
    if ok and all(d.kind == "rectification" for d in ok):
        return f"关于{year}各地区履行教育职责问题整改情况的报告"
    return f"关于{year}各地区报告情况的汇总报告"


def _chunks(rows: list[list[Any]], title: str) -> list[dict[str, Any]]:
    """Tables of at most MAX_ROWS rows; the second and later titled （续）."""
    out = []
    for i in range(0, len(rows), MAX_ROWS):
        out.append(title + ("" if i == 0 else "（续）"))
    return [
        {"title": t, "rows": rows[i * MAX_ROWS : (i + 1) * MAX_ROWS]} for i, t in enumerate(out)
    ]


def report_document(
    r: Rollup,
    *,
    title: str | None = None,
    issuer: str | None = None,
    date: dt.date | None = None,
    profile: str | None = None,
) -> dict[str, Any]:
    """The summary report as the data of a ``kind: general`` file; ``profile`` is written into it
    (a file's path made absolute), so that the YAML renders again as the report did."""
    t = r.totals
    as_of = _day(r.as_of)
    ok = [row for row in r.overview if row.district.ok]
    kinds = "、".join(dict.fromkeys(KINDS.get(row.district.kind, "报告") for row in ok)) or "报告"
    doc: dict[str, Any] = {"kind": "general"}
    if profile:
        named = "/" in profile or "\\" in profile or profile.lower().endswith((".yaml", ".yml"))
        doc["profile"] = str(Path(profile).resolve()) if named else profile
    doc["title"] = title or _title(r)
    if issuer:
        doc["issuer"] = issuer
    doc["date"] = (date or r.as_of).isoformat()
    doc["opening"] = f"截至{as_of}，共收到{t.districts}个地区报送的{kinds}。现将汇总情况报告如下："
    doc["headings"] = "own_line"
    body: list[Any] = []

    # 一、总体情况
    overall = []
    failed = f"（另有{t.failed}个地区的文件未能汇总，见后文）" if t.failed else ""
    first = f"已汇总{len(ok)}个地区的报告{failed}。"
    if t.measures:
        parts = [f"{s}{t.counts[s]}项" for s in ("已完成", "持续推进", "未开始") if t.counts[s]]
        if t.counts["未填写"]:
            parts.append(f"未填写完成情况的{t.counts['未填写']}项")
        first += (
            f"各地区共反馈问题{t.problems}个，制定整改措施{t.measures}项，"
            f"其中{'、'.join(parts)}，整改措施完成率为{_rate(t.rate)}。"
        )
    else:
        first += "各地区报告中没有整改措施。"
    overall.append(first)
    with_measures = [row for row in ok if row.measures]
    if len(with_measures) > 1:
        best = max(with_measures, key=lambda row: row.rate or 0)
        worst = min(with_measures, key=lambda row: row.rate or 0)
        if best.rate != worst.rate:
            overall.append(
                f"各地区中，整改措施完成率最高的是{best.name}（{_rate(best.rate)}），"
                f"最低的是{worst.name}（{_rate(worst.rate)}）。"
            )
    if t.overdue:
        overall.append(
            f"截至{as_of}，{t.overdue_districts}个地区有{t.overdue}项整改措施超过整改时限仍未完成，"
            f"占整改措施总数的{_percent(t.overdue, t.measures)}。"
        )
    elif t.measures:
        overall.append(f"截至{as_of}，没有超过整改时限仍未完成的整改措施。")
    body.append({"title": "总体情况", "body": overall})

    # 二、各地区整改进展
    if with_measures:
        rows = [
            [
                row.name,
                row.district.problems or 0,
                row.measures,
                *(row.counts[s] for s in ("已完成", "持续推进", "未开始")),
                _rate(row.rate),
                row.overdue,
            ]
            for row in with_measures
        ]
        header = ["地区", "问题", "措施", "已完成", "持续推进", "未开始", "完成率", "逾期"]
        progress: list[Any] = [
            {"table": {"title": c["title"], "unit": "个、项", "header": header, "rows": c["rows"]}}
            for c in _chunks(rows, "表1 各地区整改进展")
        ]
        without = [row.name for row in ok if not row.measures]
        if without:
            progress.append(f"{'、'.join(without)}的报告中没有整改措施，未列入上表。")
        body.append({"title": "各地区整改进展", "body": progress})

    # 三、逾期未完成的整改措施
    if t.overdue:
        order = {name: i for i, name in enumerate(r.names)}
        late = sorted(r.overdue, key=lambda x: (order[x.name], -x.days))
        rows = [
            [
                x.name,
                x.measure.problem,
                x.measure.measure,
                x.measure.unit or "—",
                x.measure.deadline or "—",
                x.days,
            ]
            for x in late
        ]
        header = ["地区", "问题", "整改措施", "责任单位", "整改时限", "逾期天数"]
        tables = [
            {"table": {"title": c["title"], "header": header, "rows": c["rows"], "merge": ["地区"]}}
            for c in _chunks(rows, f"表2 逾期未完成的整改措施（截至{as_of}）")
        ]
        body.append(
            {
                "title": "逾期未完成的整改措施",
                "body": [
                    f"截至{as_of}，以下{t.overdue}项整改措施已超过整改时限仍未完成，"
                    "建议督促有关地区说明原因、明确新的时限：",
                    *tables,
                ],
            }
        )

    # 四、未能汇总的地区
    failed_rows = [row for row in r.overview if not row.district.ok]
    if failed_rows:
        lines = [f"以下{len(failed_rows)}个地区的文件有问题，未能汇总，需修改后重新报送。"]
        for row in failed_rows:
            problem = row.district.failures[0] if row.district.failures else None
            why = (problem.message if problem else row.district.failure).rstrip("。")
            more = len(row.district.failures)
            lines.append(f"{row.name}：{why}" + (f"等{more}处问题。" if more > 1 else "。"))
        body.append({"title": "未能汇总的地区", "body": lines})

    # 五、下一步工作: what the numbers call for, as a clerk would start it.
    steps = []
    if t.overdue:
        steps.append(
            "对逾期未完成的整改措施，逐项督促有关地区说明原因，重新明确整改时限和责任人，"
            "在下一次报送整改进展时一并报告。"
        )
    if t.counts["持续推进"] + t.counts["未开始"] + t.counts["未填写"] > t.overdue:
        steps.append(
            "对尚在整改时限内的措施，督促有关地区按照时限抓紧推进，定期报送整改进展，"
            "确保按期完成整改任务。"
        )
    if t.counts["未填写"]:
        steps.append("对没有填写完成情况的整改措施，请有关地区补充完成情况后重新报送。")
    if failed_rows:
        steps.append("对文件未能汇总的地区，督促其按照要求修改文件后重新报送。")
    if t.measures and t.counts["已完成"] == t.measures:
        steps.append("各地区整改措施已全部完成，下一步将巩固整改成果，防止问题反弹。")
    if steps:
        body.append({"title": "下一步工作", "body": steps})
    doc["body"] = body
    return doc


class _Dumper(yaml.SafeDumper):
    """Lists of plain values (a table row) on one line, as a clerk writes them."""


def _list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = bool(data) and len(data) <= 10
    flow = flow and all(isinstance(x, (str, int)) and len(str(x)) <= 24 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _list)

_HEAD = """\
# {title}
# 由 {rollup} 根据各地区的文件生成（{as_of}），数字都是按各地区文件算出的。
# 可以直接修改文字，改好后重新生成：{render}
# 写法见 docs/kinds.md（通用公文）。

"""


def report_yaml(doc: dict[str, Any], as_of: dt.date) -> str:
    """The document as YAML text, with a comment saying where it came from and how to re-render."""
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    head = _HEAD.format(
        title=doc["title"],
        as_of=_day(as_of),
        rollup=command("rollup"),
        render=command("render 这个文件.yaml -o 汇总报告.docx"),
    )
    return head + text
