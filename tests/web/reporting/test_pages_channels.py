"""提醒渠道: the office administrator's reminder channels (e-mail, DingTalk and
WeCom robots) — adding, editing, stopping, deleting, the audit trail without
the DingTalk secret, Chinese validation messages, and 发送测试消息 against a
real local SMTP server and a real local HTTP server standing in for the robots."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from duban.accounts.choices import Role
from duban.accounts.models import User
from duban.audit.models import AuditEntry
from duban.reporting.models import Channel
from web.reporting.remind_servers import DINGTALK_SECRET, free_port

URL = reverse("reporting:channels")


def channel_entries(channel_pk=None):
    entries = AuditEntry.objects.filter(model="reporting.channel")
    return entries.filter(object_id=str(channel_pk)) if channel_pk else entries


def logged(entries) -> str:
    """Everything the audit log keeps of the entries, as one text."""
    return "\n".join(
        json.dumps([e.object_repr, e.before, e.after], ensure_ascii=False) for e in entries
    )


def page(response) -> str:
    return response.content.decode()


def add(client, **fields):
    data = {"kind": "email", "target": "", "secret": "", "active": "on", **fields}
    return client.post(URL, data, follow=True)


def test_the_settings_page_links_the_reminder_channels(login, world):
    assert URL in page(login("admin").get(reverse("reporting:settings")))


def test_adding_an_email_channel_keeps_the_addresses_comma_separated_and_is_audited(login, world):
    response = add(login("admin"), target="ban@pingan.example；duchashi@pingan.example ")
    channel = Channel.objects.get()
    assert channel.government == world.government and channel.active
    assert channel.target == "ban@pingan.example, duchashi@pingan.example"
    assert "已添加提醒渠道“电子邮件”" in page(response)
    assert "duchashi@pingan.example" in page(response)
    [entry] = channel_entries(channel.pk)
    assert (entry.action, entry.actor) == ("create", world.users["admin"])
    assert entry.after["target"] == channel.target


def test_the_dingtalk_secret_is_stored_but_never_shown_nor_logged(login, world):
    client = login("admin")
    target = "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789"
    response = add(client, kind="dingtalk", target=target, secret=DINGTALK_SECRET)
    channel = Channel.objects.get()
    assert channel.secret == DINGTALK_SECRET
    listing = page(response)
    assert DINGTALK_SECRET not in listing and "已设置" in listing
    assert "abcdef0123456789" not in listing, "the list shortens the robot's token"
    edit = page(client.get(reverse("reporting:edit_channel", args=[channel.pk])))
    assert DINGTALK_SECRET not in edit and "已设置。留空则保持不变，填写则替换。" in edit
    entries = channel_entries(channel.pk)
    assert DINGTALK_SECRET not in logged(entries)
    assert [e.after for e in entries if "secret" in (e.after or {})] == [{"secret": "已设置"}]


def test_editing_keeps_replaces_or_clears_the_secret_and_logs_only_that_it_changed(login, world):
    client = login("admin")
    channel = Channel.objects.create(
        government=world.government, kind="dingtalk",
        target="https://oapi.dingtalk.com/robot/send?access_token=t1", secret="SECold",
    )  # fmt: skip
    url = reverse("reporting:edit_channel", args=[channel.pk])
    form = {"kind": "dingtalk", "target": channel.target, "active": "on"}

    client.post(url, {**form, "secret": ""})
    channel.refresh_from_db()
    assert channel.secret == "SECold", "an empty field keeps the secret"

    client.post(url, {**form, "secret": "SECnew"})
    channel.refresh_from_db()
    assert channel.secret == "SECnew"

    client.post(url, {**form, "secret": "", "clear_secret": "on"})
    channel.refresh_from_db()
    assert channel.secret == ""

    entries = channel_entries(channel.pk)
    secret_notes = [e.after["secret"] for e in entries.order_by("id") if "secret" in e.after]
    assert secret_notes == ["已更换", "已清除"], "kept: no entry"
    assert "SECold" not in logged(entries) and "SECnew" not in logged(entries)


def test_editing_the_address_is_audited_with_before_and_after(login, world):
    channel = Channel.objects.create(
        government=world.government, kind="wecom", target="https://qyapi.weixin.qq.com/x?key=1"
    )
    new = "http://10.1.2.3:8080/cgi-bin/webhook/send?key=2"
    response = login("admin").post(
        reverse("reporting:edit_channel", args=[channel.pk]),
        {"kind": "wecom", "target": new, "active": "on"},
        follow=True,
    )
    assert "已保存提醒渠道" in page(response)
    update = channel_entries(channel.pk).get(action="update")
    assert (update.before["target"], update.after["target"]) == (channel.target, new)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "email", "target": "ban@pingan.example, 督查室"}, "“督查室”不是有效的邮箱地址。"),
        ({"kind": "email", "target": " ， "}, "请至少填写一个邮箱地址。"),
        ({"kind": "email", "target": ""}, "此项必填。"),
        ({"kind": "dingtalk", "target": "oapi.dingtalk.com/robot/send"},
         "请填写完整的 Webhook 地址"),
        ({"kind": "wecom", "target": "ftp://qyapi.weixin.qq.com/send"},
         "以 http:// 或 https:// 开头"),
        ({"kind": "fax", "target": "0972-1234567"}, "请选择渠道类型。"),
    ],
)  # fmt: skip
def test_invalid_channels_are_refused_with_chinese_messages(login, world, fields, message):
    response = add(login("admin"), **fields)
    assert response.status_code == 200
    assert message in page(response) and "请按提示修改标红的项目后重新提交。" in page(response)
    assert not Channel.objects.exists() and not channel_entries().exists()


def test_any_http_address_is_a_robot_address_intranet_gateways_included(login, world):
    gateway = "http://robot-gw:8080/robot/send?access_token=inner"
    add(login("admin"), kind="dingtalk", target=gateway)
    assert Channel.objects.get().target == gateway


def test_a_secret_typed_for_a_wecom_robot_is_not_kept(login, world):
    add(login("admin"), kind="wecom", target="https://qyapi.weixin.qq.com/x?key=1", secret="SECx")
    assert Channel.objects.get().secret == ""


def test_stopping_starting_and_deleting_a_channel_are_audited(login, world):
    client = login("admin")
    channel = Channel.objects.create(
        government=world.government, kind="email", target="ban@pingan.example"
    )
    response = client.post(
        reverse("reporting:channel_active", args=[channel.pk]), {"active": "0"}, follow=True
    )
    channel.refresh_from_db()
    assert not channel.active and "已停用提醒渠道" in page(response) and "已停用" in page(response)
    client.post(reverse("reporting:channel_active", args=[channel.pk]), {"active": "1"})
    channel.refresh_from_db()
    assert channel.active
    response = client.post(reverse("reporting:delete_channel", args=[channel.pk]), follow=True)
    assert not Channel.objects.exists() and "已删除提醒渠道" in page(response)
    actions = list(channel_entries(channel.pk).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update", "update", "delete"]


def test_a_test_message_reaches_a_wecom_robot_and_the_page_says_so(login, world, robots):
    channel = Channel.objects.create(
        government=world.government, kind="wecom", target=robots.url("wecom", "k-ok")
    )
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    [body] = robots.bodies("k-ok")
    content = body["markdown"]["content"]
    assert "测试消息" in content and world.government.name in content and "admin" in content
    assert "测试消息已发送" in page(response)


def test_a_test_message_is_signed_for_a_dingtalk_robot_with_a_secret(login, world, robots):
    channel = Channel.objects.create(
        government=world.government, kind="dingtalk",
        target=robots.url("dingtalk", "d-ok"), secret=DINGTALK_SECRET,
    )  # fmt: skip
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    assert len(robots.bodies("d-ok")) == 1 and "测试消息已发送" in page(response)


def test_a_robot_answering_500_is_reported_in_chinese_without_the_key(login, world, robots):
    robots.failing.add("k-down")
    channel = Channel.objects.create(
        government=world.government, kind="wecom", target=robots.url("wecom", "k-down")
    )
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    text = page(response)
    assert response.status_code == 200
    assert "测试消息发送失败：机器人地址返回 HTTP 500 错误，消息未送达。" in text
    assert "k-down" not in text, "the robot's key stays off the page"
    assert len(robots.hits) == 1


def test_a_dingtalk_robot_refusing_the_signature_says_to_check_the_secret(login, world, robots):
    channel = Channel.objects.create(
        government=world.government, kind="dingtalk",
        target=robots.url("dingtalk", "d-bad"), secret="SECwrong",
    )  # fmt: skip
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    assert "加签校验未通过，请核对加签密钥" in page(response)


def test_a_test_mail_reaches_every_address_over_smtp(login, world, mailbox):
    channel = Channel.objects.create(
        government=world.government, kind="email", target="a@pingan.example, b@pingan.example"
    )
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    [mail] = mailbox.mails
    assert mail.to == ["a@pingan.example", "b@pingan.example"]
    assert mail.subject == "【督办提醒】测试消息" and "测试消息" in mail.body
    assert "测试消息已发送" in page(response)


def test_a_test_mail_with_the_smtp_server_down_says_to_check_the_mail_settings(
    login, world, settings
):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    channel = Channel.objects.create(
        government=world.government, kind="email", target="a@pingan.example"
    )
    response = login("admin").post(
        reverse("reporting:test_channel", args=[channel.pk]), follow=True
    )
    assert "测试消息发送失败：无法连接邮件服务器" in page(response)


@pytest.mark.parametrize("persona", ["inspector", "fgw", "fgw_head", "leader"])
def test_only_office_administrators_reach_the_channels(login, world, persona):
    client = login(persona)
    assert client.get(URL).status_code == 403
    assert add(client, target="x@pingan.example").status_code == 403
    assert not Channel.objects.exists()


def test_another_governments_administrator_neither_sees_nor_touches_the_channel(
    login, world, robots
):
    channel = Channel.objects.create(
        government=world.government, kind="wecom", target=robots.url("wecom", "k-ours")
    )
    client = login("other_admin")
    assert robots.url("wecom", "k-ours")[:30] not in page(client.get(URL))
    assert client.get(reverse("reporting:edit_channel", args=[channel.pk])).status_code == 404
    for name in ("test_channel", "delete_channel", "channel_active"):
        response = client.post(reverse(f"reporting:{name}", args=[channel.pk]), {"active": "0"})
        assert response.status_code == 404, name
    assert Channel.objects.filter(pk=channel.pk, active=True).exists() and robots.hits == []
    add(client, target="ban@moumou.example")
    assert Channel.objects.get(target="ban@moumou.example").government.name == "某县"


def test_an_administrator_of_every_government_first_picks_one(client, world):
    admin = User.objects.create_user("root", password="x", role=Role.OFFICE_ADMIN)
    client.force_login(admin)
    chooser = page(client.get(URL))
    assert "选择政府" in chooser and world.government.name in chooser
    url = f"{URL}?government={world.government.pk}"
    response = client.post(url, {"kind": "email", "target": "a@pingan.example", "active": "on"})
    assert response.status_code == 302 and response["Location"] == url
    assert Channel.objects.get().government == world.government


def test_a_robots_token_never_reaches_the_audit_log(world):
    from duban.audit.models import AuditEntry
    from duban.reporting.models import Channel

    channel = Channel.objects.create(
        government=world.government,
        kind="dingtalk",
        target="https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef",
    )
    entry = AuditEntry.objects.get(model="reporting.channel", object_id=str(channel.pk))
    assert "0123456789abcdef" not in str(entry.after) + entry.object_repr
    assert entry.after["target"].endswith("access_token=0123…")
