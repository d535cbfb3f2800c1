"""Web-page chrome in text copied from a government site: menus, metadata, tool links, footers.

A line is chrome when it is one of: a metadata line (来源：, 发布日期：, 浏览次数：, 字号 …, and the
政府信息公开 box's 索引号：, 生成日期：, 发文字号： …, also as a table at the top), a line
made only of page tools (打印 关闭 分享 …), a breadcrumb (首页 > 政务公开 > …, 当前位置：…), a site
footer (版权所有, ICP备, Produced By …), or a content-farm line (小编, 供大家参考, 推荐访问 …).
Short lines above a menu line at the top of the page (a site banner or an advert) are chrome too;
above a metadata line they are the title. Chrome is left out and reported, never dropped
silently; the 发布日期 it held is kept as a hint for the date, its 发文字号 as one for the clerk.
"""

from __future__ import annotations

import re

from ..text.dates import CnDate
from .blocks import Block, Para, Table
from .outline import Dropped

__all__ = ["strip_chrome", "web_number_of"]

# The 政府信息公开 box a government site shows above a document (a line each, or a table of labels
# and values); its 发文字号 is kept as a hint (web_number_of).
_GOV_LABELS = (
    r"生成日期|成文日期|发文日期|发文字号|文号|发文机关|公开方式|公开范围|公开时限|有效性|体裁分类|"
    r"组配分类|信息分类|服务对象|文件编号"
)
_META = re.compile(
    r"^[【\[]?\s*(?:来源|信息来源|文章来源|稿件来源|作者|发布者|发布人|发布机构|发布单位|发布日期|发布时间|"
    r"更新时间|更新日期|浏览次数|阅读次数|浏览量|阅读量|点击数|点击量|点击次数|访问量|访问次数|责任编辑|"
    r"字号|索引号|主题分类|" + _GOV_LABELS + r")\s*[:：]"
)
_META_ANYWHERE = re.compile(r"(?:来源|浏览次数|阅读次数|点击数|点击量|浏览量|阅读量)\s*[:：]")
_FONT_SIZE = re.compile(
    r"字[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小"
)
_TOOLS = re.compile(
    r"打印本页|打印此页|打印文章|关闭窗口|关闭本页|返回顶部|回到顶部|我要纠错|分享到|复制链接|扫一扫|"
    r"在手机打开|收藏本页|加入收藏|上一篇|下一篇|打印|关闭|收藏|分享|纠错|保存|返回|微信|微博|"
    r"QQ空间|[【】\[\]|｜/、:：\s>»]"
)
_CRUMB_HEAD = re.compile(
    r"^(?:您的位置|您现在的位置|当前位置|所在位置|位置|上一篇|下一篇|上一条|下一条)\s*[:：]"
)
_CRUMB_SEP = re.compile(r"\s*[>＞»›]\s*")
_FOOTER = re.compile(
    r"Produced\s+By|Powered\s+By|版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|主办单位\s*[:：]|"
    r"承办单位\s*[:：]|技术支持\s*[:：]|网站地图|联系我们|建议使用.{0,20}浏览器|最佳浏览|分辨率",
    re.IGNORECASE,
)
_FARM = re.compile(
    r"小编|供大家参考|仅供参考|推荐访问|相关推荐|相关阅读|热门推荐|热门文章|本文关键词|免责声明|"
    r"原文链接|原文地址|下载本文|文档下载|全文阅读|点击下载|阅读全文|版权归原作者|侵删"
)
_GARBLED = re.compile(r"^[?？\ufffd\s]+$")
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|时间|日期)\s*[:：]\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})"
)

_ABOVE_MENUS = {"网页上的工具按钮", "网页的栏目导航", "网站页脚"}


def _why(text: str) -> str | None:
    """The reason text is chrome, or None."""
    if len(text) <= 120 and (_META.match(text) or _FONT_SIZE.search(text)):
        return "网页上的发布信息"
    if len(text) <= 80 and _META_ANYWHERE.search(text) and not text.endswith("。"):
        return "网页上的发布信息"
    if len(text) <= 60 and not _TOOLS.sub("", text):
        return "网页上的工具按钮"
    if len(text) <= 100 and (_CRUMB_HEAD.match(text) or _is_crumb(text)):
        return "网页的栏目导航"
    if len(text) <= 120 and _FOOTER.search(text):
        return "网站页脚"
    if len(text) <= 200 and _FARM.search(text):
        return "转载网站加上的文字"
    if _GARBLED.match(text):
        return "乱码"
    return None


def _published(text: str) -> CnDate | None:
    m = _PUBLISHED.search(text)
    if not m:
        return None
    try:
        return CnDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_LABEL = re.compile(r"^(?:" + _GOV_LABELS + r"|索引号|主题分类|发布机构|发布日期|来源)\s*[:：]?$")


def _meta_table(t: Table) -> bool:
    """A table of 政府信息公开 labels and values (索引号 | … | 发文字号 | …): two labels or more."""
    cells = [c.strip() for row in t.grid() for c in dict.fromkeys(row) if c.strip()]
    return sum(bool(_LABEL.match(c)) for c in cells) >= 2


_WEB_NUMBER = re.compile(r"(?:发文字号|文号)\s*[:：]?\s*([^\s　]+号)")


def web_number_of(dropped: list[Dropped]) -> str:
    """The 发文字号 a government site's 政府信息公开 box gave, or ""."""
    for d in dropped:
        m = _WEB_NUMBER.search(d.text)
        if m:
            return m.group(1)
    return ""


def _is_crumb(text: str) -> bool:
    parts = [p for p in _CRUMB_SEP.split(text) if p]
    seps = len(_CRUMB_SEP.findall(text))
    return seps >= 2 and all(len(p) <= 15 and not re.search(r"[。，；]", p) for p in parts)


def strip_chrome(blocks: list[Block]) -> tuple[list[Block], list[Dropped], CnDate | None]:
    """Blocks without chrome lines, the lines left out, and a 发布日期 found among them."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    published: CnDate | None = None
    top = True  # above any real content, and above the page's first chrome line
    banner: list[Para] = []
    for b in blocks:
        if isinstance(b, Table) and top and _meta_table(b):
            rows = ["　".join(dict.fromkeys(c for c in row if c)) for row in b.grid()]
            dropped.append(Dropped("\n".join(r for r in rows if r), b.where, "网页上的发布信息"))
            published = published or _published("　".join(rows))
            top = False
            continue
        if not isinstance(b, Para):
            top = False
            kept.extend(banner)
            banner = []
            kept.append(b)
            continue
        text = b.shown.strip()
        why = _why(text)
        if why:
            published = published or _published(text)
            if top and banner and why in _ABOVE_MENUS:
                # short lines above the page's menus are its banner or an advert; above a
                # 来源/发布日期 line they are the title
                dropped += [Dropped(p.shown, p.where, "网页顶部的站点名称或广告") for p in banner]
                banner = []
            top = False
            dropped.append(Dropped(text, b.where, why))
            continue
        if top and len(banner) < 3 and len(text) <= 20 and not re.search(r"[。，；：:]", text):
            banner.append(b)
            continue
        top = False
        kept.extend(banner)
        banner = []
        kept.append(b)
    kept.extend(banner)
    return kept, dropped, published
