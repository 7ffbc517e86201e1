"""Measurable targets in a task's text: 地区生产总值增长6%以上 → 地区生产总值 ≥ 6 % (growth).

A 督办 ledger tracks whether each task of the 政府工作报告 was met. Most task
texts carry their own yardstick — a growth rate, a count of new enterprises, a
planted area — so reading those figures out lets progress reports ask for the
matching actual values and the ledger show target beside actual.

How a clause is read:

- the text is cut into sentences (。；！？ and line breaks) and clauses (，：);
  a 、 only separates list items, so it never hides a figure from its metric;
- a quantity is a number with a unit (6%, 9.8万亩, 十五家, 3千万元) or a bare
  万/亿 figure standing alone (百亿大关). Numbers are parsed exactly with
  Decimal and scaled by 十/百/千/万/亿 into the base unit (9.8万亩 → 98000 亩);
- a number without a unit is never a target: years (2022年), dates (6月底),
  document numbers (〔2023〕12号), 十四五 and names (5G, 4A级) fall out that way.
  Chinese numerals are also common inside set phrases (八项规定, 一件事一次办),
  so they count only with 万/亿, at the end of an item, or after a verb that
  sets a target (新建三所幼儿园);
- a quantity that describes a noun rather than sets a goal is a qualifier, not a
  target: 总投资9.2亿元的项目, 500万元以上项目150个, 过10亿元项目15个;
- the words just before the number (增长, 控制在, 突破, 不少于, 约 …) and just
  after it (以上, 以内, 左右) give the comparator and the kind; what remains of
  the clause, minus scope words such as 全年/全县/力争/完成, is the metric.

Choices where the text is ambiguous:

- a bare growth rate is exact (增长7.5% → = 7.5), as 预期性 targets are printed;
  a bare decline is a floor (能耗下降3% → ≥ 3, kind "decline"), as 约束性 ones are;
- a bare count or amount after a verb that sets work (完成, 新增, 新建, 建成,
  实施, 改造, 培育 …) is a floor; a bare ratio is a floor only after 完成/实现/达到;
- 3-5所 is read as at least 3; 100余家 and 1万多人 as at least the number;
- 分别 lists give one target per figure; 城乡/城镇和农村 become 城镇 and 农村,
  other lists keep the shared metric;
- a clause with a figure but no metric of its own (…增长6%，力争7%) takes the
  metric of the target before it in the same sentence.

Nothing here imports Django; the ledger calls `extract_targets` on task contents.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from duban.extract.chinese import fold, squeeze

COMPARATORS = (">=", "<=", "=", "~")
KINDS = ("growth", "decline", "level", "rate")


@dataclass(frozen=True)
class Target:
    metric: str  # what is measured, as printed: "地区生产总值", "新增规上工业企业"
    comparator: str  # ">=" | "<=" | "=" | "~"
    value: float  # in base units: 9.8万亩 → 98000.0
    unit: str  # base unit: "%", "亩", "元", "家" … ("" for a bare 百亿)
    kind: str  # "growth" | "decline" | "level" | "rate"
    text: str  # the clause it was read from, as printed

    def to_json(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------
# Vocabulary

# Printed unit → base unit. Multipliers (万, 亿 …) are read separately, so 万亩
# and 亿元 need no entries of their own.
_UNITS = {
    "%": "%",
    "‰": "‰",
    "个百分点": "百分点",
    "百分点": "百分点",
    "个工作日": "工作日",
    "工作日": "工作日",
    "平方公里": "平方公里",
    "平方千米": "平方公里",
    "平方米": "平方米",
    "㎡": "平方米",
    "立方米": "立方米",
    "微克/立方米": "微克/立方米",
    "公里": "公里",
    "千米": "公里",
    "米": "米",
    "公顷": "公顷",
    "亩": "亩",
    "吨": "吨",
    "斤": "斤",
    "千克": "千克",
    "公斤": "千克",
    "千瓦时": "千瓦时",
    "千瓦": "千瓦",
    "兆瓦": "兆瓦",
    "千伏安": "千伏安",
    "美元": "美元",
    "元": "元",
    "人次": "人次",
    "人": "人",
    "名": "人",
    "户": "户",
    "家": "家",
    "个": "个",
    "所": "所",
    "套": "套",
    "项": "项",
    "座": "座",
    "场次": "场次",
    "场": "场",
    "次": "次",
    "处": "处",
    "条": "条",
    "部": "部",
    "辆": "辆",
    "台": "台",
    "张": "张",
    "间": "间",
    "头": "头",
    "只": "只",
    "羽": "羽",
    "株": "株",
    "棵": "棵",
    "件": "件",
    "栋": "栋",
    "幢": "幢",
    "篇": "篇",
    "块": "块",
    "盏": "盏",
    "倍": "倍",
    "标准箱": "标准箱",
    "标箱": "标准箱",
    "天": "天",
    "小时": "小时",
}
# After a Chinese numeral these units mostly belong to set phrases
# (一次办, 一件事, 一张网, 一条龙, 一天): only the unambiguous ones are kept.
_CN_UNITS = (
    "%",
    "个百分点",
    "百分点",
    "个",
    "家",
    "所",
    "项",
    "座",
    "套",
    "户",
    "人次",
    "人",
    "名",
    "处",
    "亩",
    "公顷",
    "元",
    "吨",
    "公里",
    "平方公里",
    "平方米",
    "千瓦",
    "辆",
    "栋",
)
# A unit character followed by one of these is the start of a word, not a unit:
# 3个月 (a deadline), 家庭, 所有, 人民, 部门, 项目.
_UNIT_GUARD = {
    "个": "月季年体",
    "家": "庭电具居乡",
    "所": "有在属得以",
    "人": "民",
    "场": "所景地馆",
    "部": "门署",
    "条": "例件款",
    "项": "目",
    "台": "账阶",
    "处": "理置",
    "户": "籍口外",
    "只": "要有是",
    "天": "内前后",
    "小时": "内前后",
    "间": "隔",
}
# Durations are deadlines more often than targets (7天无理由退货, 24小时服务):
# they count only after a comparing verb (压缩至3天, 不超过24小时).
_NEEDS_COMPARISON = {"天", "小时"}

_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

_NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
# 十/百/千 then 万/亿; 千 before 米/瓦/克 belongs to the unit (10千瓦, 万千瓦).
_MULT = r"(?:[十百]|千(?![米瓦克伏]))?(?:万亿|[万亿])?"
_BIG = r"(?:[十百千]?(?:万亿|[万亿]))"
_CN_RUN = r"[一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*"


def _alternation(units) -> str:
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


_ARABIC = re.compile(
    rf"(?<![0-9A-Za-z._/\\第-])"
    rf"(?:(?P<low>{_NUM})\s*(?:[-~～—–至到]|——)\s*)?"
    rf"(?P<num>{_NUM})\s*"
    rf"(?:(?P<mult>{_MULT})(?P<more>[余多])?\s*(?P<unit>{_alternation(_UNITS)})|(?P<bare>{_BIG}))"
)
_CHINESE = re.compile(
    rf"(?<![0-9零〇一二两三四五六七八九十百千万亿第])"
    rf"(?P<num>{_CN_RUN})(?:(?P<more>[余多])?(?P<unit>{_alternation(_CN_UNITS)})|)"
)
_SUFFIX = re.compile(r"\s*(及以上|以上|及以下|以下|以内|之内|左右|内)")
_SUFFIX_COMPARATOR = {
    "及以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "~",
    "内": "<=",
}

_SENTENCE = re.compile(r"[。；;！!？?\n\r]+")
# ASCII commas between digit groups (3,000户) are thousands separators.
_CLAUSE = re.compile(r"[，：:]+|,(?![0-9]{3}(?![0-9]))|(?<![0-9]),")

# Words that may stand between a metric and its number, read backwards from the
# number. Each maps to (comparator or None, change: "up" | "down" | None,
# "to": True when the verb names an end state, 降至 rather than 下降).
_PREDICATE: dict[str, tuple[str | None, str | None, bool]] = {
    "增长": (None, "up", False),
    "增加": (None, "up", False),
    "提高": (None, "up", False),
    "提升": (None, "up", False),
    "上升": (None, "up", False),
    "扩大": (None, "up", False),
    "增速": (None, "up", False),
    "增幅": (None, "up", False),
    "下降": (None, "down", False),
    "降低": (None, "down", False),
    "减少": (None, "down", False),
    "压减": (None, "down", False),
    "压降": (None, "down", False),
    "削减": (None, "down", False),
    "缩减": (None, "down", False),
    "缩短": (None, "down", False),
    "压缩": (None, "down", False),
    "降幅": (None, "down", False),
    "降": (None, "down", False),
    "至": (None, None, True),
    "到": (None, None, True),
    "分别": (None, None, False),
    "同比": (None, None, False),
    "同口径": (None, None, False),
    "年均": (None, None, False),
    "比上年": (None, None, False),
    "较上年": (None, None, False),
    "稳定在": (None, None, False),
    "保持在": (None, None, False),
    "维持在": (None, None, False),
    "稳定": (None, None, False),
    "保持": (None, None, False),
    "维持": (None, None, False),
    "每人每月": (None, None, False),
    "每人每年": (None, None, False),
    "每月": (None, None, False),
    "每年": (None, None, False),
    "控制在": ("<=", None, False),
    "控制": ("<=", None, False),
    "不超过": ("<=", None, False),
    "不高于": ("<=", None, False),
    "低于": ("<=", None, False),
    "少于": ("<=", None, False),
    "不少于": (">=", None, False),
    "不低于": (">=", None, False),
    "至少": (">=", None, False),
    "高于": (">=", None, False),
    "多于": (">=", None, False),
    "超过": (">=", None, False),
    "超": (">=", None, False),
    "过": (">=", None, False),
    "突破": (">=", None, False),
    "达到": (">=", None, False),
    "达": (">=", None, False),
    "力争": (">=", None, False),
    "确保": (None, None, False),
    "约为": ("~", None, False),
    "约": ("~", None, False),
    "大约": ("~", None, False),
    "接近": ("~", None, False),
    "近": ("~", None, False),
    "为": (None, None, False),
}
# A one-character predicate word that ends a longer word is that word, not a
# predicate: 节约, 附近, 通过, 下达.
_PREDICATE_GUARD = {
    "约": "节签预合制公契邀相集",
    "近": "附最将邻就亲靠",
    "过": "通经不越度难",
    "达": "到抵下通发表传送",
    "超": "赶",
    "降": "升",
    "至": "甚乃以",
    "到": "做得达收",
    "为": "作成因认视改更行",
}
_PREDICATE_WORDS = sorted(_PREDICATE, key=len, reverse=True)
# Verbs whose bare figure is a floor to reach: 新增15家 means at least 15.
_AT_LEAST_VERBS = sorted(
    (
        "完成 新增 新建 建成 建设 实施 改造 培育 引进 招引 创建 争创 创成 打造 举办 开展 "
        "新改扩建 改扩建 新改建 改建 发放 接待 争取 培训 吸纳 带动 转移 签约 认定 储备 "
        "新开工 开工 修复 更换 整治 盘活 腾退 供应 筛查 体检 接种 救助 资助 帮扶 提供 新入 "
        "新培育 实现 建立 推广 种植 栽植 造林 治理 征收 新认定 认证 推进 推动 办好 落实 "
        "发展 筹集 招录 组建 消除 转化 打通 开通 推出 引育 加装 提档 升级 解决 设立 "
        "培养 拆除 输转 达成 惠及 招聘 安置 新签 谋划 降低 减少 节约 压减"
    ).split(),
    key=len,
    reverse=True,
)
# Words that make a bare ratio a floor to reach: 完成路基工程70%.
_ACHIEVED = ("完成", "实现", "达到")
# Scope and hedge words that open a clause but are not part of what is measured.
_FILLERS = sorted(
    (
        "全年 年内 今年 当年 本年 年度 全县 全市 全区 全镇 全乡 全旗 全州 全省 全盟 "
        "其中 力争 确保 努力 完成 实现 同时 另外 此外 预计 计划 年底前 年底 年末 "
        "大力 加快 积极 全力 持续 着力 扎实 稳步 有序 深入 进一步 高质量 高标准 同步 接续 "
        "力促 切实"
    ).split(),
    key=len,
    reverse=True,
)
_LEADING_NOISE = re.compile(
    r"(?:[\s、，,：:；;.．·*#\-—]+"
    r"|(?:到|在)?(?:19|20)[0-9]{2}年(?:底|末|内)?(?:前)?"
    r"|[一二三四五六七八九十]+是"
    r"|[（(][一二三四五六七八九十0-9]+[)）][、.．]?"
    r"|[一二三四五六七八九十]+[、．.]"
    r"|[0-9]{1,2}(?:[、．)）]|\.(?![0-9]))"
    r"|[\u2460-\u2473])"
)
_TRAILING_NOISE = re.compile(
    r"(?:[\s、，,：:；;·*\-—]|的|为|是|在|于|共|总计|合计|大关|关口|目标)+$"
)
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
_AT_END = re.compile(
    r"[\s）)”’」』】〕]*(?:[（(][^（）()]*[）)])?[\s）)”’」』】〕]*"
    r"(?:$|、|大关|关口|[和与及或]\s*[0-9一二两三四五六七八九十百])"
)
_URBAN_RURAL = re.compile(r"城乡|(城镇|城市)([^和与及、]{0,4}?)[和与及、](农村)\2")
_ENUMERATION = re.compile("、")
_DESCRIBED = re.compile(r"\s*(?:的|级|量级)")
# A figure right after these words sizes the noun that follows (年产5万吨…项目,
# 年存栏5000头…项目): it describes a project, it is not the task's goal.
_DESCRIBING = re.compile(
    r"(?:年产能?|产能|年处理|日处理|年存栏|年出栏|总投资|投资|总装机|装机|总长|全长|库容|占地)$"
)
_CONNECTOR = re.compile(r"(?:和|与|及|以及|或|、|\s)*")
_LEADING_CONNECTOR = re.compile(r"\s*(?:以及|和|与|及|或)")
# 提升覆盖率至90%: the direction of an end state is the verb that opens the clause.
_LEADING_CHANGE = {
    "提高": "up",
    "提升": "up",
    "增加": "up",
    "扩大": "up",
    "降低": "down",
    "压缩": "down",
    "减少": "down",
    "缩短": "down",
    "下降": "down",
    "压减": "down",
}

# Full-width digits and signs read like ASCII; one character for one, so printed
# text can be sliced with the indices found in the normalised key.
_WIDTH = str.maketrans("０１２３４５６７８９％．，～－", "0123456789%.,~-")

_MAX_VALUE = 1e16  # larger figures are digit noise, not targets


# ---------------------------------------------------------------------------
# Public API


def extract_targets(content: str) -> list[Target]:
    """Every measurable target in `content`, in reading order; [] when there is none."""
    if not isinstance(content, str) or not content:
        return []
    key = fold(content).translate(_WIDTH)
    if len(key) != len(content):  # folding keeps lengths; guard the slicing anyway
        key = content.translate(_WIDTH)
    targets: list[Target] = []
    for start, end in _spans(key, 0, len(key), _SENTENCE):
        previous: Target | None = None
        for c_start, c_end in _spans(key, start, end, _CLAUSE):
            for target in _read_clause(content, key, c_start, c_end, previous):
                targets.append(target)
                previous = target
    return targets


# ---------------------------------------------------------------------------
# Quantities


@dataclass
class _Quantity:
    start: int
    end: int  # after the unit (or bare multiplier), before any suffix
    stop: int  # after the suffix
    value: float
    unit: str
    suffix: str | None
    more: bool  # 100余家, 1万多人
    ranged: bool  # 3-5家
    chinese: bool


def _spans(key: str, start: int, end: int, separator: re.Pattern) -> list[tuple[int, int]]:
    spans, at = [], start
    for m in separator.finditer(key, start, end):
        if m.start() > at:
            spans.append((at, m.start()))
        at = m.end()
    if end > at:
        spans.append((at, end))
    return spans


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _multiplier(text: str) -> int:
    factor = 1
    for ch in text:
        factor *= _SMALL.get(ch) or _LARGE.get(ch, 1)
    return factor


def _chinese_number(text: str) -> int | None:
    """十五 → 15, 一万 → 10000, 百亿 → 10^10; runs of bare digits (十四五, 二〇二二) → None."""
    total, section, number = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if number is not None:
                return None
            number = _CN_DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if number is None else number) * _SMALL[ch]
            number = None
        elif ch == "万":
            total += (section + (number or 0)) * _LARGE[ch]
            section, number = 0, None
        elif ch == "亿":
            total = (total + section + (number or 0)) * _LARGE[ch]
            section, number = 0, None
        else:
            return None
    return total + section + (number or 0)


def _quantities(key: str, start: int, end: int) -> list[_Quantity]:
    found: list[_Quantity] = []
    for m in _ARABIC.finditer(key, start, end):
        number = _decimal(m["num"])
        if number is None:
            continue
        unit_text = m["unit"] or ""
        factor = _multiplier(m["mult"] or m["bare"] or "")
        if not _unit_allowed(key, m.end(), unit_text):
            continue
        low = _decimal(m["low"]) if m["low"] else None
        ranged = low is not None and low < number
        value = (low if ranged else number) * factor
        found.append(_quantity(key, m, end, value, unit_text, bool(m["more"]), ranged))
    arabic_starts = [q.start for q in found]
    chinese: list[_Quantity] = []
    for m in _CHINESE.finditer(key, start, end):
        if len(m["num"]) > 12:
            continue
        number = _chinese_number(m["num"])
        unit_text = m["unit"] or ""
        if number is None or not _unit_allowed(key, m.end(), unit_text):
            continue
        if not unit_text and not re.search("[万亿]", m["num"]):
            continue
        quantity = _quantity(key, m, end, Decimal(number), unit_text, bool(m["more"]), False)
        quantity.chinese = True
        i = bisect.bisect_right(arabic_starts, quantity.start)
        if i and found[i - 1].end > quantity.start:
            continue  # inside an Arabic figure already read
        chinese.append(quantity)
    found = [q for q in found + chinese if math.isfinite(q.value)]
    return sorted(found, key=lambda q: q.start)


def _unit_allowed(key: str, at: int, unit: str) -> bool:
    guard = _UNIT_GUARD.get(unit)
    return not (guard and at < len(key) and key[at] in guard)


def _quantity(
    key: str, m: re.Match, end: int, value: Decimal, unit: str, more: bool, ranged: bool
) -> _Quantity:
    base = _UNITS.get(unit, "")
    number = float(value) if abs(value) <= Decimal(_MAX_VALUE) else math.inf
    suffix = _SUFFIX.match(key, m.end(), end)
    return _Quantity(
        start=m.start(),
        end=m.end(),
        stop=suffix.end() if suffix else m.end(),
        value=number,
        unit=base,
        suffix=suffix.group(1) if suffix else None,
        more=more,
        ranged=ranged,
        chinese=False,
    )


# ---------------------------------------------------------------------------
# Clauses


@dataclass
class _Reading:
    quantity: _Quantity
    metric: str
    comparator: str
    kind: str
    verb: str  # the target-setting verb the metric opens with, for the items after it
    from_suffix: bool


def _at_end(key: str, at: int, end: int) -> bool:
    return bool(_AT_END.match(key, at, end))


def _is_qualifier(
    key: str, q: _Quantity, following: _Quantity | None, start: int, end: int, item_end: int
) -> bool:
    """总投资9.2亿元的项目, 500万元以上项目, 过10亿元项目15个: a figure describing a noun."""
    if _DESCRIBED.match(key, q.stop, end):
        return True
    if _at_end(key, q.stop, end):
        return False
    if q.suffix in ("以上", "及以上", "以下", "及以下"):
        return True
    if _DESCRIBING.search(key, max(start, q.start - 4), q.start):
        return True
    return following is not None and following.start < item_end and following.unit != q.unit


def _predicate(key: str, floor: int, at: int) -> tuple[int, list[str]]:
    """Walk back from the number over 增长/控制在/突破/力争 …; the words, nearest first."""
    words: list[str] = []
    while at > floor:
        if key[at - 1].isspace():
            at -= 1
            continue
        for word in _PREDICATE_WORDS:
            begin = at - len(word)
            if begin < floor or not key.startswith(word, begin):
                continue
            guard = _PREDICATE_GUARD.get(word)
            if guard and begin > floor and key[begin - 1] in guard:
                continue
            words.append(word)
            at = begin
            break
        else:
            break
    return at, words


def _trim(key: str, start: int, end: int, fillers: bool = True) -> tuple[int, int]:
    """Drop scope words, ordinals and punctuation around a metric."""
    while start < end:
        m = _LEADING_NOISE.match(key, start, end)
        if m and m.end() > start:
            start = m.end()
            continue
        if not fillers:
            break
        word = next(
            (w for w in _FILLERS if key.startswith(w, start) and start + len(w) <= end), None
        )
        if word is None:
            break
        start += len(word)
    m = _TRAILING_NOISE.search(key, start, end)
    if m:
        end = m.start()
    return start, max(start, end)


def _post(key: str, start: int, end: int) -> list[tuple[int, int]]:
    """The noun after a leading figure (新增10家|街道级中央厨房), without brackets."""
    start, end = _trim(key, start, end, fillers=False)
    if _CONNECTOR.fullmatch(key, start, end):
        return []  # 分别增长6%和7%: only the link to the next figure
    pieces, at = [], start
    for m in _BRACKETS.finditer(key, start, end):
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, end))
    pieces = [_trim(key, a, b, fillers=False) for a, b in pieces]
    return [(a, b) for a, b in pieces if b > a]


def _leading_verb(key: str, start: int, end: int) -> str | None:
    return next(
        (v for v in _AT_LEAST_VERBS if key.startswith(v, start) and start + len(v) <= end), None
    )


def _names_noun(key: str, start: int, end: int) -> bool:
    """Whether the words before a figure go beyond verbs (新建学校, not 开工建设)."""
    start, end = _trim(key, start, end)
    while start < end and (verb := _leading_verb(key, start, end)):
        start += len(verb)
    return start < end


def _has_verb(text: str) -> bool:
    return any(v in text for v in _AT_LEAST_VERBS)


def _chinese_ok(key: str, q: _Quantity, floor: int, end: int) -> bool:
    """Chinese numerals count with 万/亿, at the end of an item, or after a target verb."""
    if any(ch in key[q.start : q.end] for ch in "万亿"):
        return True
    if _at_end(key, q.stop, end) or q.suffix:
        return True
    return any(key.endswith(v, floor, q.start) for v in _AT_LEAST_VERBS)


def _pre(
    key: str, region: int, pred_start: int, q: _Quantity, leading: bool, after_figure: bool
) -> list[tuple[int, int]]:
    """The metric's words before the figure.

    Before a leading figure a 、 list is usually the previous item
    (示范镇、7个示范村 → 示范村), unless the list names the very items counted
    (东关、石桥2个城中村, 振华路、沈圩路等5个地涵).
    """
    start, end = _trim(key, region, pred_start)
    if after_figure and (m := _LEADING_CONNECTOR.match(key, start, end)):
        start, end = _trim(key, m.end(), end)  # 新建学校3所和幼儿园2所
    if end <= start:
        return []
    raw = key[start:pred_start]  # before trimming, so a trailing 、 still counts
    if leading and "、" in raw and not key[start:end].endswith("等"):
        items = key[start:end].split("、")
        if raw.endswith("、") or len(items) != q.value:
            last = start + raw.rfind("、") + 1
            verb = _leading_verb(key, start, end)
            spans = [(start, start + len(verb))] if verb else []
            if end > last:
                spans.append((last, end))
            return spans
    return [(start, end)]


def _inside(brackets: list[tuple[int, int]], q: _Quantity) -> bool:
    i = bisect.bisect_left(brackets, (q.start, q.start)) - 1
    return i >= 0 and brackets[i][0] < q.start and q.end <= brackets[i][1]


def _next_comma(commas: list[int], at: int, end: int) -> int:
    """The first 、 at or after `at`, or the clause end."""
    i = bisect.bisect_left(commas, at)
    return commas[i] if i < len(commas) else end


def _read_clause(
    content: str, key: str, start: int, end: int, previous: Target | None
) -> list[Target]:
    brackets = [(m.start(), m.end()) for m in _BRACKETS.finditer(key, start, end)]
    commas = [m.start() for m in _ENUMERATION.finditer(key, start, end)]
    candidates = [
        q
        for q in _quantities(key, start, end)
        if not _inside(brackets, q)  # （含产业项目30个）
    ]
    kept: list[_Quantity] = []
    for i, q in enumerate(candidates):
        if q.chinese and not _chinese_ok(key, q, start, end):
            continue
        if not q.unit and not _at_end(key, q.stop, end):
            continue  # a bare 十亿 inside a phrase: 千万不能, 百亿级
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        item_end = _next_comma(commas, q.stop, end)
        if _is_qualifier(key, q, following, start, end, item_end):
            continue
        kept.append(q)

    readings: list[_Reading] = []
    region = start
    for i, q in enumerate(kept):
        if q.start < region:
            continue
        pred_start, words = _predicate(key, region, q.start)
        if q.unit in _NEEDS_COMPARISON and not any(
            _PREDICATE[w][0] or _PREDICATE[w][2] for w in words
        ):
            region = q.stop
            continue
        # The noun after a leading figure runs to the next 、 or the next figure.
        post_end = end
        comma = _next_comma(commas, q.stop, end)
        if comma < end:
            post_end = comma
        if i + 1 < len(kept):
            post_end = min(post_end, kept[i + 1].start)
        post = _post(key, q.stop, post_end) if post_end > q.stop else []
        if (
            post
            and _LEADING_CONNECTOR.match(key, post[0][0])
            and _names_noun(key, region, pred_start)
        ):
            post = []  # 新建学校3所|和幼儿园2所: the figure closed its item
        pre = _pre(key, region, pred_start, q, bool(post), after_figure=bool(readings))
        pre_raw = key[region:pred_start]
        region = post_end if post else q.stop

        spans = pre + post
        metric = squeeze("".join(content[a:b] for a, b in spans))
        metric_key = "".join(key[a:b] for a, b in spans)
        verb = _leading_verb(key, pre[0][0], pre[0][1]) if pre else None
        lead = next((d for w, d in _LEADING_CHANGE.items() if metric_key.startswith(w)), None)

        sibling = readings[-1] if readings and not metric else None
        if readings and metric and verb is None and not _has_verb(pre_raw) and readings[0].verb:
            # 新增国家高新技术企业50家、专精特新企业6家: the verb reaches the later items.
            metric, metric_key = readings[0].verb + metric, readings[0].verb + metric_key
            verb = readings[0].verb

        kind = _kind(q, words)
        if sibling is not None:
            metric, kind, verb = sibling.metric, sibling.kind, sibling.verb
        elif not metric and previous is not None:
            # 生产总值增长6%，力争7%: the second figure is about the same metric.
            metric = previous.metric
            if kind in ("level", "rate") and q.unit == previous.unit and not _changes(words):
                kind = previous.kind if previous.kind in ("growth", "decline") else kind

        verb_implies = bool(verb) or _has_verb(pre_raw + metric_key)
        achieved = any(w in pre_raw for w in _ACHIEVED)
        comparator = _comparator(q, words, kind, verb_implies, achieved, lead)
        if sibling is not None and not q.suffix and comparator == "=":
            comparator = sibling.comparator
        readings.append(_Reading(q, metric, comparator, kind, verb or "", bool(q.suffix)))

    clause_text = content[start:end].strip()
    targets = []
    for run in _runs(readings):
        if len(run) > 1 and run[-1].from_suffix:
            # 分别增长6%、7%以上: a suffix on the last figure covers the list.
            for reading in run[:-1]:
                if not reading.from_suffix:
                    reading.comparator = run[-1].comparator
        for index, reading in enumerate(run):
            metric = _urban_rural(reading.metric, index, len(run))
            q = reading.quantity
            targets.append(
                Target(metric, reading.comparator, q.value, q.unit, reading.kind, clause_text)
            )
    return targets


def _changes(words: list[str]) -> bool:
    return any(_PREDICATE[w][1] for w in words)


def _kind(q: _Quantity, words: list[str]) -> str:
    to_state = False
    for word in words:  # nearest the number first
        _, change, to = _PREDICATE[word]
        if to:
            to_state = True
        elif change:
            if to_state:
                break  # 降至 / 提高到: an end state, not a change
            return "growth" if change == "up" else "decline"
    return "rate" if q.unit in ("%", "‰", "百分点") else "level"


def _comparator(
    q: _Quantity, words: list[str], kind: str, verb: bool, achieved: bool, lead: str | None
) -> str:
    if q.suffix:
        return _SUFFIX_COMPARATOR[q.suffix]
    changes = [_PREDICATE[w][1] for w in words if _PREDICATE[w][1]] or ([lead] if lead else [])
    for word in words:
        comparator, _, to = _PREDICATE[word]
        if comparator:
            return comparator
        if to and changes:  # 降至 → at most, 提高到 → at least
            return "<=" if changes[0] == "down" else ">="
    if q.more or q.ranged:
        return ">="
    if kind == "decline":
        return ">="
    if kind == "level" and verb:
        return ">="
    if kind == "rate" and achieved:  # 完成路基工程70%; but 研发经费投入强度2% stays =
        return ">="
    return "="


def _runs(readings: list[_Reading]) -> list[list[_Reading]]:
    """Consecutive figures of one metric: the members of a 分别 list."""
    runs: list[list[_Reading]] = []
    for reading in readings:
        last = runs[-1][-1] if runs else None
        if last is not None and last.metric == reading.metric and last.kind == reading.kind:
            runs[-1].append(reading)
        else:
            runs.append([reading])
    return runs


def _urban_rural(metric: str, index: int, size: int) -> str:
    """城乡居民收入分别增长6%和7%: the first figure is urban, the second rural."""
    if size != 2:
        return metric
    m = _URBAN_RURAL.search(fold(metric))
    if not m:
        return metric
    if m.group(1):  # 城镇居民和农村居民 → 城镇居民 | 农村居民
        part = metric[m.start(1) : m.end(2)] if index == 0 else metric[m.start(3) : m.end()]
    else:
        part = "城镇" if index == 0 else "农村"
    return metric[: m.start()] + part + metric[m.end() :]
