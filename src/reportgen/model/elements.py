"""The parts that make a document a formal 公文 (GB/T 9704-2012 §7), all optional, for every kind.

- :class:`Letterhead` (版头, §7.2): 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 and
  签发人 (a 上行文 names its 签发人);
- :class:`Attachment` (§7.3.7, §8): an attachment with a body of its own, printed on a page of its
  own after the signature; a plain name in ``attachments`` is one sent separately;
- :class:`Imprint` (版记, §7.4): 抄送机关, 印发机关 and 印发日期.

主送机关, 附注, the sealed signature, joint issuers, the closing and two-sided printing are plain
fields of the document (schema.py). Values are cleaned as a clerk may type them: 发文字号 with
(2021) or [2021] and a leading zero (〔2021〕05号) become 〔2021〕5号.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Discriminator, Field, Tag, field_validator

from ..errors import RuleError
from .blocks import Block
from .fields import MAX_NUMBERED, Date, Model, Name, Names, Text, TextOrFalse, clean_text

__all__ = [
    "SECRECY_LEVELS",
    "URGENCIES",
    "Attachment",
    "AttachmentItem",
    "Imprint",
    "Letterhead",
    "bare_attachment_name",
    "doc_number",
]

SECRECY_LEVELS = ("绝密", "机密", "秘密")
URGENCIES = ("特急", "加急")


def doc_number(value: str) -> str:
    """A 发文字号 as GB/T 9704 §7.2.5 prints it: the year in 〔〕 and the number without leading
    zeros (某政发〔2021〕5号), from the brackets and zeros a clerk types ((2021), [2021], 【2021】,
    〔2021〕05号, 第5号)."""
    text = clean_text(value)
    fixed = re.sub(r"[\[【(（〔]\s*(\d{4})\s*[\]】)）〕]", r"〔\1〕", text)
    found = re.fullmatch(r"(.*?)〔(\d{4})〕\s*第?\s*0*(\d+)\s*号?", fixed)
    if not found or not found.group(1).strip():
        raise RuleError(
            f"发文字号“{value}”不是“机关代字〔年份〕序号号”的形式",
            "写成 某政发〔2021〕5号：年份用六角括号〔〕，序号不加“第”，不编虚位（不写 05）",
        )
    agency, year, number = found.groups()
    return f"{agency.strip()}〔{year}〕{number}号"


def _doc_number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return doc_number(value) if isinstance(value, str) else value


def _copy_number(value: Any) -> Any:
    """份号: digits, printed with GB/T 9704's six (1 → 000001)."""
    if isinstance(value, bool) or value is None:
        return value
    text = clean_text(str(value)) if isinstance(value, (int, str)) else value
    if isinstance(text, str) and not re.fullmatch(r"[0-9]{1,6}", text):
        raise RuleError(f"份号“{value}”应为 1 到 6 位数字", "写成 1 或 000001（印为 6 位数字）")
    return text


def _secrecy(value: Any) -> Any:
    """密级和保密期限: 绝密, 机密 or 秘密, with the period after ★ (秘密★1年)."""
    text = clean_text(value)
    if not isinstance(text, str):
        return text
    text = text.replace("*", "★").replace("☆", "★").replace(" ", "")
    if not text.startswith(SECRECY_LEVELS):
        raise RuleError(
            f"密级“{value}”应以 绝密、机密 或 秘密 开头",
            "写成 秘密 或 秘密★1年（保密期限用阿拉伯数字）",
        )
    return text


class Letterhead(Model):
    """版头 (GB/T 9704 §7.2)."""

    model_config = ConfigDict(title="版头")

    copy_number: Annotated[str, BeforeValidator(_copy_number)] | None = Field(
        None,
        title="份号",
        description="印为 6 位阿拉伯数字，顶格排在版心左上角第一行",
        examples=[1],
    )
    secrecy: Annotated[str, BeforeValidator(_secrecy)] | None = Field(
        None, title="密级和保密期限", description="3号黑体，顶格排在份号之下", examples=["秘密★1年"]
    )
    urgency: Literal["特急", "加急"] | None = Field(
        None, title="紧急程度", description="特急或加急，3号黑体，排在密级之下"
    )
    mark: Names | None = Field(
        None,
        title="发文机关标志",
        description="发文机关的全称或规范化简称，红色小标宋，居中；联合行文写几个，"
        "上下排列，“文件”二字在右侧居中。省略时用 issuer（署名）",
        examples=[["中共某某区委", "某某区人民政府"]],
    )
    suffix: TextOrFalse | None = Field(
        None,
        title="标志后的文字",
        description="默认“文件”；写 false 则发文机关标志只有机关名称",
        examples=["文件"],
    )
    number: Annotated[str, BeforeValidator(_doc_number)] | None = Field(
        None,
        title="发文字号",
        description="机关代字〔年份〕序号号：年份用六角括号，序号不编虚位；"
        "写了签发人（上行文）时居左空一字，与签发人同行",
        examples=["某政报〔2021〕5号"],
    )
    signers: Names | None = Field(
        None,
        title="签发人",
        description="上行文写签发人姓名：“签发人：”用仿宋，姓名用楷体，居右空一字，每行两个姓名",
        examples=[["张三"]],
    )

    @field_validator("suffix", mode="before")
    @classmethod
    def _suffix(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise RuleError("内容为空", "要用默认的“文件”请删除这一行；不要时写 suffix: false")
        return value


class Attachment(Model):
    """An attachment printed with the document: its own page(s), 附件N on the first line, its
    title on the third, then its body."""

    model_config = ConfigDict(title="附件")

    title: Text = Field(
        title="附件名称",
        description="印在附件说明和附件首页的标题，不加书名号和标点",
        examples=["某某区履行教育职责自评指标得分表"],
    )
    body: list[Block] = Field(
        min_length=1,
        max_length=10 * MAX_NUMBERED,
        title="附件正文",
        description="与 body（正文）写法相同：一段文字、标题、首句、分点、表格、数据表",
    )

    @field_validator("title")
    @classmethod
    def _bare(cls, v: str) -> str:
        return bare_attachment_name(v)


def bare_attachment_name(name: str) -> str:
    # GB/T 9704 §7.3.4: no punctuation after an attachment's name; 《》 copied with it go too.
    return name.rstrip("。．.，,；;：:、 ").strip("《》")


def _attachment_tag(value: Any) -> str:
    return "<attachment>" if isinstance(value, (dict, Attachment)) else "<name>"


# An entry of ``attachments``: a name (the attachment is sent separately) or an attachment with
# its body.
AttachmentItem = Annotated[
    Annotated[Text, Tag("<name>")] | Annotated[Attachment, Tag("<attachment>")],
    Discriminator(_attachment_tag),
]


class Imprint(Model):
    """版记 (GB/T 9704 §7.4), at the foot of the last page."""

    model_config = ConfigDict(title="版记")

    cc: Names | None = Field(
        None,
        title="抄送机关",
        description="印为“抄送：甲，乙。”：4号仿宋，左右各空一字，回行与冒号后的首字对齐",
        examples=[["市教育局", "市财政局"]],
    )
    by: Name = Field(title="印发机关", examples=["某某区人民政府办公室"])
    date: Date = Field(title="印发日期", examples=["2021-04-02"])
