"""Real local servers standing in for the reminder channels' far ends.

- `smtp_server()`: an aiosmtpd SMTP server on 127.0.0.1 that keeps every
  message it receives, decoded (subject and plain-text body).
- `robot_server()`: an http.server on 127.0.0.1 answering like the DingTalk
  (/robot/send?access_token=…) and WeCom (/cgi-bin/webhook/send?key=…) group
  robots: errcode 0 on success; DingTalk checks `timestamp` and `sign` against
  the robot's secret and answers errcode 310000 when they do not match, as the
  real one does; a key listed in `failing` answers HTTP 500.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

DINGTALK_SECRET = "SECtest0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mail:
    sender: str
    to: list[str]
    subject: str
    body: str


@dataclass
class Mailbox:
    """The aiosmtpd handler: every delivered message, in order."""

    port: int
    mails: list[Mail] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
        # A folded encoded subject unfolds with a leading space, which mail readers drop.
        subject = str(message["subject"]).strip()
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), subject, body))
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[Mailbox]:
    mailbox = Mailbox(port or free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """DingTalk's signature as its documentation computes it."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


@dataclass
class Hit:
    path: str
    query: dict[str, str]
    body: dict


@dataclass
class Robots:
    port: int = 0
    hits: list[Hit] = field(default_factory=list)
    failing: set[str] = field(default_factory=set)

    def url(self, kind: str, key: str) -> str:
        if kind == "dingtalk":
            return f"http://127.0.0.1:{self.port}/robot/send?access_token={key}"
        return f"http://127.0.0.1:{self.port}/cgi-bin/webhook/send?key={key}"

    def bodies(self, key: str) -> list[dict]:
        return [
            h.body for h in self.hits if key in (h.query.get("key"), h.query.get("access_token"))
        ]

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, dict]:
        key = query.get("key") or query.get("access_token") or ""
        if key in self.failing:
            return 500, {"error": "internal"}
        if path == "/robot/send":
            expected = dingtalk_sign(DINGTALK_SECRET, query.get("timestamp", ""))
            if query.get("sign") != expected:
                return 200, {"errcode": 310000, "errmsg": "sign not match"}
        return 200, {"errcode": 0, "errmsg": "ok"}


@contextmanager
def robot_server() -> Iterator[Robots]:
    robots = Robots()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            robots.hits.append(Hit(url.path, query, body))
            status, answer = robots.answer(url.path, query)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    robots.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield robots
    finally:
        server.shutdown()
        server.server_close()
