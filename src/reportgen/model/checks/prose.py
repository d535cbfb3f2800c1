"""Numbers in a paragraph checked where the sentence itself says how they relate.

- **Totals and parts** (``sum``): "在校学生20000人，其中小学15000人，初中5200人". Parts after 其中
  may not add up to more than the total, and must make it up exactly when the list says it is
  complete (a last part named 其余/其他, or two parts that split the total: 公办/民办, 男/女).
  Parts listed and then summed ("小学80所、初中30所，共110所") likewise. Because 其中 lists are
  often followed by other figures of the same unit, or break a total down twice (专任教师, then by
  school level), parts stop where they first make up the total, and an excess is reported only
  where the parts are plainly one breakdown: two of them, a 、 list, or school levels and the like.
- **Shares** (``share``): a part followed by "占…P%" of the total just named.
- **Growth** (``growth``, ``points``): "支出473813.97万元，同比增加11730.67万元，增长2.54%" — the
  rate must follow from the amount and the value (11730.67 ÷ (473813.97 − 11730.67));
  "从A提高到B" must agree with an amount or rate given; two rates that differ by some points must
  say 个百分点.
- **Direction** (``direction``): "增长-3%", "下降-2%", "从900元提高到800元".
- **Rates above 100%** (``rate``): a 率, 占比 or 比例 above 100%, unless the name says it may be
  (增长率, 完成任务的109.96%, 毛入学率, 利用率).

Every comparison allows for the rounding of the numbers as printed (see interval.py), and none is
made where a number is approximate (约, 近, 余, 以上). ``analyse`` also returns the named quantities
of the paragraph, for the checks across a report (same.py).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ...text.cnnum import Quantity, find_quantities, format_value, printed_places, scale_word
from .interval import Range, rng

__all__ = ["Issue", "Statement", "analyse", "sentences"]


@dataclass(frozen=True)
class Issue:
    check: str  # sum, share, growth, points, direction, rate
    message: str
    hint: str


@dataclass(frozen=True)
class Statement:
    """A named quantity in a sentence (在园幼儿总数18872人), with the change stated beside it."""

    name: str  # 在园幼儿总数, as written before the number
    quantity: Quantity
    year: str | None  # the last year named before it, in its sentence or paragraph
    settled: bool  # a fact as it stands, not a target, a plan, a comparison or a list of several
    leading: bool = False  # in the first clause of its sentence, where the name has its subject
    rate: Quantity | None = None  # 增长2.54%: the relative change stated beside it
    amount: Quantity | None = None  # 增加11730.67万元
    falling: bool = False


_SENTENCE_END = re.compile(r"[。！？!?\n]")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[tuple[Issue, ...], tuple[Statement, ...]]:
    """Issues found in a paragraph, and the named quantities it states. Cached: the districts of a
    batch share most of their paragraphs (the defaults, the wording of a common template)."""
    issues: list[Issue] = []
    statements: list[Statement] = []
    year: str | None = None  # the last year the paragraph named: 2020年…。全县在校学生5万人。
    for s in sentences(text):
        found_issues, found_statements, year = _sentence(s, year)
        issues += found_issues
        statements += found_statements
    return tuple(issues), tuple(statements)


@lru_cache(maxsize=16384)
def _sentence(
    text: str, year: str | None
) -> tuple[tuple[Issue, ...], tuple[Statement, ...], str | None]:
    """One sentence's issues and statements, given the last year named before it, and the last
    year named by the end of it. Cached as well: a paragraph that differs from a district's
    neighbour in one sentence (its name, its figures) shares the others."""
    qs = find_quantities(text)
    found = _Sentence(text, qs, year) if qs else None
    years = _YEAR.findall(text)
    return (
        tuple(found.issues) if found else (),
        tuple(found.statements) if found else (),
        years[-1] if years else year,
    )


# ---- words ----------------------------------------------------------------------------------

_UP = "增加|增长|提高|提升|上升|增幅|增速|涨幅|增长率|增加比例|增长比例|增长幅度|增"
_DOWN = "减少|下降|降低|降幅|下滑|回落|减幅|降|减"
_DOWN_WORDS = set(_DOWN.split("|"))
# Nouns for a rate of change, which may be negative: 增长率为-3.5% says a fall plainly.
_RATE_NOUNS = {"增幅", "增速", "涨幅", "增长率", "增长幅度", "降幅", "减幅"}
# 增加11730.67万元, 增长了2.54%, 增加比例为1.26% — not 新增 (newly added), not 增加到 (a target).
_CHANGE = re.compile(rf"(?<!新)(?P<word>{_UP}|{_DOWN})(?:了|为|达|达到|是)?(?:约|近)?$")
_TARGET = re.compile(rf"(?P<word>{_UP}|{_DOWN})(?:到|至)(?:\d{{4}}年(?:底|末)?的?)?$")
# One character alone (同比增5%) counts only after 同比, 环比 or 比上年: 增 and 降 start many words.
_SINGLE = re.compile(r"(?:同比|环比|比上年|较上年)(?:增|降|减)$")
# The earlier value a change is measured from: 较2018年近视率63.59%, 从原来5个, 由56.91%.
_PREVIOUS = re.compile(r"较|从|由|比(?=上年|去年|上一年|\d{4}年)")  # in the clause before it
_BOUNDARY = "，,；;：:、（）()"
_BOUNDARY_RE = re.compile(f"[{re.escape(_BOUNDARY)}]")

# A rate that cannot pass 100% unless its name says otherwise.
_BOUNDED = re.compile(r"(?:率|占比|比例|比重|覆盖面|普及面)(?:为|是|达|达到|已达|约|近|了)*$")
_SHARE_OF = re.compile(r"占[^，,；;]*(?:的|总数|总量|总人数|比例|比重)(?:为|是|达|达到)?$")
_UNBOUNDED = re.compile(
    r"增长|增幅|增速|涨幅|同比|环比|提高|提升|上升|下降|较|比上年|完成|任务|计划|预算|执行"
    r"|目标|毛入|利用|使用|超额|相当于|倍|年均|平均"
)
# Words that make a number a target, a plan, a comparison or one of several.
_UNSETTLED = re.compile(
    r"将|计划|预计|力争|争取|目标|确保|拟|规划|到\d{4}年|至\d{4}年|较|比上年|同比|去年|上年"
    r"|分别|每|不少于|不低于|以上|以下|以内|各"
)
_NAME_TAIL = re.compile(r"(?:为|是|达|达到|共|共计|合计|总计|有|共有|计|约|近|已|了|的)+$")
_NAME_HEAD = re.compile(
    r"^(?:\d{4}年(?:度|底|末)?|截至目前|截止目前|目前|现有|现在|现|其中|另有|此外)+"
)
_YEAR = re.compile(r"(\d{4})年")

# Parts that are all of the total: a last part 其余…, or two that split it.
_REST = re.compile(r"^(?:其余|其他|其它|剩余|余下)")
_SPLITS = [("男", "女"), ("公办", "民办"), ("城镇", "农村"), ("城区", "农村"), ("城市", "农村")]
# Labels of one breakdown: school levels, administrative levels, place, ownership.
_BREAKDOWN = re.compile(
    r"学前|幼儿园|小学|初中|高中|普高|职高|中职|职业|特殊教育|特教|高校|高等|大学|九年一贯|完全中学"
    r"|教学点|国家级|省级|市级|州级|县级|区级|校级|乡镇|城区|农村|城镇|公办|民办"
)
# Labels that cut across a breakdown (女教师 beside 专任教师): such parts may overlap.
_ACROSS = re.compile(
    r"女|男|少数民族|寄宿|留守|随迁|残疾|贫困|困难|建档立卡|骨干|党员|研究生|本科|专科|高级|中级"
    r"|初级|专任|兼职|特级|名师|带头人|以上|以下"
)
_SUM_MARK = re.compile(r"(?<![公一])(?:共计|合计|总计|总共|共有|共)(?![同享建青产识性赢商担治])")
_NOT_A_PART = re.compile(r"比|较|增|减|降|升|提高|占|人均|生均|平均|每|分别")
_STOP_PARTS = re.compile(r"^(?:另|此外|同时|并|还|新增|以及)")


class _Sentence:
    """One sentence's quantities, what each one is, and the issues among them."""

    def __init__(self, text: str, qs: list[Quantity], year: str | None = None):
        self.text = text
        self.qs = qs
        self.year = year
        self.brackets = _brackets(text)
        self.boundaries = [m.start() for m in _BOUNDARY_RE.finditer(text)]
        self.years: list[tuple[int, str]] | None = None
        self.plans: list[int] | None = None
        self.roles = [self._role(i) for i in range(len(self.qs))]
        self.issues: list[Issue] = []
        self.statements: list[Statement] = []
        self._growth()
        self._totals()
        self._listed_totals()
        self._rates()

    # ---- reading the sentence ---------------------------------------------------------------

    def _clause_start(self, pos: int) -> int:
        """Where the clause holding pos begins: after the last comma, colon or bracket before it."""
        n = bisect.bisect_left(self.boundaries, pos)
        return self.boundaries[n - 1] + 1 if n else 0

    def _clause_end(self, pos: int) -> int:
        found = [k for k in (self.text.find(c, pos) for c in _BOUNDARY) if k >= 0]
        return min(found, default=len(self.text))

    def _role(self, i: int) -> tuple[str, str]:
        """base (a value), change (增加 D), target (提高到 B) or previous (较 A); and its word."""
        q = self.qs[i]
        pre = self.text[max(self._clause_start(q.start), self.qs[i - 1].end if i else 0) : q.start]
        m = _TARGET.search(pre)
        if m:
            return "target", m.group("word")
        m = _CHANGE.search(pre)
        if m and (len(m.group("word")) > 1 or _SINGLE.search(pre[: m.end("word")])):
            return "change", m.group("word")
        if _PREVIOUS.search(self.text[self._clause_start(q.start) : q.start]):
            return "previous", ""
        return "base", ""

    def _name(self, q: Quantity) -> str:
        """The words naming a quantity: back from it to a comma or the previous number."""
        start = self._clause_start(q.start)
        for other in self.qs:
            if start <= other.end <= q.start and other is not q:
                start = other.end
        return _NAME_HEAD.sub("", _NAME_TAIL.sub("", self.text[start : q.start]))

    def _year(self, pos: int) -> str | None:
        """The last year named before pos, in the sentence or the paragraph before it."""
        if self.years is None:
            self.years = [(m.start(), m.group(1)) for m in _YEAR.finditer(self.text)]
        found = [y for at, y in self.years if at < pos]
        return found[-1] if found else self.year

    def _unsettled(self, pos: int) -> bool:
        """Whether a word before pos makes a number a plan, target or comparison."""
        if self.plans is None:
            self.plans = [m.start() for m in _UNSETTLED.finditer(self.text)]
        return bool(self.plans) and self.plans[0] < pos

    def _before(self, q: Quantity) -> str:
        return self.text[self._clause_start(q.start) : q.start]

    # ---- growth -----------------------------------------------------------------------------

    def _growth(self) -> None:
        """Group each value with the changes stated after it, then check each group."""
        chains: list[dict] = []
        chain: dict | None = None
        for q, (role, word) in zip(self.qs, self.roles, strict=True):
            if self._depth(q.start):
                continue
            if chain is not None and re.search("[；;]", self.text[chain["end"] : q.start]):
                chain = None
            if role == "base":
                chain = {"base": q, "changes": []}
                chains.append(chain)
            elif role == "previous":
                if chain is None or "previous" in chain or chain["changes"] or "target" in chain:
                    chain = {"changes": []}
                    chains.append(chain)
                chain["previous"] = q
            else:
                if chain is None:
                    chain = {"changes": []}
                    chains.append(chain)
                if role == "target":
                    chain["target"] = (q, word)
                else:
                    chain["changes"].append((q, word))
            chain["end"] = q.end
            chain.setdefault("start", q.start)
        for c in chains:
            self._chain(c)

    def _chain(self, c: dict) -> None:
        changes: list[tuple[Quantity, str]] = c["changes"]
        for q, word in changes:
            if q.value < 0 and word not in _RATE_NOUNS:
                down = word in _DOWN_WORDS
                plain = q.text.lstrip("-－−负")
                self.issues.append(
                    Issue(
                        "direction",
                        f"“{word}{q.text}”：{word}写了负数，"
                        + ("负负得正，读作增长" if down else "读作下降"),
                        f"写作“{'增长' if down else '下降'}{plain}”",
                    )
                )
        if any(q.value < 0 for q, _ in changes):
            return  # a negative 增长率 is a fall, said plainly; nothing more to compare
        base: Quantity | None = c.get("base")
        target = c.get("target")
        now: Quantity | None = target[0] if target else base
        before: Quantity | None = c.get("previous")
        words = [w for _, w in changes] + ([target[1]] if target else [])
        amount = next((q for q, _ in changes if now and q.comparable(now) and not q.is_rate), None)
        rate = next((q for q, _ in changes if q.is_rate), None)
        points = next((q for q, _ in changes if q.key == "个百分点"), None)
        falling = any(w in _DOWN_WORDS for w in words) and not any(
            w not in _DOWN_WORDS for w in words
        )
        rising = any(w not in _DOWN_WORDS for w in words) and not any(
            w in _DOWN_WORDS for w in words
        )
        if base is not None and before is None:
            self.statements.append(
                Statement(
                    self._name(base),
                    base,
                    self._year(base.start),
                    not self._unsettled(base.start) and not base.approx,
                    leading=not re.search(
                        "[，,：:、（(]", self.text[_segment(self.text, base.start) : base.start]
                    ),
                    rate=None if base.is_rate else rate,
                    amount=amount,
                    falling=falling,
                )
            )
        if now is None or now.approx or "分别" in self.text[c["start"] : c["end"]]:
            return
        if any(q.approx for q, _ in changes):
            return
        if before is not None and before.comparable(now) and not before.approx:
            word = words[0] if words else ""
            self._from_to(before, now, rising, falling, word, amount, rate, points, changes)
        elif amount is not None and rate is not None and not now.is_rate:
            self._amount_and_rate(now, amount, rate, falling)

    def _from_to(self, before, now, rising, falling, word, amount, rate, points, changes):
        """较/从/由 A … B: the direction, and any amount, rate or points stated."""
        scale = min(before.scale, now.scale)
        note = _unit_note([before, now], scale)
        change = rng(now) - rng(before)
        if (rising and change.high < 0) or (falling and change.low > 0):
            self.issues.append(
                Issue(
                    "direction",
                    f"从 {before.text} 到 {now.text} 是{'下降' if change.high < 0 else '增长'}，"
                    f"这里写的是“{word}”",
                    "核对两个数值和增减的说法",
                )
            )
            return
        diff = abs(now.value - before.value)
        if amount is not None and not rng(amount).meets(_abs(change)):
            self.issues.append(
                Issue(
                    "growth",
                    f"{_v(now, scale)} − {_v(before, scale)} = {_fmt(diff / scale)}{note}，"
                    f"与所写“{word}{amount.text}”不符",
                    "核对前后两个数值和增减量",
                )
            )
            return
        relative = _abs_or_none((rng(now) - rng(before)).ratio(rng(before)))
        word = "下降" if now.value < before.value else "增长"
        if now.is_rate:
            points_word = next((w for q, w in changes if q is points), "")
            if points is not None and not rng(points).meets(_abs(change)):
                self.issues.append(
                    Issue(
                        "growth",
                        f"从 {before.text} 到 {now.text} 相差 {_fmt(diff)} 个百分点，"
                        f"与所写“{points_word}{points.text}”不符",
                        "核对两个百分率和相差的百分点",
                    )
                )
            if rate is None:
                return
            as_points = rng(rate).meets(_abs(change))
            as_relative = relative is not None and rng(rate).meets(relative)
            if as_relative:
                return
            if as_points:
                share = _fmt(diff / before.value * 100, 2) if before.value else "—"
                message = (
                    f"从 {before.text} 到 {now.text} 相差 {_fmt(diff)} 个百分点，写成了"
                    f"“{word}{rate.text}”（按比例算是{word} {share}%）"
                )
                check = "points"
            else:
                message = (
                    f"从 {before.text} 到 {now.text} 相差 {_fmt(diff)} 个百分点，"
                    f"与所写“{word}{rate.text}”不符"
                )
                check = "growth"
            self.issues.append(
                Issue(
                    check, message, f"两个百分率之差用“个百分点”：写作“{word}{_fmt(diff)}个百分点”"
                )
            )
            return
        if rate is not None and relative is not None and not rng(rate).meets(relative):
            computed = diff / before.value * 100
            self.issues.append(
                Issue(
                    "growth",
                    f"({_v(now, scale)} − {_v(before, scale)}) ÷ {_v(before, scale)} = "
                    f"{_fmt(computed, printed_places(rate))}%{note}，与所写 {rate.text} 不符",
                    "核对前后两个数值和增长率（增长率 = 增加量 ÷ 原数）",
                )
            )

    def _amount_and_rate(self, now: Quantity, amount: Quantity, rate: Quantity, down: bool):
        """V，增加 D，增长 P%: P = D ÷ (V − D); for a fall, P = D ÷ (V + D)."""
        before = rng(now) + rng(amount) if down else rng(now) - rng(amount)
        computed = rng(amount).ratio(before)
        if computed is None or rng(rate).meets(computed):
            return
        scale = min(now.scale, amount.scale)
        sign = "+" if down else "−"
        value = amount.value / (now.value + amount.value if down else now.value - amount.value)
        self.issues.append(
            Issue(
                "growth",
                f"{_v(amount, scale)} ÷ ({_v(now, scale)} {sign} {_v(amount, scale)}) = "
                f"{_fmt(value * 100, printed_places(rate))}%{_unit_note([now, amount], scale)}，"
                f"与所写 {rate.text} 不符",
                "核对总额、增减额和增减率（增长率 = 增加额 ÷ 上年数，上年数 = 今年数 − 增加额）",
            )
        )

    # ---- totals and parts ---------------------------------------------------------------------

    def _totals(self) -> None:
        """X，其中 A、B、C."""
        for m in re.finditer("其中", self.text):
            level = self._depth(m.start())
            end = self._part_end(m.end(), level)
            parts = [
                i
                for i, q in enumerate(self.qs)
                if m.end() <= q.start < end and self._depth(q.start) == level and not q.is_rate
            ]
            if not parts:
                continue
            # The total is the last number before 其中 — before the bracket when 其中 is inside one.
            head = self._open_bracket(m.start()) if level else m.start()
            outside = level - 1 if level else 0
            total_i = next(
                (
                    i
                    for i in reversed(range(len(self.qs)))
                    if self.qs[i].end <= head
                    and not self.qs[i].is_rate
                    and self._depth(self.qs[i].start) == outside
                ),
                None,
            )
            if total_i is None or re.search("[；;]", self.text[self.qs[total_i].end : m.start()]):
                continue
            total = self.qs[total_i]
            if total.approx or self.roles[total_i][0] != "base":
                continue
            if not level and total_i and self._listed(self.qs[total_i - 1], total):
                continue  # 小学52所，初中18所，其中…: 其中 may be of the whole list
            kept: list[int] = []
            for i in parts:
                q = self.qs[i]
                before = self._before(q)
                if _STOP_PARTS.match(before):
                    break
                if (
                    q.comparable(total)
                    and not _NOT_A_PART.search(before)
                    and self.roles[i][0] == "base"
                ):
                    kept.append(i)
            if not kept or self.qs[kept[0]] is not self.qs[parts[0]]:
                continue
            self._judge(total, kept)
            self._shares(total, kept, end)

    def _listed(self, before: Quantity, total: Quantity) -> bool:
        """Whether the number before the total is of its kind, in the same list."""
        between = self.text[before.end : total.start]
        return (
            before.comparable(total)
            and self._depth(before.start) == self._depth(total.start)
            and not re.search("[；;]", between)
            and self.roles[self.qs.index(before)][0] == "base"
        )

    def _depth(self, pos: int) -> int:
        """How many brackets (（…） or (…)) hold the character at pos."""
        places, depths = self.brackets
        n = bisect.bisect_right(places, pos)
        return depths[n - 1] if n else 0

    def _part_end(self, start: int, level: int) -> int:
        """Parts run to a semicolon, the next 其中 of the same level, or the bracket's end."""
        for m in _PART_STOP.finditer(self.text, start):
            k = m.start()
            if m.group() in "）)":
                if self._depth(k + 1) < level:
                    return k + 1
            elif self._depth(k) <= level:
                return k
        return len(self.text)

    def _open_bracket(self, pos: int) -> int:
        """Where the bracket holding pos opens."""
        level = self._depth(pos)
        places, depths = self.brackets
        for at, depth in zip(reversed(places), reversed(depths), strict=True):
            if at <= pos and depth == level and self.text[at] in "（(":
                return at
        return 0

    def _listed_totals(self) -> None:
        """小学80所、初中30所，共110所: the numbers listed before 共/合计."""
        for m in _SUM_MARK.finditer(self.text):
            after = [i for i, q in enumerate(self.qs) if q.start >= m.end()]
            if not after or self._depth(m.start()):
                continue
            total = self.qs[after[0]]
            gap = self.text[m.end() : total.start]
            if len(gap) > 6 or re.search(rf"[{_BOUNDARY}]", gap) or total.approx:
                continue
            if total.is_rate or self.roles[after[0]][0] != "base":
                continue
            head = self.text[: m.start()]
            if "其中" in head:
                continue
            cut = max(head.rfind("；"), head.rfind(";"))
            for other in _SUM_MARK.finditer(head):
                cut = max(cut, other.end())
            parts = [
                i
                for i, q in enumerate(self.qs)
                if cut < q.start
                and q.end <= m.start()
                and self._depth(q.start) == 0
                and q.comparable(total)
            ]
            if len(parts) < 2 or any(self.roles[i][0] != "base" for i in parts):
                continue
            if any(_NOT_A_PART.search(self._before(self.qs[i])) for i in parts):
                continue
            self._judge(total, parts, listed_before=True)

    def _judge(self, total: Quantity, parts: list[int], *, listed_before: bool = False) -> None:
        """Whether the parts fit the total; see the module docstring for when an excess counts."""
        qs = [self.qs[i] for i in parts]
        if any(q.approx for q in qs):
            return
        labels = [self._name(q) for q in qs]
        if any(label.endswith("各") for label in labels):
            return  # 各1所: one each of several, a number not written
        order = list(range(len(qs)))
        if listed_before:
            order.reverse()  # nearest the total first
        got = Range(Decimal(0), Decimal(0))
        over: list[int] | None = None
        for n, k in enumerate(order):
            got = got + rng(qs[k])
            if got.meets(rng(total)):
                return  # these parts make up the total; what follows is something else
            if got.low > total.high:
                over = sorted(order[: n + 1])
                break
        if over is not None:
            used = [qs[k] for k in over]
            used_labels = [labels[k] for k in over]
            tight = all(
                "、" in self.text[a.end : b.start]
                and not re.search("[，,]", self.text[a.end : b.start])
                for a, b in itertools.pairwise(used)
            )
            plain = len(used) == 2 or tight or all(_BREAKDOWN.search(x) for x in used_labels)
            if not plain or _overlaps(used_labels) or _nested(qs):
                return
            hint = "各分项之和超过了总数，核对总数和各分项"
        else:
            if not _complete(labels):
                return
            used = qs
            hint = "分项已列全（有“其余”或互补的两项），其和应等于总数，核对总数和各分项"
        scale = min(q.scale for q in [total, *used])
        value = sum((q.value for q in used), Decimal(0))
        if len(used) == 1:
            message = f"分项 {_v(used[0], scale)} 大于总数 {_v(total, scale)}"
        else:
            message = (
                " + ".join(_v(q, scale) for q in used)
                + f" = {_fmt(value / scale)}，与总数 {_v(total, scale)} 不符"
            )
        self.issues.append(Issue("sum", message + _unit_note([total, *used], scale), hint))

    def _shares(self, total: Quantity, parts: list[int], end: int) -> None:
        """其中 A，占(…总数的) P%: P = A ÷ total."""
        total_words = self.text[self._clause_start(total.start) : self._clause_end(total.end)]
        for i in parts:
            part = self.qs[i]
            share = self.qs[i + 1] if i + 1 < len(self.qs) else None
            if share is None or not share.is_rate or share.start >= end or share.approx:
                continue
            m = re.fullmatch(
                r"[，,]?占(?P<of>[^，,；;]*?)(?:的)?(?:比例|比重)?(?:为|是|达)?",
                self.text[part.end : share.start],
            )
            if not m or not _same_total(m.group("of"), self._name(part), total_words):
                continue
            computed = rng(part).ratio(rng(total))
            if computed is None or rng(share).meets(computed):
                continue
            scale = min(part.scale, total.scale)
            value = part.value / total.value * 100
            self.issues.append(
                Issue(
                    "share",
                    f"{_v(part, scale)} ÷ {_v(total, scale)} = "
                    f"{_fmt(value, printed_places(share))}%"
                    f"{_unit_note([part, total], scale)}，与所写 {share.text} 不符",
                    "核对分项、总数和占比（占比 = 分项 ÷ 总数）",
                )
            )

    # ---- rates --------------------------------------------------------------------------------

    def _rates(self) -> None:
        for q, (role, _) in zip(self.qs, self.roles, strict=True):
            if q.key != "%" or q.low <= 100 or role != "base":
                continue
            name = self._before(q)
            if not (_BOUNDED.search(name) or _SHARE_OF.search(name)) or _UNBOUNDED.search(name):
                continue
            self.issues.append(
                Issue(
                    "rate",
                    f"“{_NAME_TAIL.sub('', name)}”为 {q.text}，超过了 100%",
                    "比率、占比不会超过 100%，核对数值或写法",
                )
            )


# ---- helpers --------------------------------------------------------------------------------


def _brackets(text: str) -> tuple[list[int], list[int]]:
    """Where the bracket depth changes and what it becomes: an opening bracket is inside (its own
    depth), a closing one too (the depth drops after it); a closing bracket with none open is
    ignored."""
    places: list[int] = []
    depths: list[int] = []
    depth = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "（(":
            depth += 1
            places.append(m.start())
        elif depth:
            depth -= 1
            places.append(m.start() + 1)
        else:
            continue
        depths.append(depth)
    return places, depths


def _segment(text: str, pos: int) -> int:
    """Where the sentence, or its part after a semicolon, that holds pos begins."""
    return max(text.rfind("；", 0, pos), text.rfind(";", 0, pos)) + 1


_BRACKET = re.compile("[（()）]")
_PART_STOP = re.compile("[；;）)]|其中")


def _complete(labels: list[str]) -> bool:
    """Whether parts are all of the total: a last 其余…, or two that split it (公办园/民办园)."""
    if _REST.match(labels[-1]):
        return True
    if len(labels) == 2:
        one, two = labels
        for a, b in _SPLITS:
            for x, y in ((a, b), (b, a)):
                if x in one and y in two and one.replace(x, "", 1) == two.replace(y, "", 1):
                    return True
    return False


def _overlaps(labels: list[str]) -> bool:
    """Parts that may overlap: a label cutting across (女, 骨干, 专任) beside others, unless the two
    split the total (男/女)."""
    return any(_ACROSS.search(x) for x in labels) and not _complete(labels)


def _nested(qs: list[Quantity]) -> bool:
    """A part that is the sum of the parts after it (专任教师 then 小学、初中…): two levels."""
    for k, q in enumerate(qs):
        got = Range(Decimal(0), Decimal(0))
        for n, later in enumerate(qs[k + 1 :], 1):
            got = got + rng(later)
            if n >= 2 and got.meets(rng(q)):
                return True
    return False


def _same_total(of: str, part_name: str, total_words: str) -> bool:
    """Whether 占…的 names the total just given: nothing (占61.2%), or words of the total's clause
    and none of the part's own (占实际交流总数的 — but not 占全区骨干教师总数的)."""
    of = re.sub(r"(?:总数|总量|总人数|总额|总和|合计|全部)$", "", of)
    if not of:
        return True
    grams = {of[k : k + 2] for k in range(len(of) - 1)}
    in_total = {g for g in grams if g in total_words}
    return bool(in_total) and not {g for g in grams if g in part_name} - in_total


def _abs(r: Range) -> Range:
    if r.low >= 0:
        return r
    if r.high <= 0:
        return Range(-r.high, -r.low)
    return Range(Decimal(0), max(-r.low, r.high))


def _abs_or_none(r: Range | None) -> Range | None:
    return None if r is None else _abs(r)


def _fmt(value: Decimal, places: int | None = None) -> str:
    """A computed number for a message, rounded to places and without trailing zeros: 90, 61.2."""
    text = format_value(value, places)
    return text.rstrip("0").rstrip(".") if places and "." in text else text


def _v(q: Quantity, scale: Decimal) -> str:
    return format_value(q.value / scale)


def _unit_note(qs: list[Quantity], scale: Decimal) -> str:
    """（单位：万元） when the numbers shown were written in different units."""
    if len({q.scale for q in qs}) == 1:
        return ""
    return f"（单位：{scale_word(scale)}{qs[0].unit}）"
