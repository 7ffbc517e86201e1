"""发送测试消息: one test message through a reminder channel, and why it failed
in words an office administrator can act on.

The senders (reporting/channels.py) report failures in English for the log;
the settings page has to say in Chinese what to fix: the SMTP server is
unreachable, the robot address is wrong, DingTalk refused the signature or
the keyword, and so on. The English detail is kept alongside for whoever
reads the server side.
"""

from __future__ import annotations

import re
import smtplib

import httpx
from django.utils import timezone

from duban import clock
from duban.reporting import channels
from duban.reporting.channels import ChannelError
from duban.reporting.models import Channel

SUBJECT = "【督办提醒】测试消息"

# Robot error codes worth their own explanation (DingTalk and WeCom documentation).
ERRCODES = {
    300001: "钉钉拒绝：access_token 无效，机器人可能已被移除，请复制新的 Webhook 地址。",
    300005: "钉钉拒绝：access_token 无效，机器人可能已被移除，请复制新的 Webhook 地址。",
    130101: "发送太频繁（钉钉每个机器人每分钟最多 20 条），请稍后再试。",
    93000: "企业微信拒绝：Webhook 地址无效（key 错误或机器人已被移出群聊）。",
    45009: "发送太频繁（企业微信每个机器人每分钟最多 20 条），请稍后再试。",
    40058: "企业微信拒绝：消息格式不正确。",
}


def trial_message(channel: Channel, sender: str) -> tuple[str, str]:
    """The subject and body: says who sent it and when; carries 督办提醒, the
    word a DingTalk robot's keyword setting would list for the real reminders."""
    at = timezone.localtime(clock.now())
    body = (
        f"【督办提醒】这是{channel.government.name}督办系统发出的测试消息，"
        f"用于确认提醒渠道（{channel.get_kind_display()}）可以收到催办提醒。\n"
        f"发送人：{sender}；发送时间：{at:%Y-%m-%d %H:%M}。收到即说明设置正确，无需回复。"
    )
    return SUBJECT, body


def send_test(channel: Channel, sender: str) -> None:
    """Send the test message or raise ChannelError (channels.send does the work)."""
    channels.send(channel, *trial_message(channel, sender))


def reason_zh(channel: Channel, error: ChannelError) -> str:
    """What went wrong, in Chinese, from the sender's exception."""
    cause, text = error.__cause__, str(error)
    if channel.kind == Channel.Kind.EMAIL:
        return _mail_reason(cause, text)
    if isinstance(cause, httpx.TimeoutException):
        return f"连接机器人地址超时（{channels.TIMEOUT:g} 秒内无响应），请检查网络或地址。"
    if isinstance(cause, httpx.ConnectError):
        return "无法连接机器人地址：地址有误、网络不通或被防火墙拦截。"
    if isinstance(cause, httpx.HTTPError | httpx.InvalidURL):
        return "无法访问机器人地址，请检查地址是否完整正确。"
    if status := re.search(r"HTTP (\d{3})", text):
        code = int(status.group(1))
        hint = "（地址可能有误）" if code in (404, 405) else ""
        return f"机器人地址返回 HTTP {code} 错误{hint}，消息未送达。"
    if "not JSON" in text:
        return "机器人地址的回应不是钉钉或企业微信机器人的格式，请检查地址。"
    if code := re.search(r"'errcode': (\d+)", text):
        return _robot_reason(int(code.group(1)), text)
    return "发送失败，消息未送达。"


def _mail_reason(cause, text: str) -> str:
    if "without recipients" in text:
        return "没有填写收件地址。"
    if isinstance(cause, smtplib.SMTPAuthenticationError):
        return "邮件服务器拒绝登录：发件账号或密码不正确（DUBAN_SMTP_USER、DUBAN_SMTP_PASSWORD）。"
    if isinstance(cause, smtplib.SMTPRecipientsRefused):
        return "邮件服务器拒绝了收件地址，请核对邮箱地址。"
    if isinstance(cause, smtplib.SMTPException):
        return "邮件服务器拒绝发送这封邮件。"
    if isinstance(cause, TimeoutError):
        return f"连接邮件服务器超时（{channels.TIMEOUT:g} 秒内无响应）。"
    if isinstance(cause, OSError):
        return "无法连接邮件服务器：请检查服务器的发信设置（DUBAN_SMTP_HOST、DUBAN_SMTP_PORT）。"
    return "邮件发送失败。"


def _robot_reason(code: int, text: str) -> str:
    message = text.lower()
    if code == 310000:
        if "sign" in message:
            return "钉钉拒绝：加签校验未通过，请核对加签密钥（并确认服务器时间准确）。"
        if "keyword" in message:
            return "钉钉拒绝：消息不含机器人设置的自定义关键词，请把“督办提醒”设为关键词之一。"
        if "ip" in message:
            return "钉钉拒绝：本服务器的 IP 地址不在机器人的 IP 白名单内。"
        return "钉钉拒绝：消息未通过机器人的安全设置（关键词、加签或 IP 白名单）。"
    known = ERRCODES.get(code)
    return known or f"机器人拒绝了消息（错误码 {code}），请按钉钉或企业微信的说明检查设置。"
