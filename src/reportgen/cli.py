"""The command line: a thin shell over the library. Errors meant for users are printed here, once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ReportgenError
from .pipeline import load_report, render_file

__all__ = ["main", "cli"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Print user errors without a traceback; exit 1 for bad input, 2 for bad usage."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReportgenError as e:
            click.echo(str(e), err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断（interrupted）；未写出不完整的文件。", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """reportgen: 把一份 YAML 写成符合 GB/T 9704-2012 的公文报告（.docx）。

    \b
    示例 (examples):
      reportgen render examples/rectification-yuecheng-2019.yaml -o out/越城区整改报告.docx
      reportgen validate examples/*.yaml
    """


@cli.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出的 .docx 文件（默认：与 YAML 同名同目录）。")
@click.option("-t", "--template", type=click.Path(path_type=Path),
              help="改用自己的 docxtpl 模板（默认按报告类型选用 templates/ 中的模板）。")
def render(source: Path, output: Path | None, template: Path | None) -> None:
    """把一份报告 YAML 生成为 .docx。Render one report.

    先完整校验输入；有任何问题都不会写出文件。

    \b
    示例:
      reportgen render examples/self-evaluation-chuxiong-2022.yaml -o out/楚雄州自评报告.docx
    """
    output = output or source.with_suffix(".docx")
    written = render_file(source, output, template=template)
    click.echo(f"已生成 {written}")


@cli.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(sources: tuple[Path, ...]) -> None:
    """检查一个或多个 YAML 文件，不生成文档。Check files without rendering.

    列出每个文件中的全部问题（文件:行:列: 字段 (中文名): 问题 — 改法）。
    全部有效时退出码为 0，有问题时为 1。

    \b
    示例:
      reportgen validate examples/*.yaml
    """
    bad = 0
    for source in sources:
        try:
            load_report(source)
        except ReportgenError as e:
            bad += 1
            click.echo(f"✗ {source}", err=True)
            click.echo(str(e), err=True)
        else:
            click.echo(f"✓ {source}：格式正确")
    if bad:
        click.echo(f"{bad} 个文件有问题，{len(sources) - bad} 个正确。", err=True)
        sys.exit(1)


def main() -> None:
    cli(prog_name="reportgen")


if __name__ == "__main__":
    main()
