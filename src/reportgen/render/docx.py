"""Template + context → .docx bytes, through docxtpl's templating in a Jinja sandbox.

Each template is prepared once per process (render/prepared.py): the output is the document
docxtpl renders, written deterministically, so the same input gives identical bytes. A report
laid out by a profile other than the national one gets its kind's template built for that profile
(render/templates_build.py), in memory, once per process.
"""

from __future__ import annotations

import os
import signal
import threading
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from jinja2.sandbox import SecurityError
from lxml import etree

from ..errors import TemplateError
from ..gbt9704 import Standard, national
from ..read.sniff import zip_refusal
from ..resources import templates_dir
from .prepared import PreparedTemplate
from .sandbox import make_environment
from .templates_build import build

__all__ = [
    "BuiltTemplate",
    "load_template",
    "make_environment",
    "prepared_template",
    "render_docx",
    "template_for",
]


@dataclass(frozen=True)
class BuiltTemplate:
    """The template of ``kind`` built for a profile other than the national one (whose templates
    are the shipped files): made by render/templates_build.py in memory, once per process."""

    kind: str
    standard: Standard

    def __str__(self) -> str:  # names it in messages
        return f"{self.kind} 模板（{self.standard.name}）"


def template_for(
    kind: str, template: str | Path | None = None, standard: Standard | None = None
) -> Path | BuiltTemplate:
    """The template to use: the one asked for, else the report kind's for ``standard``: the
    shipped file for GB/T 9704's numbers, or one built for another profile's."""
    if template is None and standard is not None and standard != national():
        return BuiltTemplate(kind, standard)
    path = Path(template) if template else templates_dir() / f"{kind}.docx"
    if not path.is_file():
        raise TemplateError.single(
            path, "模板文件不存在", "检查 --template 的路径，或恢复 templates/ 中的模板"
        )
    return path


def prepared_template(template: str | Path | BuiltTemplate) -> PreparedTemplate:
    """The template prepared for rendering, reused while the file is unchanged."""
    if isinstance(template, BuiltTemplate):
        return _prepare_built(template)
    stat = os.stat(
        template
    )  # not Path.resolve(): realpath on every render costs more than rendering the header
    return _prepare(os.path.abspath(template), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _prepare_built(template: BuiltTemplate) -> PreparedTemplate:
    data = build(template.kind, template.standard)
    return PreparedTemplate(str(template), make_environment(), data)


@lru_cache(maxsize=16)
def _prepare(path: str, mtime_ns: int, size: int) -> PreparedTemplate:
    with zipfile.ZipFile(path) as z:  # what cannot be read is said by _template_errors
        refusal = zip_refusal(z)
    if refusal:
        raise zipfile.BadZipFile(refusal)
    return PreparedTemplate(path, make_environment())


# A template from another office may loop forever ({% for a in x %}{% for b in x %}…): one of our
# documents renders in milliseconds, so a render still running after this long is stopped.
RENDER_SECONDS = 20.0


class _TooLong(Exception):
    pass


def render_docx(template: str | Path | BuiltTemplate, context: dict[str, Any]) -> bytes:
    """Render one document from its prepared template."""
    with _template_errors(Path(str(template))), _deadline(RENDER_SECONDS):
        return prepared_template(template).render(context)


@contextmanager
def _deadline(seconds: float):
    """Raise _TooLong in the block after ``seconds``, where the platform allows (a Unix main
    thread)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum, frame):
        raise _TooLong()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def load_template(template: str | Path) -> PreparedTemplate:
    """Prepare a template now, so that a broken one is reported once rather than per document."""
    path = template_for("", template)  # the file asked for: never a template built in memory
    with _template_errors(Path(str(path))):
        return prepared_template(path)


@contextmanager
def _template_errors(path: Path):
    """Whatever a template from another office does wrong becomes a TemplateError with a fix."""
    try:
        yield
    except _TooLong:
        raise TemplateError.single(
            path,
            f"模板运行超过 {RENDER_SECONDS:g} 秒仍未完成，已停止",
            "检查模板中的循环（{% for %} 是否嵌套过多或循环了很大的范围），或联系模板提供者",
        ) from None
    except SecurityError as e:
        raise TemplateError.single(
            path,
            f"模板中有不允许的操作（{e}）",
            "模板只能使用报告数据，不能访问 Python 内部属性或生成超大内容，请联系模板提供者",
        ) from None
    except jinja2.UndefinedError as e:
        raise TemplateError.single(
            path, f"模板使用了未定义的变量：{e.message}", "检查模板中的 {{ … }} 名称"
        ) from None
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError.single(
            path, f"模板语法错误：{e.message}", "检查模板中的 {% … %} 标签是否成对"
        ) from None
    except jinja2.TemplateError as e:
        raise TemplateError.single(path, f"模板渲染失败：{e}") from None
    except OverflowError as e:  # the sandbox's range() limit
        raise TemplateError.single(
            path, f"模板中的循环过大（{e}）", "请检查模板中的 range"
        ) from None
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, OSError) as e:
        raise TemplateError.single(
            path, f"不是有效的 .docx 模板（{e}）", "请用 Word 另存为 .docx"
        ) from None
    except ValueError as e:  # python-docx refuses a rendered core property over 255 characters
        if _in_template(e):
            raise _expression_error(path, e) from None
        if "is not a Word file" in str(e):  # a .dotx or .docm from another office
            raise TemplateError.single(
                path,
                "模板是 Word 模板（.dotx）或启用宏的文档（.docm），不是 .docx",
                "请在 Word 中打开后“另存为” Word 文档（.docx）",
            ) from None
        raise TemplateError.single(
            path, f"模板的文档属性渲染后无效：{e}", "缩短模板“文件→属性”中的内容"
        ) from None
    except (
        zlib.error,
        EOFError,
        NotImplementedError,
    ) as e:  # a damaged part, or a compression zipfile lacks
        raise TemplateError.single(
            path, f"不是有效的 .docx 模板（{e}）", "请用 Word 另存为 .docx"
        ) from None
    except etree.XMLSyntaxError as e:
        raise TemplateError.single(
            path,
            f"模板渲染后不是有效的 Word 文档（{e}）",
            "模板中的 {{ … }} 或 {% … %} 可能拆开了 Word 的格式标记：在 Word 中删除该标签，"
            "再一次性重新输入",
        ) from None
    except Exception as e:
        if _in_template(e):  # 1/0, 'a' + 1 … written in the template itself
            raise _expression_error(path, e) from None
        raise


def _in_template(e: BaseException) -> bool:
    """Whether the error was raised while Jinja ran template code (its frames are named
    <template>)."""
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            return True
        tb = tb.tb_next
    return False


def _expression_error(path: Path, e: BaseException) -> TemplateError:
    return TemplateError.single(
        path,
        f"模板中的表达式出错（{type(e).__name__}: {e}）",
        "检查模板中的 {{ … }} 和 {% … %}，或联系模板提供者",
    )
