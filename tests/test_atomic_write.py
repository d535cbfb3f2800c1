"""Nothing lost or half-written: the old output or the new one, never a broken one, never an
input."""

import os
import re
from pathlib import Path

import docx
import pytest

from reportgen.errors import OutputError
from reportgen.output.write import write_atomic
from support import GOOD


def interrupt_rename(monkeypatch, exc: BaseException) -> list[Path]:
    """Make the final rename fail, after the temporary file has been fully written."""
    seen: list[Path] = []

    def failing_replace(src, dst):
        seen.append(Path(src))
        assert Path(src).stat().st_size > 0
        raise exc

    monkeypatch.setattr("reportgen.output.write.os.replace", failing_replace)
    return seen


# ---- the library function ------------------------------------------------------------------


def test_write_replaces_and_creates_missing_folders(tmp_path):
    target = tmp_path / "a" / "b" / "out.docx"
    assert write_atomic(target, b"one") == target
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.docx"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), RuntimeError("disk on fire")])
def test_interrupted_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch, exc):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old report")
    seen = interrupt_rename(monkeypatch, exc)
    with pytest.raises(type(exc)):
        write_atomic(target, b"new report" * 1000)
    assert seen and seen[0].parent == tmp_path and seen[0].name.startswith(".")
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_failure_while_writing_bytes_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.docx"
    real_fdopen = os.fdopen

    class HalfFile:
        def __init__(self, fd, mode):
            self.f = real_fdopen(fd, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("reportgen.output.write.os.fdopen", HalfFile)
    with pytest.raises(
        OutputError, match=r"out\.docx: 写入失败：磁盘空间不足 — 清理磁盘或换一个位置保存"
    ):
        write_atomic(target, b"x" * 1000)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["file/out.docx", "file/deeper/out.docx"])
def test_parent_that_is_a_file_is_a_clear_error(tmp_path, where):
    (tmp_path / "file").write_text("I am a file")
    with pytest.raises(
        OutputError, match=r"无法创建输出文件：.*file 是一个文件，不是文件夹 — 请换一个输出文件夹"
    ):
        write_atomic(tmp_path / where, b"data")
    assert (tmp_path / "file").read_text() == "I am a file"


def test_too_long_name_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match=r"无法创建输出文件：文件名太长 — 缩短输出文件名"):
        write_atomic(tmp_path / ("报告" * 60 + ".docx"), b"data")
    assert list(tmp_path.iterdir()) == []


def test_nul_in_path_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match=r"无法创建输出文件：.*null byte"):
        write_atomic(tmp_path / "bad\x00name.docx", b"data")


# ---- through the CLI -------------------------------------------------------------------------


def test_ctrl_c_mid_render_keeps_previous_output(cli, tmp_path, source, monkeypatch):
    out = tmp_path / "r.docx"
    assert cli("render", source, "-o", out).exit_code == 0
    before = out.read_bytes()
    source.write_text(GOOD.replace("越城区人民政府", "越城区政府"), encoding="utf-8")
    interrupt_rename(monkeypatch, KeyboardInterrupt())
    result = cli("render", source, "-o", out)
    assert result.exit_code == 130
    assert "已中断（interrupted）；未写出不完整的文件。" in result.output
    assert out.read_bytes() == before
    docx.Document(str(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.yaml"]


def test_missing_output_folders_are_created(cli, tmp_path, source):
    out = tmp_path / "新建" / "二级" / "报告.docx"
    assert cli("render", source, "-o", out).exit_code == 0
    docx.Document(str(out))


def test_a_thousand_missing_folder_levels_are_created_without_recursing(tmp_path):
    out = tmp_path.joinpath(*["a"] * 1000, "r.docx")
    try:
        write_atomic(out, b"data")
        assert out.read_bytes() == b"data"
    finally:  # bottom up: shutil.rmtree (pytest's clean-up) recurses too
        out.unlink(missing_ok=True)
        folder = out.parent
        while folder != tmp_path and folder.exists():
            folder.rmdir()
            folder = folder.parent


def test_cli_names_a_too_long_output_name_in_chinese(cli, tmp_path, source):
    result = cli("render", source, "-o", tmp_path / ("x" * 300 + ".docx"))
    assert result.exit_code == 1 and "文件名太长" in result.output, result.output


@pytest.mark.parametrize(
    "output, message",
    [
        ("file/out.docx", r"无法创建输出文件：.*file 是一个文件，不是文件夹 — "),
        ("folder.docx", r"folder\.docx: 这是一个文件夹 — 请给出输出文件名"),
        ("out.txt", r"out\.txt: 输出文件应以 \.docx 结尾 — "),
    ],
)
def test_unwritable_output_is_a_clear_error(cli, tmp_path, source, output, message):
    (tmp_path / "file").write_text("not a folder")
    (tmp_path / "folder.docx").mkdir()
    result = cli("render", source, "-o", tmp_path / output)
    assert result.exit_code == 1
    assert re.search(message, result.output), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder.docx", "r.yaml"]
    assert not any((tmp_path / "folder.docx").iterdir())


def test_input_named_docx_is_not_overwritten_by_default_output(cli, tmp_path):
    # A clerk's YAML saved as 报告.docx: the default output (same name, .docx) is the input itself.
    source = tmp_path / "报告.docx"
    source.write_text(GOOD, encoding="utf-8")
    result = cli("render", source)
    assert result.exit_code == 1
    assert re.search(r"报告\.docx: 输出文件与输入文件相同 — 请换一个输出文件名", result.output)
    assert source.read_text(encoding="utf-8") == GOOD


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_output_linked_to_input_is_refused(cli, tmp_path, link):
    source = tmp_path / "r.docx"
    source.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out.docx"
    (out.symlink_to if link == "symlink" else out.hardlink_to)(source)
    result = cli("render", source, "-o", out)
    assert result.exit_code == 1
    assert "输出文件与输入文件相同" in result.output
    assert source.read_text(encoding="utf-8") == GOOD


def test_output_over_the_template_is_refused(cli, tmp_path, source, root_dir):
    template = tmp_path / "tpl.docx"
    template.write_bytes((root_dir / "templates" / "rectification.docx").read_bytes())
    before = template.read_bytes()
    result = cli("render", source, "--template", template, "-o", template)
    assert result.exit_code == 1
    assert re.search(r"tpl\.docx: 输出文件与输入文件相同 — ", result.output)
    assert template.read_bytes() == before
