"""The reminder senders against a real local SMTP server and a real local HTTP
server standing in for the DingTalk and WeCom group robots."""

from __future__ import annotations

import pytest

from duban.reporting import channels
from duban.reporting.channels import ChannelError
from duban.reporting.models import Channel
from web.reporting.remind_servers import (
    DINGTALK_SECRET,
    dingtalk_sign,
    free_port,
)

BODY = (
    "【督办提醒】以下报送任务将于3个工作日内到期：\n"
    "区财政局：2. 全年一般公共预算收入增长6%以上（2022年第一季度，截止3月25日）"
)


def test_email_reaches_every_address_of_the_channel_with_chinese_subject_and_body(mailbox):
    channel = Channel(kind=Channel.Kind.EMAIL, target="a@pingan.example， b@pingan.example;")
    channels.send(channel, "【督办提醒】海东市平安区报送任务临期1项", BODY)
    [mail] = mailbox.mails
    assert mail.to == ["a@pingan.example", "b@pingan.example"]
    assert mail.sender == "duban@pingan.example"
    assert mail.subject == "【督办提醒】海东市平安区报送任务临期1项"
    assert mail.body.strip() == BODY


def test_email_to_a_server_that_is_down_is_a_channel_error(settings):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    channel = Channel(kind=Channel.Kind.EMAIL, target="a@pingan.example")
    with pytest.raises(ChannelError, match="SMTP 127.0.0.1"):
        channels.send(channel, "主题", BODY)


def test_email_channel_without_addresses_is_a_channel_error(mailbox):
    with pytest.raises(ChannelError, match="without recipients"):
        channels.send(Channel(kind=Channel.Kind.EMAIL, target=" ，"), "主题", BODY)
    assert mailbox.mails == []


def test_dingtalk_message_carries_a_signature_that_recomputes_from_the_secret(robots):
    channel = Channel(
        kind=Channel.Kind.DINGTALK, target=robots.url("dingtalk", "tok1"), secret=DINGTALK_SECRET
    )
    channels.send(channel, "主题", BODY, wall_clock=lambda: 1648170000.123)
    [hit] = robots.hits
    assert hit.query["access_token"] == "tok1"
    assert hit.query["timestamp"] == "1648170000123"
    assert hit.query["sign"] == dingtalk_sign(DINGTALK_SECRET, "1648170000123")
    assert hit.body == {"msgtype": "text", "text": {"content": BODY}}


def test_dingtalk_refusing_the_signature_with_http_200_is_still_a_failure(robots):
    channel = Channel(
        kind=Channel.Kind.DINGTALK, target=robots.url("dingtalk", "tok1"), secret="SECwrong"
    )
    with pytest.raises(ChannelError, match="310000"):
        channels.send(channel, "主题", BODY)


def test_unsigned_robot_urls_are_left_as_they_are():
    url = "https://oapi.dingtalk.com/robot/send?access_token=x"
    assert channels.signed_url(url, "", 1) == url
    signed = channels.signed_url(url, "SECabc", 1648170000000)
    assert signed.startswith(url + "&timestamp=1648170000000&sign=")


def test_wecom_message_is_markdown_with_the_key_in_the_url(robots):
    channel = Channel(kind=Channel.Kind.WECOM, target=robots.url("wecom", "k-1"))
    channels.send(channel, "主题", BODY)
    assert robots.bodies("k-1") == [{"msgtype": "markdown", "markdown": {"content": BODY}}]


def test_a_webhook_answering_500_is_a_channel_error_without_the_key_in_the_reason(robots):
    robots.failing.add("k-down")
    channel = Channel(kind=Channel.Kind.WECOM, target=robots.url("wecom", "k-down"))
    with pytest.raises(ChannelError, match="HTTP 500") as caught:
        channels.send(channel, "主题", BODY)
    assert "k-down" not in str(caught.value)


def test_a_webhook_nobody_listens_on_is_a_channel_error():
    channel = Channel(
        kind=Channel.Kind.WECOM, target=f"http://127.0.0.1:{free_port()}/cgi-bin/webhook/send"
    )
    with pytest.raises(ChannelError, match="webhook"):
        channels.send(channel, "主题", BODY)


def test_a_long_robot_message_is_cut_at_a_line_end_below_the_robots_limit(robots):
    lines = [f"单位{n}：{'很长的任务名称' * 8}（2022年第一季度，截止3月25日）" for n in range(200)]
    channel = Channel(kind=Channel.Kind.WECOM, target=robots.url("wecom", "k-long"))
    channels.send(channel, "主题", "\n".join(lines))
    [body] = robots.bodies("k-long")
    content = body["markdown"]["content"]
    assert len(content.encode()) <= channels.MAX_BYTES[Channel.Kind.WECOM]
    kept = content.removesuffix(channels.TRUNCATED).split("\n")
    assert kept == lines[: len(kept)] and content.endswith(channels.TRUNCATED)
