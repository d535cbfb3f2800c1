"""The command line: a thin shell over the library. Errors meant for users are printed here,
once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .batch import OLD_REPORTS, run_batch
from .command import command
from .errors import (
    EXIT_PROBLEM,
    Diagnostic,
    InputError,
    ReportgenError,
    RuleError,
    exit_code,
    internal_error,
)
from .gbt9704 import Standard
from .output.names import check_report_path
from .pipeline import Trace, load_report, render_file, report_standard
from .read.defaults import folder_defaults, is_defaults_name, load_defaults
from .read.loader import Loaded
from .read.profile import check_profile_name, load_profile
from .text.control import clean_control

__all__ = ["cli", "main"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
_STRICT_HELP = "把数字核对的提示当作问题：有提示时不生成文件，退出码为 1。"
SUMMARY_NAME = "汇总.xlsx"  # batch --summary's workbook, in the output folder
_SHOWN_WARNINGS = 20  # a batch prints its reports' field warnings up to this many; then counts


class _Group(click.Group):
    """Print user errors without a traceback; the exit status is errors.exit_code's (click's own
    2 for bad usage)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReportgenError as e:
            click.echo(str(e), err=True)
            ctx.exit(exit_code(e))
        except KeyboardInterrupt as e:
            click.echo("已中断（interrupted）；未写出不完整的文件。", err=True)
            ctx.exit(exit_code(e))
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as e:  # a bug: still no traceback for a clerk, but enough for a maintainer
            click.echo(str(internal_error(e)), err=True)
            ctx.exit(exit_code(e))


def _typed(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Words typed (or pasted) on the command line, cleaned as the YAML loader cleans a value:
    line breaks as \\n, characters that carry no text dropped (a pasted \\x0b would reach the
    .docx, which cannot hold it)."""
    return None if value is None else clean_control(value)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="reportgen", prog_name="reportgen")
def cli() -> None:
    """reportgen: 把一份 YAML 写成符合 GB/T 9704-2012 的公文报告（.docx）。

    \b
    示例 (examples)，在 reportgen 文件夹中运行：
      uv run reportgen render examples/rectification-yuecheng-2019.yaml -o out/越城区整改报告.docx
      uv run reportgen validate examples/*.yaml
    """


@cli.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(),  # text, not Path: Path drops the / of out/
    help="输出的 .docx 文件，或输出文件夹（默认：与 YAML 同名同目录）。",
)
@click.option(
    "-t",
    "--template",
    type=click.Path(path_type=Path),
    help="改用自己的 docxtpl 模板（默认按报告类型选用 templates/ 中的模板）。",
)
@click.option("--pdf", "pdf", is_flag=True, help="同时用 LibreOffice 生成同名 PDF。")
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option(
    "--defaults",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区共用的值（默认：YAML 所在文件夹中的 _defaults.yaml，与 batch 相同）。",
)
@click.option(
    "--profile",
    metavar="方案",
    help="版式方案（data/profiles/ 中的名称，如 gbk-fonts，或方案文件的路径）；"
    "YAML 中写了 profile 的以 YAML 为准。默认 GB/T 9704（national）。",
)
def render(
    source: Path,
    output: str | None,
    template: Path | None,
    pdf: bool,
    strict: bool,
    defaults: Path | None,
    profile: str | None,
) -> None:
    """把一份报告 YAML 生成为 .docx。Render one report.

    先完整校验输入；有任何问题都不会写出文件。数字对不上等需要核对之处作为提示列出，
    照常生成（加 --strict 时不生成，退出码为 1）。YAML 所在文件夹中有 _defaults.yaml 时，
    与 batch 一样垫在这份文件之下，并提示用了哪个文件。

    \b
    示例（在 reportgen 文件夹中运行）:
      uv run reportgen render examples/self-evaluation-chuxiong-2022.yaml -o out/楚雄州自评报告.docx
      uv run reportgen render examples/self-evaluation-chuxiong-2022.yaml -o out/ --pdf
      uv run reportgen render examples/各区县/东城区.yaml -o out/东城区.docx
    """
    if is_defaults_name(source.name):
        raise InputError.single(
            source, "这是默认值文件，不是一份报告", "给出区县的 YAML 文件；默认值会自动垫在它之下"
        )
    _profile(profile)
    trace = Trace()
    written = render_file(
        source,
        output,
        template=template,
        defaults=_defaults(source, defaults),
        trace=trace,
        strict=strict,
        profile=profile,
    )
    _echo_warnings(trace.warnings)
    click.echo(f"已生成 {written}")
    if pdf:
        from .output.pdf import convert_to_pdf

        _warn_missing_fonts()
        _status("正在用 LibreOffice 转换为 PDF（约需几秒）…")
        standard = report_standard(trace.report, profile) if trace.report else None
        click.echo(f"已生成 {convert_to_pdf(written, standard=standard)}")


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--layout", is_flag=True, help="另用 LibreOffice 转为 PDF，测量每页行数、每行字数、边距和页码。"
)
@click.option(
    "--profile",
    metavar="方案",
    help="按哪个版式方案检查（data/profiles/ 中的名称，如 gbk-fonts，或方案文件的路径）；"
    "默认 GB/T 9704（national）。",
)
def check(files: tuple[Path, ...], layout: bool, profile: str | None) -> None:
    """按 GB/T 9704-2012 检查公文的版式。Check any document against the standard.

    FILES 可以是 .docx，也可以是 .doc、.wps、.odt（先用 LibreOffice 转为 .docx）。
    每条规则一行：实测值与应为值。有任何一条不符、或文件无法读取时退出码为 1。

    \b
    示例（先用第一行生成一份报告，再检查它）:
      uv run reportgen render examples/self-evaluation-chuxiong-2022.yaml -o out/楚雄州自评报告.docx
      uv run reportgen check out/楚雄州自评报告.docx
      uv run reportgen check --layout out/楚雄州自评报告.docx
    按 GBK 字体的版式方案生成的文件，按同一方案检查:
      uv run reportgen render examples/各区县/东城区.yaml -o out/东城区.docx --profile gbk-fonts
      uv run reportgen check --profile gbk-fonts out/东城区.docx
    """
    from .check.styles import check_docx

    standard = _profile(profile)
    if profile:
        click.echo(f"版式方案：{profile}（{standard.name}）")
    failed = 0
    if layout:
        _warn_missing_fonts()
    for path in files:
        if layout:
            _status(f"正在用 LibreOffice 排版并测量 {path}…")
        try:
            findings = check_docx(path, layout=layout, standard=standard)
        except ReportgenError as e:
            if any(not d.file for d in e.diagnostics):
                raise  # about no file in particular (LibreOffice missing): the same for all
            # One file that cannot be read does not hide what the others hold.
            failed += 1
            click.echo(f"✗ {path}：无法检查")
            click.echo(str(e), err=True)
            continue
        bad = sum(not f.ok for f in findings)
        failed += bool(bad)
        click.echo(
            f"{'✓' if not bad else '✗'} {path}" + (f"：{bad} 条不符" if bad else "：全部符合")
        )
        for f in findings:
            click.echo(f"  {f}")
    if failed:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="以 JSON 输出每个文件的结果和问题（供编辑器和脚本使用），格式见上。",
)
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option(
    "--defaults",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区共用的值（默认：每个 YAML 所在文件夹中的 _defaults.yaml，与 batch 相同）。",
)
def validate(sources: tuple[Path, ...], as_json: bool, strict: bool, defaults: Path | None) -> None:
    """检查一个或多个 YAML 文件，不生成文档。Check files without rendering.

    列出每个文件中的全部问题（文件:行:列: 字段 (中文名): 问题 — 改法），
    以及数字对不上等需要核对的提示（severity 为 warning）。
    全部有效时退出码为 0（只有提示时也是 0，加 --strict 时为 1），有问题时为 1。
    YAML 所在文件夹中有 _defaults.yaml 时，与 batch 一样垫在文件之下再检查，
    并提示用了哪个文件；_defaults.yaml 本身只检查格式。

    \b
    示例（在 reportgen 文件夹中运行）:
      uv run reportgen validate examples/*.yaml
      uv run reportgen validate examples/各区县/*.yaml
      uv run reportgen validate --json examples/rectification-yuecheng-2019.yaml

    \b
    --json 在标准输出写一个 JSON 文档，内容与上面的文字相同，逐项分开（行号、列号不知道时为 null，
    path 为 "" 指整个文件；用了默认值文件时另有 "defaults"）；退出码不变：
      {"ok": false, "files": [{"file": "我的报告.yaml", "ok": false, "diagnostics": [
        {"file": "我的报告.yaml", "line": 5, "column": 7, "path": "date", "label": "成文日期",
         "message": "“2021-13-45”中的月份 13 不存在", "hint": "月份应在 1 到 12 之间",
         "severity": "error"}]}]}
    """
    results: list[dict[str, Any]] = []
    said: set[Path] = set()
    read: dict[Path, Loaded] = {}  # each defaults file read once
    for source in sources:
        used = defaults or (folder_defaults(source) if not is_defaults_name(source.name) else None)
        failure, warnings = _check_file(source, used, read, strict=strict)
        diagnostics = failure.diagnostics if failure else warnings
        ok = not any(d.severity == "error" for d in diagnostics)
        result = {"file": str(source), "ok": ok, "diagnostics": [d.to_dict() for d in diagnostics]}
        if used is not None:
            result["defaults"] = str(used)
        results.append(result)
        if as_json:
            continue
        if used is not None and used not in said:
            said.add(used)
            click.echo(f"（使用默认值文件 {used}）")
        if failure is None and is_defaults_name(source.name):
            click.echo(f"✓ {source}：默认值文件，格式正确（其中的值随各区县文件一起检查）")
        elif failure is None:
            click.echo(f"✓ {source}：格式正确")
            _echo_warnings(warnings)
        else:
            click.echo(f"✗ {source}", err=True)
            click.echo(str(failure), err=True)
    bad = sum(not r["ok"] for r in results)
    if as_json:
        _echo_json({"ok": not bad, "files": results})
    elif bad:
        click.echo(f"{bad} 个文件有问题，{len(sources) - bad} 个正确。", err=True)
    if bad:
        sys.exit(EXIT_PROBLEM)


@cli.command("import", context_settings=CONTEXT)
@click.argument("source")
@click.option(
    "-o",
    "--output",
    help="写出的 YAML 文件（默认：与原文件同名、扩展名为 .yaml；“-”写到屏幕）。",
)
def import_(source: str, output: str | None) -> None:
    """把上一年的报告导入为 YAML。Import last year's report.

    SOURCE 是 .docx（Word、WPS）、.doc、.wps、.odt（先用 LibreOffice 转换）、.txt 或 .md，
    或写“-”从键盘粘贴（粘贴完按 Ctrl-D，Windows 按 Ctrl-Z 后回车）。程序识别标题、开头、
    各级标题（去掉手写和自动编号）、首句、一是/二是、表格、落款和日期，判断报告类型，
    写出一份可以直接检查和生成的 YAML，猜测之处用“#”说明。网页上的栏目、浏览次数等
    不导入并列出；放不进任何字段的内容列出并保留在文件中。原文缺少的必填项（如成文日期）
    写成“待填”，validate 会逐个指出。

    \b
    示例（“去年的报告.docx”换成您的文件）:
      uv run reportgen import 去年的报告.docx -o 我的报告/越城区2022.yaml
      uv run reportgen import 网页复制.txt -o 我的报告/越城区2022.yaml
    试一试（先由示例生成一份 Word 文件，再把它导入，然后生成下一年的文件）:
      uv run reportgen render examples/rectification-yuecheng-2019.yaml -o out/越城区2019.docx
      uv run reportgen import out/越城区2019.docx -o out/越城区2019.yaml
      uv run reportgen new --from out/越城区2019.yaml -o out/越城区2020.yaml
    """
    from .importer.source import STDIN_NAME, read_path, read_stdin
    from .importer.to_yaml import import_source
    from .output.write import write_atomic

    def converting(fmt: str) -> None:
        _status(f"正在用 LibreOffice 把 {source} 转换为 .docx（约需几秒）…")

    target = _import_target(source, output)
    document = read_stdin() if source == "-" else read_path(source, on_convert=converting)
    result = import_source(document, str(target) if target else "<导入结果>")
    if result.messages:
        click.echo(f"导入说明 {len(result.messages)} 条（notes）:", err=True)
        for m in result.messages:
            click.echo(f"  {m}", err=True)
    if target is None:
        click.echo(result.text, nl=False)
    else:
        write_atomic(target, result.text.encode("utf-8"))
    shown = target or STDIN_NAME
    if result.problems:
        # The importer's own mistake: the file is written (so nothing is lost) and said so.
        click.echo(
            f"注意：导入的文件 {shown} 未通过检查（{len(result.problems)} 处），"
            "这是导入程序的缺陷，请把原文件发给维护者；可先按下面的提示修改:",
            err=True,
        )
        for d in result.problems:
            click.echo(f"  {d}", err=True)
    if result.to_fill:
        click.echo(
            f"原文缺少 {len(result.to_fill)} 项，已写成“待填”，补写后才能生成（to fill）:", err=True
        )
        for d in result.to_fill:
            click.echo(f"  {d}", err=True)
    if target is not None:
        click.echo(f"已导入 {target}（类型：{result.kind}）")
    if result.problems:
        sys.exit(EXIT_PROBLEM)


@cli.command("new", context_settings=CONTEXT)
@click.argument(
    "kind", required=False, type=click.Choice(["general", "self_assessment", "rectification"])
)
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="上一年的 YAML 文件：据此生成下一年的文件。",
)
@click.option(
    "--year", type=click.IntRange(1990, 2100), help="新文件的年度（默认：上一年的年度加 1）。"
)
@click.option("-o", "--output", required=True, help="写出的 YAML 文件（“-”写到屏幕）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
def new(kind: str | None, source: Path | None, year: int | None, output: str, force: bool) -> None:
    """新建 YAML 文件：某一类型的空白文件，或由上一年的文件生成下一年的。Start a file.

    \b
    KIND 是 general（通用公文）、self_assessment（自查/自评报告）或 rectification（整改报告）：
    写出这一类型的空白文件，每个字段有中文名和一句说明，必填项写成“待填”。

    \b
    --from 上一年的文件：年度和成文日期顺延（日期标为“待填”，请核对），各项数据的本年数值
    移到上年数值（previous），本年数值标为“待填”；整改报告只保留未完成的措施及其完成情况；
    正文照上一年保留供修改；文件开头列出需要更新的各项。原文件中的说明（#）保留。

    \b
    示例（在 reportgen 文件夹中运行）:
      uv run reportgen new rectification -o out/越城区2023.yaml
      uv run reportgen new --from examples/rectification-yuecheng-2019.yaml -o out/越城区2020.yaml
    """
    from .output.write import write_atomic

    if (kind is None) == (source is None):
        raise click.UsageError(
            f"请给出类型（如 {command('new general -o 文件.yaml')}）"
            "或 --from 上一年的文件，二者选一"
        )
    if source is not None:
        from .start.rollover import roll_forward

        rolled = roll_forward(source, year)
        text = rolled.text
    else:
        from .start.skeleton import skeleton

        assert kind is not None
        text = skeleton(kind)
    if output == "-":
        click.echo(text, nl=False)
        return
    target = Path(output)
    if source is not None and target.resolve() == source.resolve():
        raise InputError.single(target, "输出文件就是上一年的文件", "用 -o 给新文件另起一个名字")
    if not force and _exists(target):
        raise InputError.single(target, "文件已存在，没有覆盖", "换一个文件名，或加 --force 覆盖")
    write_atomic(target, text.encode("utf-8"))
    if source is not None:
        click.echo(f"已生成 {target}，需要更新：")
        for n, item in enumerate(rolled.todo, 1):
            click.echo(f"  {n}. {item}")
    else:
        click.echo(f"已生成 {target}：把“待填”换成实际内容，再运行 {command(f'validate {target}')}")


def _exists(path: Path) -> bool:
    """Path.exists, a name the file system refuses (too long) being absent: the write that
    follows says why, in a clerk's words."""
    try:
        return path.exists()
    except OSError:
        return False


def _import_target(source: str, output: str | None) -> Path | None:
    """Where import writes: the -o file, standard output (``-``, or pasted text without -o), or
    the source's name with .yaml — never over an existing file the clerk did not name."""
    if output == "-" or (output is None and source == "-"):
        return None
    if output is not None:
        return Path(output)
    target = Path(source).with_suffix(".yaml")
    if target.exists():
        raise InputError.single(
            target,
            "已有同名的 YAML 文件，没有覆盖",
            f"用 -o 指定输出文件，如 {command(f'import {source} -o 新文件.yaml')}",
        )
    return target


def _check_file(
    source: Path, defaults: Path | None, read: dict[Path, Loaded], *, strict: bool
) -> tuple[ReportgenError | None, list[Diagnostic]]:
    """What is wrong with one file (or None) and its warnings; a bug in one file must not hide what
    the others say. A defaults file is checked as one."""
    trace = Trace()
    try:
        if is_defaults_name(source.name):
            load_defaults(source)
        else:
            loaded = None
            if defaults is not None:
                loaded = read.get(defaults) or read.setdefault(defaults, load_defaults(defaults))
            load_report(source, defaults=loaded, trace=trace, strict=strict)
    except ReportgenError as e:
        return e, []
    except Exception as e:
        return ReportgenError([internal_error(e, source)]), []
    return None, trace.warnings


def _echo_warnings(warnings: list[Diagnostic]) -> None:
    """The warnings (number checks, proofreading), under a line saying what they are (on stderr)."""
    if warnings:
        n = len(warnings)
        click.echo(f"提示 {n} 处，请核对（{n} warning{'s' if n != 1 else ''}）:", err=True)
        for w in warnings:
            click.echo(f"  {w}", err=True)


def _defaults(source: Path, given: Path | None) -> Loaded | None:
    """The defaults for one district's file: the one given, else its folder's (said, since the
    clerk did not name it)."""
    path = given or folder_defaults(source)
    if path is None:
        return None
    if given is None:
        click.echo(f"（使用默认值文件 {path}；另用 --defaults 指定）")
    return load_defaults(path)


def _echo_json(document: Any) -> None:
    """JSON on stdout: Chinese as is where the stream is UTF-8, else \\u escapes (a GBK console
    would turn rare characters into ?)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    utf8 = encoding.replace("-", "") == "utf8"
    click.echo(json.dumps(document, ensure_ascii=not utf8, indent=2))


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from .errors import RuleError
    from .text.dates import parse_date

    try:
        return parse_date(value).date
    except RuleError as e:
        raise click.BadParameter(str(e)) from None


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="输出文件夹：每个地区一份 .docx，另有清单 manifest.csv。",
)
@click.option(
    "--defaults",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区共用的值（默认：每个文件夹中的 _defaults.yaml）。",
)
@click.option(
    "--figures",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区数据表（.xlsx 或 .csv），每个地区一行，列名为指标名称。",
)
@click.option(
    "--sheet",
    help="数据表中要读的工作表名（默认：第一个有“地区”列的工作表）。",
)
@click.option("-t", "--template", type=click.Path(path_type=Path), help="改用自己的 docxtpl 模板。")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="同时工作的进程数（默认：全部 CPU 核心）。",
)
@click.option("--strict", is_flag=True, help=_STRICT_HELP)
@click.option(
    "--profile",
    metavar="方案",
    help="各地区报告的版式方案（data/profiles/ 中的名称，如 gbk-fonts，或方案文件的路径）；"
    "地区文件中写了 profile 的以地区文件为准。默认 GB/T 9704（national）。",
)
@click.option(
    "--ledgers",
    is_flag=True,
    help="每份有整改措施的报告旁另写一份整改台账 .xlsx（如 越城区.xlsx），供各单位交换。",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="每份报告旁另写 PDF（LibreOffice 几个进程批量转换；某份转换失败写入清单，不影响其他）。",
)
@click.option(
    "--summary",
    is_flag=True,
    help=f"另写汇总表 OUTDIR/{SUMMARY_NAME}（与 {command('rollup')} 相同，出错的地区也列出）。",
)
@click.option(
    "--as-of",
    callback=_as_of,
    metavar="日期",
    help="汇总表按哪一天统计逾期（默认今天）。",
)
def batch(
    inputs: tuple[Path, ...],
    outdir: Path,
    defaults: Path | None,
    figures: Path | None,
    sheet: str | None,
    template: Path | None,
    jobs: int | None,
    strict: bool,
    profile: str | None,
    ledgers: bool,
    pdf: bool,
    summary: bool,
    as_of,
) -> None:
    """为多个地区一次生成报告。Render every district's report in one run.

    INPUTS 是 YAML 文件或存放它们的文件夹。一个文件有问题不影响其他文件；
    有任何问题时退出码为 1，问题和警告同时写入 OUTDIR/manifest.csv（“警告”列是条数，
    “说明”列是全文）。数字需要核对的提示不影响生成（加 --strict 时作为问题）。
    不再与输入对应的旧报告移到 OUTDIR/_旧报告/，不会删除。

    \b
    合并规则：_defaults.yaml（或 --defaults）中的值垫在每个地区的文件之下；
    “键: 值”块逐键合并，列表、文字和数字整体以地区文件为准，地区文件中留空则取消默认值。
    数据表中的数优先于地区文件中的数（两者不同时给出警告）。

    \b
    示例（examples/各区县/ 是三个区县和一个 _defaults.yaml）:
      uv run reportgen batch examples/各区县/ -o out/各区县/
      uv run reportgen batch examples/各区县/ --figures examples/各区县/数据.csv -o out/各区县/ -j 2
      uv run reportgen batch examples/各区县/ -o out/各区县/ --pdf --ledgers --summary
    数据表是 Excel 文件时，用 --sheet 指定工作表：--figures 数据.xlsx --sheet 区县数据
    """
    if pdf:
        _warn_missing_fonts()
    bars: dict[str, Any] = {}

    def bar(label: str):
        def progress(done: int, total: int) -> None:
            if label not in bars:
                for other in bars.values():
                    other.__exit__(None, None, None)
                bars.clear()
                bars[label] = click.progressbar(length=total, label=label, file=sys.stderr)
                bars[label].__enter__()
            bars[label].update(done - bars[label].pos)

        return progress if sys.stderr.isatty() else None

    try:
        _profile(profile)
        result = run_batch(
            inputs,
            outdir,
            defaults=defaults,
            figures=figures,
            sheet=sheet,
            template=template,
            jobs=jobs,
            progress=bar("生成中"),
            strict=strict,
            profile=profile,
            summary=summary,
            ledgers=ledgers,
            pdf=pdf,
            pdf_progress=bar("转换 PDF"),
        )
    finally:
        for shown_bar in bars.values():
            shown_bar.__exit__(None, None, None)
    if summary:
        from .output.write import write_atomic
        from .rollup.summary import Rollup
        from .rollup.workbook import rollup_workbook

        written = write_atomic(
            outdir / SUMMARY_NAME, rollup_workbook(Rollup.of(result.districts, as_of))
        )
        click.echo(f"已生成汇总表 {written}")
    for note in result.notes:
        click.echo(note)
    _echo_grouped("✗", [(o.input, o.diagnostics) for o in result.failed])
    _echo_grouped("✗", [(o.output, o.errors) for o in result.pdf_failed])
    # Warnings about files (not read, moved, not listed, the sheet) are said here; those about
    # a report's fields (number checks, the sheet overriding the file) too, unless there are many:
    # then the manifest holds them.
    about_files = [
        (o.input or o.output, [w for w in o.warnings if w.path is None or o.status != "ok"])
        for o in result.outcomes
        if o.status != "error"
    ]
    fields = [(o, [w for w in o.warnings if w.path is not None]) for o in result.written]
    fields = [(o, found) for o, found in fields if found]
    shown = sum(len(found) for _, found in fields) <= _SHOWN_WARNINGS
    if shown:
        about_files += [(o.input, found) for o, found in fields]
    _echo_grouped("注意", about_files)
    click.echo(f"已生成 {len(result.written)} 份报告到 {outdir}；清单：{result.manifest}")
    if result.moved:
        moved = "、".join(result.moved[:3]) + (
            f" 等 {len(result.moved)} 份" if len(result.moved) > 3 else ""
        )
        click.echo(f"旧报告已移到 {outdir / OLD_REPORTS}：{moved}（原因见上）")
    if fields and not shown:
        n = sum(len(found) for _, found in fields)
        click.echo(
            f"其中 {len(fields)} 份报告有 {n} 处需要核对（数字、数据表与区县文件不一致等），"
            f"见清单的“警告”和“说明”列（用 {command('validate')} 查看某个文件的数字提示）。",
            err=True,
        )
    problems = []
    if result.failed:
        problems.append(f"{len(result.failed)} 个文件出错")
    if result.pdf_failed:
        problems.append(f"{len(result.pdf_failed)} 份报告的 PDF 未能生成")
    if result.warnings:
        problems.append(f"{len(result.warnings)} 条警告")
    if problems:
        click.echo(f"{'，'.join(problems)}，见上文或清单。", err=True)
    if result.failed or result.pdf_failed:
        sys.exit(1)


def _echo_grouped(mark: str, items: list[tuple[str, list[Diagnostic]]]) -> None:
    """Each finding once, after the files it concerns: a template problem fails every district
    with the same words, two copies of one district share one error."""
    files: dict[str, list[str]] = {}
    for name, diagnostics in items:
        for d in diagnostics:
            files.setdefault(str(d), []).append(str(name))
    groups: dict[tuple[str, ...], list[str]] = {}
    for text, names in files.items():
        groups.setdefault(tuple(names), []).append(text)
    for group, texts in groups.items():
        shown = "、".join(group[:3]) + (f" 等 {len(group)} 个文件" if len(group) > 3 else "")
        click.echo(f"{mark} {shown}", err=True)
        click.echo("\n".join(f"  {line}" for text in texts for line in text.splitlines()), err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="汇总表（.xlsx）：总览、整改台账、主要数据、数据对比、提示和图表。",
)
@click.option(
    "--as-of",
    callback=_as_of,
    metavar="日期",
    help="按哪一天统计逾期（如 2026-12-31；默认今天）。",
)
@click.option(
    "--chart-figure",
    metavar="指标名称",
    help="“指标图”画哪个指标（默认：填报地区最多的指标）。",
)
@click.option(
    "--defaults",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区共用的值（默认：每个文件夹中的 _defaults.yaml），与 batch 相同。",
)
@click.option(
    "--figures",
    type=click.Path(dir_okay=False, path_type=Path),
    help="各地区数据表（.xlsx 或 .csv），与 batch 相同。",
)
@click.option("--sheet", help="数据表中要读的工作表名（默认：第一个有“地区”列的工作表）。")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="另写汇总报告（.docx，按公文格式）：总体情况、各地区进展表、逾期未完成的措施。",
)
@click.option(
    "--report-yaml",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"汇总报告的 YAML（可修改文字后用 {command('render')} 重新生成）。",
)
@click.option("--title", callback=_typed, help="汇总报告的标题（默认按报告类型和年度生成）。")
@click.option(
    "--issuer", callback=_typed, help="汇总报告的署名、汇编封面的编印单位（如 某某市教育局）。"
)
@click.option(
    "--compile",
    "compile_to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="另把各地区的报告汇编成一册（.docx）：封面、带页码的目录，每份报告从单页起。",
)
@click.option(
    "--compile-title",
    callback=_typed,
    help="汇编的标题（默认如“2019年度各地区履行教育职责问题整改报告汇编”）。",
)
@click.option(
    "--page-numbers",
    type=click.Choice(["running", "restart"]),
    default="running",
    show_default=True,
    help="汇编的页码：running 各报告连续编排；restart 每份报告从 1 起（目录列出各报告页数）。",
)
@click.option("--pdf", is_flag=True, help="同时写出汇编的 PDF（需要 LibreOffice）。")
@click.option(
    "-t",
    "--template",
    type=click.Path(path_type=Path),
    help="汇编中各地区报告和汇总报告用的 docxtpl 模板（与 batch 的 --template 相同）。",
)
@click.option(
    "--profile",
    metavar="方案",
    help="汇编中各地区报告和汇总报告的版式方案（与 batch 的 --profile 相同，如 gbk-fonts）；"
    "地区文件中写了 profile 的以地区文件为准。",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="同时工作的进程数（默认：全部 CPU 核心）。",
)
def rollup(
    inputs: tuple[Path, ...],
    output: Path | None,
    as_of,
    chart_figure: str | None,
    defaults: Path | None,
    figures: Path | None,
    sheet: str | None,
    report: Path | None,
    report_yaml: Path | None,
    title: str | None,
    issuer: str | None,
    compile_to: Path | None,
    compile_title: str | None,
    page_numbers: str,
    pdf: bool,
    template: Path | None,
    profile: str | None,
    jobs: int | None,
) -> None:
    """把各地区的报告汇总成一个 Excel 表。Roll districts up into one workbook.

    INPUTS 是各地区的 YAML 文件或存放它们的文件夹（与 batch 相同）。汇总表中：
    总览（每个地区的问题数、整改措施数、已完成/持续推进/未开始、完成率、逾期未完成数、提示数；
    出错的地区也列出，状态为“出错”并写明原因）、整改台账（所有地区的全部措施，逾期的标色）、
    主要数据（本年、上年、同比增减、排名）、数据对比、提示，以及完成率和一个指标的图表。
    有地区出错时仍写出汇总表，退出码为 1。

    --report 另写汇总报告（公文格式的 .docx，数字按各地区文件算出）；--report-yaml 同时写出它的
    YAML，修改文字后用 uv run reportgen render 汇总报告.yaml 重新生成。

    --compile 把没有出错的各地区报告汇编成一册：封面、目录（页码已按 LibreOffice 排版算好，
    Word 和 WPS 打开即显示，不需要更新域），每份报告从单页（奇数页）起，页码连续或每份从 1 起。

    批量生成时用了 --template 或 --profile 的，汇总时也写上同样的，汇编中的报告才与印发的相同。

    \b
    示例（examples/各区县/ 是三个区县的整改报告）:
      uv run reportgen rollup examples/各区县/ -o out/汇总.xlsx
      uv run reportgen rollup examples/各区县/ -o out/汇总.xlsx --as-of 2026-12-31
      uv run reportgen rollup examples/各区县/ -o out/汇总.xlsx --chart-figure 一般公共预算教育支出
      uv run reportgen rollup examples/各区县/ --report out/汇总.docx --report-yaml out/汇总.yaml
      uv run reportgen rollup examples/各区县/ --compile out/汇编.docx --pdf --issuer 某某市教育局
      uv run reportgen rollup examples/各区县/ --compile out/汇编.docx --profile gbk-fonts
    """
    from .output.write import write_atomic
    from .rollup.gather import gather
    from .rollup.summary import Rollup
    from .rollup.workbook import rollup_workbook

    if output is None and report is None and report_yaml is None and compile_to is None:
        raise click.UsageError(
            "请用 -o 给出汇总表的文件名（如 -o 汇总.xlsx），或用 --report、--compile"
        )
    if pdf and compile_to is None:
        raise click.UsageError("--pdf 用于汇编：请同时给出 --compile 汇编.docx")
    if compile_to is not None:
        check_report_path(compile_to)
    if output is not None and output.suffix.lower() != ".xlsx":
        raise ReportgenError.single(output, "汇总表应以 .xlsx 结尾", "如 -o 汇总.xlsx")
    standard = _profile(profile)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="读取中", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        districts = gather(
            inputs,
            defaults=defaults,
            figures=figures,
            sheet=sheet,
            jobs=jobs,
            progress=progress if sys.stderr.isatty() else None,
            profile=profile,
        )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    summary = Rollup.of(districts, as_of)
    key = None
    if chart_figure:
        key = summary.find_figure(chart_figure)
        if key is None:
            raise ReportgenError([_unknown_figure(chart_figure, summary)])
    t = summary.totals
    rate = f"{t.rate:.1%}" if t.rate is not None else "—"
    counts = (
        f"{t.districts} 个地区，整改措施 {t.measures} 项，已完成 {t.counts['已完成']} 项"
        f"（{rate}），截至 {summary.as_of:%Y-%m-%d} 逾期未完成 {t.overdue} 项"
    )
    if output is not None:
        write_atomic(output, rollup_workbook(summary, key))
        click.echo(f"已生成 {output}：{counts}")
    if report is not None or report_yaml is not None:
        _summary_report(
            summary,
            report,
            report_yaml,
            template=template,
            title=title,
            issuer=issuer,
            profile=profile,
        )
    if compile_to is not None:
        _compile(
            summary,
            compile_to,
            pdf=pdf,
            title=compile_title,
            issuer=issuer,
            numbering=page_numbers,
            jobs=jobs,
            inputs={"defaults": defaults, "figures": figures, "sheet": sheet},
            looks={"template": template, "profile": profile},
            standard=standard,
        )
    if t.failed:
        click.echo(f"✗ {t.failed} 个地区出错，已在“总览”中列为“出错”：", err=True)
        for d in districts:
            if not d.ok:
                click.echo(d.failure, err=True)
        sys.exit(EXIT_PROBLEM)


def _summary_report(
    summary, report: Path | None, source: Path | None, *, template: Path | None, **words
) -> None:
    """The summary report's YAML (kept where --report-yaml says, with the profile in it),
    rendered to --report through the one path every report takes (with ``template``)."""
    import tempfile

    from .output.write import write_atomic
    from .rollup.report import report_document, report_yaml

    text = report_yaml(report_document(summary, **words), summary.as_of).encode("utf-8")
    if report is not None:
        check_report_path(report)
    with tempfile.TemporaryDirectory(prefix="reportgen-report-") as tmp:
        path = write_atomic(source or Path(tmp) / "汇总报告.yaml", text)
        if source is not None:
            click.echo(f"已生成 {path}（可修改后用 {command(f'render {path}')} 重新生成）")
        if report is not None:
            trace = Trace()
            click.echo(f"已生成 {render_file(path, report, template=template, trace=trace)}")
            _echo_warnings(trace.warnings)


def _compile(
    summary, target: Path, *, pdf: bool, title, issuer, numbering, jobs, inputs, looks, standard
) -> None:
    """The 汇编 of the districts that did not fail (see rollup/compile.py), their reports rendered
    as batch renders them (``looks``: the template and profile)."""
    import tempfile

    from .rollup.compile import compile_volume, volume_title
    from .rollup.gather import render_districts
    from .text.dates import CnDate, format_date

    if pdf:
        _warn_missing_fonts()
    with tempfile.TemporaryDirectory(prefix="reportgen-volume-") as tmp:
        reports = render_districts(summary.districts, Path(tmp), **inputs, **looks)
        _status(f"正在用 LibreOffice 排版 {len(reports)} 份报告以计算页码…")
        d = summary.as_of
        lines = [*([issuer] if issuer else []), format_date(CnDate(d.year, d.month, d.day))]
        volume = compile_volume(
            reports,
            target,
            title=title or volume_title(summary.districts),
            lines=lines,
            numbering=numbering,
            pdf=target.with_suffix(".pdf") if pdf else None,
            workers=jobs,
            standard=standard,
        )
    click.echo(
        f"已生成 {volume.path}：{len(volume.parts)} 份报告，共 {volume.pages} 页"
        + ("（页码连续）" if numbering == "running" else "（每份报告页码从 1 起）")
    )
    if volume.pdf is not None:
        click.echo(f"已生成 {volume.pdf}")
    for note in volume.notes:
        click.echo(note, err=True)


def _unknown_figure(name: str, summary) -> Diagnostic:
    import difflib

    names = list(dict.fromkeys(k[0] for k in summary.figure_keys))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.4)
    if close:
        hint = f"是否应为“{close[0]}”？"
    elif names:
        hint = "可选：" + "、".join(names[:10]) + ("等" if len(names) > 10 else "")
    else:
        hint = "各地区的文件中都没有 figures（主要数据）"
    return Diagnostic(message=f"没有地区填报名为“{name}”的指标（--chart-figure）", hint=hint)


def _profile(name: str | None) -> Standard:
    """The layout profile ``--profile`` names (GB/T 9704's without one); a name that is none is
    said as the option's problem, a broken profile file at its lines."""
    if name:
        try:
            check_profile_name(name)
        except RuleError as e:
            raise InputError.single("--profile", e.message, e.hint, path=None) from None
    return load_profile(name)


def _warn_missing_fonts() -> None:
    """Say before converting when LibreOffice will draw a 公文 font with a face of other widths: the
    lines it lays out, and so --layout's counts, would not be the ones Word and WPS produce."""
    from .output.pdf import missing_substitutes

    missing = missing_substitutes()
    if missing:
        names = "、".join(sub for sub, _ in missing)
        packages = " ".join(dict.fromkeys(pkg for _, pkg in missing))
        warning = Diagnostic(
            message=f"注意：本机缺少字体 {names}，PDF 中的字宽与 Word/WPS 不同，"
            "每行字数、表格换行可能不准",
            hint=f"Debian/Ubuntu 用 `sudo apt-get install {packages}` 安装",
            severity="warning",
        )
        click.echo(str(warning), err=True)


def _status(message: str) -> None:
    """A note that slow work is under way, on a terminal only (logs and pipes stay clean)."""
    if sys.stderr.isatty():
        click.echo(message, err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("place", required=False, type=click.Path(path_type=Path))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="端口（默认：找一个空闲的）。"
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器（只显示网址）。")
@click.option(
    "--host",
    default="127.0.0.1",
    help="监听的地址（默认 127.0.0.1，只有本机能打开）。给局域网用时如 0.0.0.0，"
    "此时页面不能打开或保存服务器上的文件，只能上传和下载。",
)
@click.option(
    "--token",
    help="网址中的口令（默认每次随机生成）。--host 给其他电脑用时，把带口令的网址发给同事。",
)
def serve(place: Path | None, port: int, no_browser: bool, host: str, token: str | None) -> None:
    """在浏览器中填写、检查、预览和生成报告。Open the web page.

    PLACE 是工作文件夹（默认：当前文件夹），或其中的一个 .yaml 文件（打开页面时直接打开它）。
    页面中可以新建或打开报告、在表单或 YAML 文本中修改（边写边检查）、预览、保存回原文件、
    下载 Word/PDF/YAML，以及批量生成。页面只在本机（127.0.0.1）打开，网址中带有口令（token）。

    \b
    示例（在 reportgen 文件夹中运行；用完在命令行窗口按 Ctrl-C 结束）:
      uv run reportgen serve
      uv run reportgen serve examples/rectification-yuecheng-2019.yaml
      uv run reportgen serve --port 8765 --no-browser
      uv run reportgen serve --host 0.0.0.0 --port 8765 --token edu-office-2026
    """
    from .web.server import is_loopback
    from .web.server import serve as run_server

    folder, start = Path.cwd(), None
    if place is not None:
        if place.is_dir():
            folder = place
        elif place.is_file() and place.suffix.lower() in (".yaml", ".yml"):
            folder, start = place.parent, place.name
        else:
            raise InputError.single(
                place, "不是文件夹，也不是 .yaml 文件", "给出工作文件夹，或其中的一个 .yaml 文件"
            )
    if not is_loopback(host) and token is not None and len(token) < 8:
        raise click.BadParameter("口令至少 8 个字符", param_hint="--token")
    run_server(
        host=host,
        port=port,
        folder=folder.resolve(),
        start_file=start,
        token=token,
        open_browser=not no_browser,
        say=click.echo,
    )


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """输出报告文件的 JSON Schema，供编辑器补全和检查字段。Print the JSON Schema.

    每个字段带有中文名（title）和说明（description）。在 VS Code 中安装 YAML 扩展（Red Hat），
    把输出存为文件，再在报告文件的第一行写上它的位置，见 docs/editor.md。

    \b
    示例:
      uv run reportgen schema > reportgen.schema.json
      （然后在 YAML 文件第一行写：# yaml-language-server: $schema=reportgen.schema.json）
    """
    from .model.schema import document_json_schema

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "reportgen 报告文件",
        **document_json_schema(),
    }
    _echo_json(document)


def main() -> None:
    # Chinese Windows encodes a console or redirected output as GBK, which lacks ✓ and ✗ and some
    # rare characters a clerk may type: print a replacement rather than fail mid-message.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    cli(prog_name="reportgen")


if __name__ == "__main__":
    main()
