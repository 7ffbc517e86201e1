"""Reading measurable targets out of task texts, so the ledger can show target beside actual.

The table holds sentences as 政府工作报告 task notices print them; each row lists
the targets expected, as (metric, comparator, value, unit, kind).
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.extract.targets import COMPARATORS, KINDS, Target, extract_targets

GDP = "地区生产总值"

TABLE = [
    # Growth rates: 增长 x%, with 以上 / 左右 / nothing.
    ("地区生产总值增长6%以上", [(GDP, ">=", 6, "%", "growth")]),
    ("全年地区生产总值增长6%左右", [(GDP, "~", 6, "%", "growth")]),
    ("地区生产总值增长7.5%", [(GDP, "=", 7.5, "%", "growth")]),
    ("一般公共预算收入同口径增长4%", [("一般公共预算收入", "=", 4, "%", "growth")]),
    (
        "全县地区生产总值增长6.5%左右，一般公共预算收入增长5%，固定资产投资增长8%。",
        [
            (GDP, "~", 6.5, "%", "growth"),
            ("一般公共预算收入", "=", 5, "%", "growth"),
            ("固定资产投资", "=", 8, "%", "growth"),
        ],
    ),
    (
        "全市生产总值增长6%，力争7%。",
        [("生产总值", "=", 6, "%", "growth"), ("生产总值", ">=", 7, "%", "growth")],
    ),
    (
        "全年地区生产总值增长6%以上，力争突破百亿大关。",
        [(GDP, ">=", 6, "%", "growth"), (GDP, ">=", 1e10, "", "level")],
    ),
    ("全市地區生產總值增長5.5%左右", [("地區生產總值", "~", 5.5, "%", "growth")]),
    ("农村居民人均可支配收入增长约8%", [("农村居民人均可支配收入", "~", 8, "%", "growth")]),
    ("常住人口城镇化率提高1.5个百分点", [("常住人口城镇化率", "=", 1.5, "百分点", "growth")]),
    # 分别: one figure per named group.
    (
        "城乡居民人均可支配收入分别增长5.5%和7%。",
        [
            ("城镇居民人均可支配收入", "=", 5.5, "%", "growth"),
            ("农村居民人均可支配收入", "=", 7, "%", "growth"),
        ],
    ),
    (
        "城乡居民人均可支配收入分别增长5%、7%",
        [
            ("城镇居民人均可支配收入", "=", 5, "%", "growth"),
            ("农村居民人均可支配收入", "=", 7, "%", "growth"),
        ],
    ),
    (
        "居民人均可支配收入分别增长6%和7%",
        [
            ("居民人均可支配收入", "=", 6, "%", "growth"),
            ("居民人均可支配收入", "=", 7, "%", "growth"),
        ],
    ),
    (
        "城乡低保标准分别提高到每人每月820元和650元。",
        [("城镇低保标准", ">=", 820, "元", "level"), ("农村低保标准", ">=", 650, "元", "level")],
    ),
    # Declines: a decrease of at least x.
    ("单位GDP能耗下降3%", [("单位GDP能耗", ">=", 3, "%", "decline")]),
    ("严格落实过紧日子要求，一般性支出压减5%以上。", [("一般性支出", ">=", 5, "%", "decline")]),
    ("深入推进大气污染防治，PM2.5平均浓度下降3%。", [("PM2.5平均浓度", ">=", 3, "%", "decline")]),
    # Rates: ratios held at, kept under, raised to.
    ("城镇调查失业率控制在3.5%以内", [("城镇调查失业率", "<=", 3.5, "%", "rate")]),
    ("城镇登记失业率不超过4%", [("城镇登记失业率", "<=", 4, "%", "rate")]),
    ("研发经费投入强度2%", [("研发经费投入强度", "=", 2, "%", "rate")]),
    ("研發經費投入強度達到2.6%", [("研發經費投入強度", ">=", 2.6, "%", "rate")]),
    ("农业综合机械化水平达到93%。", [("农业综合机械化水平", ">=", 93, "%", "rate")]),
    ("税收占比稳定在70%以上", [("税收占比", ">=", 70, "%", "rate")]),
    ("森林覆盖率提高到31.2%", [("森林覆盖率", ">=", 31.2, "%", "rate")]),
    # Levels: amounts and counts, in base units.
    ("完成国土绿化面积9.8万亩", [("国土绿化面积", ">=", 98000, "亩", "level")]),
    ("新增规上工业企业15家", [("新增规上工业企业", ">=", 15, "家", "level")]),
    ("一般公共预算收入突破3亿元", [("一般公共预算收入", ">=", 3e8, "元", "level")]),
    ("城镇新增就业1万人", [("城镇新增就业", ">=", 10000, "人", "level")]),
    ("确保粮食播种面积稳定在50万亩以上", [("粮食播种面积", ">=", 500000, "亩", "level")]),
    ("改造老旧小区12个", [("改造老旧小区", ">=", 12, "个", "level")]),
    ("新建幼儿园3所", [("新建幼儿园", ">=", 3, "所", "level")]),
    ("建成5G基站200座", [("建成5G基站", ">=", 200, "座", "level")]),
    ("完成投资85亿元以上", [("投资", ">=", 8.5e9, "元", "level")]),
    ("实施重点项目120个", [("实施重点项目", ">=", 120, "个", "level")]),
    ("全年接待游客突破1000万人次", [("接待游客", ">=", 1e7, "人次", "level")]),
    (
        "推进光伏、风电项目建设，新增新能源装机20万千瓦。",
        [("新增新能源装机", ">=", 2e5, "千瓦", "level")],
    ),
    ("粮食总产量保持在14万吨以上", [("粮食总产量", ">=", 140000, "吨", "level")]),
    ("修复区管破损人行步道1万平方米", [("修复区管破损人行步道", ">=", 10000, "平方米", "level")]),
    ("实际利用外资1.2亿美元", [("实际利用外资", "=", 1.2e8, "美元", "level")]),
    ("企业开办时间压缩至0.5个工作日以内", [("企业开办时间", "<=", 0.5, "工作日", "level")]),
    ("储备项目不少于30个", [("储备项目", ">=", 30, "个", "level")]),
    ("新增企业100余家", [("新增企业", ">=", 100, "家", "level")]),
    ("新建学校3-5所", [("新建学校", ">=", 3, "所", "level")]),
    # A figure before its noun.
    (
        "新增10家街道级中央厨房,为居民提供优质便捷的就餐服务。",
        [("新增街道级中央厨房", ">=", 10, "家", "level")],
    ),
    ("推进65.9公里市政管网更新改造", [("推进市政管网更新改造", ">=", 65.9, "公里", "level")]),
    # Lists: each item is a target, and the opening verb reaches them all.
    (
        "新增国家高新技术企业50家、专精特新“小巨人”企业6家。",
        [
            ("新增国家高新技术企业", ">=", 50, "家", "level"),
            ("新增专精特新“小巨人”企业", ">=", 6, "家", "level"),
        ],
    ),
    (
        "新建学校3所和幼儿园2所",
        [("新建学校", ">=", 3, "所", "level"), ("新建幼儿园", ">=", 2, "所", "level")],
    ),
    (
        "实施14个小区保障性安居工程、27个老旧小区整治提升项目",
        [
            ("实施小区保障性安居工程", ">=", 14, "个", "level"),
            ("实施老旧小区整治提升项目", ">=", 27, "个", "level"),
        ],
    ),
    (
        "全年实施县级重点项目120个，完成投资85亿元以上，其中新开工项目不少于50个。",
        [
            ("实施县级重点项目", ">=", 120, "个", "level"),
            ("投资", ">=", 8.5e9, "元", "level"),
            ("新开工项目", ">=", 50, "个", "level"),
        ],
    ),
    # Qualifying figures describe a noun; the count after them is the target.
    ("全年实施500万元以上项目150个", [("实施500万元以上项目", ">=", 150, "个", "level")]),
    ("全年引进10亿元以上重大产业项目5个", [("引进10亿元以上重大产业项目", ">=", 5, "个", "level")]),
    (
        "培育年产值超10亿元的农产品加工企业2家",
        [("培育年产值超10亿元的农产品加工企业", ">=", 2, "家", "level")],
    ),
    (
        "全年引进过亿元项目不少于100个、过10亿元项目不少于15个。",
        [
            ("引进过亿元项目", ">=", 100, "个", "level"),
            ("引进过10亿元项目", ">=", 15, "个", "level"),
        ],
    ),
    (
        "为60周岁以上老年人免费健康体检2万人",
        [("为60周岁以上老年人免费健康体检", ">=", 20000, "人", "level")],
    ),
    ("新开工项目不少于45个（含产业项目30个）", [("新开工项目", ">=", 45, "个", "level")]),
    # Chinese numerals and full-width digits.
    ("新增规上工业企业十五家", [("新增规上工业企业", ">=", 15, "家", "level")]),
    ("新建三所幼儿园", [("新建幼儿园", ">=", 3, "所", "level")]),
    ("城镇新增就业一万人", [("城镇新增就业", ">=", 10000, "人", "level")]),
    ("推动产业集群规模突破千亿元", [("推动产业集群规模", ">=", 1e11, "元", "level")]),
    (
        "实施重点项目３０个，完成投资８５．５亿元",
        [("实施重点项目", ">=", 30, "个", "level"), ("投资", ">=", 8.55e9, "元", "level")],
    ),
    ("一般公共预算收入达到3,000万元", [("一般公共预算收入", ">=", 3e7, "元", "level")]),
    # Ordinals and year prefixes are not part of the metric.
    ("二是引进CRO/CDMO平台企业3家", [("引进CRO/CDMO平台企业", ">=", 3, "家", "level")]),
    ("2024年城镇新增就业3200人", [("城镇新增就业", ">=", 3200, "人", "level")]),
]

NO_TARGETS = [
    "2022年6月底前完成",
    "2023年12月31日前全面完成",
    "落实“十四五”规划",
    "推进5G网络建设",
    "争创第一",
    "第三批试点",
    "举办第五届绿色食品博览会",
    "根据国办发〔2022〕12号文件要求",
    "海政办发〔2023〕5号",
    "3个月内完成整改",
    "严格落实中央八项规定精神",
    "推行“一件事一次办”",
    "全面推行行政执法“三项制度”",
    "走进千家万户",
    "打造百亿级产业集群",
    "开展“万人助万企”活动",
    "推进110千伏变电站建设",
    "为65周岁以上老年人免费开展健康体检",
    "加快推进总投资9.2亿元的源网荷储项目",
    "推动年产5万吨再生铝项目建成投产",
    "7天无理由退货",
    "2022-2025年",
    "G109国道沿线绿化",
    "打造一批示范项目",
    "全力保障高校毕业生、退役军人、农民工等重点群体就业。",
    "",
    "   ",
]


def expected(rows):
    return [(m, c, float(v), u, k) for m, c, v, u, k in rows]


def found(text):
    return [(t.metric, t.comparator, t.value, t.unit, t.kind) for t in extract_targets(text)]


def test_the_table_has_at_least_forty_sentences():
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("text", "rows"), TABLE, ids=[row[0][:24] for row in TABLE])
def test_each_sentence_yields_its_targets(text, rows):
    assert found(text) == expected(rows)


@pytest.mark.parametrize("text", NO_TARGETS)
def test_dates_years_ordinals_names_and_doc_numbers_are_not_targets(text):
    assert extract_targets(text) == []


def test_each_target_keeps_the_clause_it_was_read_from():
    targets = extract_targets("全县地区生产总值增长6%以上，城镇调查失业率控制在5.5%以内。")
    assert [t.text for t in targets] == [
        "全县地区生产总值增长6%以上",
        "城镇调查失业率控制在5.5%以内",
    ]


def test_to_json_is_a_plain_serialisable_dict():
    (target,) = extract_targets("完成国土绿化面积9.8万亩")
    assert target.to_json() == {
        "metric": "国土绿化面积",
        "comparator": ">=",
        "value": 98000.0,
        "unit": "亩",
        "kind": "level",
        "text": "完成国土绿化面积9.8万亩",
    }
    assert json.loads(json.dumps(target.to_json(), ensure_ascii=False)) == target.to_json()


def test_decimal_multipliers_are_exact():
    # Float arithmetic would give 98000.00000000001.
    assert extract_targets("完成国土绿化面积9.8万亩")[0].value == 98000
    assert extract_targets("发放创业担保贷款1.2亿元")[0].value == 120_000_000


def test_a_sentence_without_numbers_gives_nothing():
    assert extract_targets("加强政府自身建设，严格落实中央八项规定及其实施细则精神。") == []


def test_input_that_is_not_a_string_gives_nothing():
    assert extract_targets(None) == []  # type: ignore[arg-type]


# Characters the reader reacts to, so random text often looks like a target.
SIGNIFICANT = (
    "0123456789０１２３４５６７８９.．,，、。；：%％-~至到"
    "一二两三四五六七八九十百千万亿零〇第"
    "元亩家个所人次项座户吨米公里平方千瓦百分点工作日天小时余多"
    "增长下降提高降至控制在以上以内左右约突破不少于不超过力争分别和的级年月号"
    "新增新建完成实施地区生产总值城乡（）()“”5GA \n"
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(alphabet=SIGNIFICANT, max_size=120) | st.text(max_size=80))
def test_any_text_never_raises_and_every_target_is_well_formed(text):
    for target in extract_targets(text):
        assert isinstance(target, Target)
        assert math.isfinite(target.value)
        assert target.comparator in COMPARATORS
        assert target.kind in KINDS
        assert target.text and target.text in text
        json.dumps(target.to_json(), ensure_ascii=False)
