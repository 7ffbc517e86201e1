"""Reproducible names: governments, units and leaders that look like real ones.

Every name comes from a `random.Random` the caller seeds, so one seed gives one
province, byte for byte.
"""

from __future__ import annotations

import random

_SYLLABLES = (
    "安平宁远清河西东南北华兴泰和丰顺德昌永乐福临川江山云青林石金玉阳明"
    "新长春秋桥湖源岭峰溪城崇仁义礼信嘉禾鹤鸣龙凤麟瑞祥康惠通达"
)
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红"
    "文辉建国志宏海波斌宇浩凯鹏飞鑫晨阳琳雪梅春燕峰亮成云龙"
)

DEPARTMENTS = (
    ("发展和改革局", "发改局"),
    ("财政局", ""),
    ("教育局", ""),
    ("科学技术局", "科技局"),
    ("工业和信息化局", "工信局"),
    ("公安局", ""),
    ("民政局", ""),
    ("司法局", ""),
    ("人力资源和社会保障局", "人社局"),
    ("自然资源局", ""),
    ("生态环境局", ""),
    ("住房和城乡建设局", "住建局"),
    ("交通运输局", "交通局"),
    ("水利局", ""),
    ("农业农村局", "农业局"),
    ("商务局", ""),
    ("文化和旅游局", "文旅局"),
    ("卫生健康局", "卫健局"),
    ("退役军人事务局", ""),
    ("应急管理局", "应急局"),
    ("审计局", ""),
    ("市场监督管理局", "市场监管局"),
    ("统计局", ""),
    ("医疗保障局", "医保局"),
    ("林业和草原局", "林草局"),
    ("乡村振兴局", ""),
    ("行政审批服务局", "审批局"),
    ("城市管理局", "城管局"),
    ("数据局", ""),
    ("信访局", ""),
)
LEADER_POSTS = ("县长", "常务副县长", "副县长", "副县长", "副县长", "副县长", "副县长")


def place(rng: random.Random, taken: set[str], length: int = 2) -> str:
    """A two-character place name not used before in this province."""
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(length))
        if name not in taken and name[0] != name[1]:
            taken.add(name)
            return name


def person(rng: random.Random, taken: set[str]) -> str:
    """A person's name, unique within one government (leaders are told apart by name)."""
    while True:
        given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
        name = rng.choice(_SURNAMES) + given
        if name not in taken:
            taken.add(name)
            return name
