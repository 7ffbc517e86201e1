"""Senders of reminder messages: e-mail over SMTP, DingTalk and WeCom group robots.

Each sender delivers one message (a subject and a plain-text body) to one
Channel and either returns or raises ChannelError with an English reason for
the log; the caller decides what a failure means (reporting/remind.py retries
it on the next run). Network calls time out after TIMEOUT seconds, so one dead
endpoint cannot hang the daily run.

E-mail always goes through Django's SMTP backend with the DUBAN_SMTP_* settings
(web/settings.py), whatever EMAIL_BACKEND says: the reminder run is the one
place that mails, and it must reach a real server.

Robots: a DingTalk robot with 加签 (a secret) needs `timestamp` and `sign`
query parameters, sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\\n" +
secret))); the timestamp is the wall clock in milliseconds because DingTalk
refuses one more than an hour away from its own time, even when the run's
business date is set with `--today`. Both robots answer HTTP 200 with
{"errcode": 0} on success and a non-zero errcode (bad signature, missing
keyword, rate limit) otherwise, which counts as a failure too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
import urllib.parse
from collections.abc import Callable

import httpx
from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from duban.reporting.models import Channel

TIMEOUT = 10.0
# Robot message limits: WeCom markdown takes 4096 bytes, DingTalk text 20000.
MAX_BYTES = {Channel.Kind.WECOM: 4000, Channel.Kind.DINGTALK: 18000}
TRUNCATED = "\n……（内容过长，其余请登录督办系统查看）"


class ChannelError(Exception):
    """A message that did not reach its channel; the text is the English reason."""


def send(
    channel: Channel, subject: str, body: str, wall_clock: Callable[[], float] = time.time
) -> None:
    """Deliver one message to `channel` or raise ChannelError."""
    if channel.kind == Channel.Kind.EMAIL:
        send_email(recipients(channel.target), subject, body)
    elif channel.kind == Channel.Kind.DINGTALK:
        url = signed_url(channel.target, channel.secret, int(wall_clock() * 1000))
        text = fit(body, MAX_BYTES[Channel.Kind.DINGTALK])
        post_robot(url, {"msgtype": "text", "text": {"content": text}})
    elif channel.kind == Channel.Kind.WECOM:
        text = fit(body, MAX_BYTES[Channel.Kind.WECOM])
        post_robot(channel.target, {"msgtype": "markdown", "markdown": {"content": text}})
    else:
        raise ChannelError(f"unknown channel kind {channel.kind!r}")


def recipients(target: str) -> list[str]:
    """Addresses from a list separated by commas, semicolons or spaces (full-width too)."""
    return [a for a in re.split(r"[,;，；、\s]+", target) if a]


def send_email(to: list[str], subject: str, body: str) -> None:
    if not to:
        raise ChannelError("e-mail channel without recipients")
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=settings.EMAIL_HOST,
        port=settings.EMAIL_PORT,
        username=settings.EMAIL_HOST_USER,
        password=settings.EMAIL_HOST_PASSWORD,
        use_tls=settings.EMAIL_USE_TLS,
        timeout=TIMEOUT,
        fail_silently=False,
    )
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, connection=connection)
    try:
        sent = message.send()
    except Exception as exc:  # smtplib, socket and ssl errors alike
        raise ChannelError(f"SMTP {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc!r}") from exc
    if sent != 1:
        raise ChannelError("SMTP server accepted no message")


def sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签: base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret."""
    digest = hmac.new(
        secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The webhook URL with `timestamp` and `sign` added when the robot has a secret."""
    if not secret:
        return url
    params = urllib.parse.urlencode({"timestamp": timestamp_ms, "sign": sign(secret, timestamp_ms)})
    return f"{url}{'&' if '?' in url else '?'}{params}"


def post_robot(url: str, payload: dict) -> None:
    try:
        response = httpx.post(url, json=payload, timeout=TIMEOUT)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:  # network, timeout, bad address
        raise ChannelError(f"webhook {_safe(url)}: {exc!r}") from exc
    if response.status_code != 200:
        raise ChannelError(f"webhook {_safe(url)}: HTTP {response.status_code}")
    try:
        answer = response.json()
    except ValueError:
        raise ChannelError(f"webhook {_safe(url)}: answer is not JSON") from None
    if not isinstance(answer, dict) or answer.get("errcode", 0) != 0:
        raise ChannelError(f"webhook {_safe(url)}: {answer!r}"[:250])


def fit(text: str, limit: int) -> str:
    """`text` cut to `limit` UTF-8 bytes at a line end, with a note that it was cut."""
    if len(text.encode()) <= limit:
        return text
    room = limit - len(TRUNCATED.encode())
    cut = text.encode()[:room].decode(errors="ignore")
    if "\n" in cut:
        cut = cut[: cut.rindex("\n")]
    return cut + TRUNCATED


def _safe(url: str) -> str:
    """The URL without its query: access tokens and signatures stay out of the log."""
    return url.split("?", 1)[0]
