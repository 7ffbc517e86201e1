import pytest

from duban.extract.recognisers.ordinals import match


@pytest.mark.parametrize(
    ("text", "style", "number"),
    [
        ("一、总体目标", "cn", "一"),
        ("（一）坚持项目为王", "cn_paren", "一"),
        ("(二) 培育壮大", "cn_paren", "二"),
        ("1.推动规划编制", "arabic", "1"),
        ("12、推进改革", "arabic", "12"),
        ("3）推进改革", "arabic", "3"),
        ("3．提升质量", "arabic", "3"),
        ("12 推进改革", "arabic", "12"),
        ("（1）建设农田", "arabic_paren", "1"),
        ("①做好防汛", "circled", "①"),
        ("**1.始终坚持绝对忠诚。**", "arabic", "1"),
    ],
)
def test_it_reads_the_ordinal_styles_of_official_documents(text, style, number):
    ordinal = match(text)
    assert (ordinal.style, ordinal.number) == (style, number)


@pytest.mark.parametrize("text", ["2.5万亩高标准农田", "13 个小区", "2022年", "推进改革"])
def test_quantities_and_text_are_not_ordinals(text):
    assert match(text) is None


def test_styles_nest_in_gb_t_9704_order():
    ranks = [match(t).rank for t in ("一、a", "（一）a", "1.a", "（1）a", "①a")]
    assert ranks == sorted(ranks)
