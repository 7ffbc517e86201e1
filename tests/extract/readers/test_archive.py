"""Zip containers are checked before any reader opens them (readers/archive.py):
bombs, floods of members and members named to climb out of their folder are
refused with a Chinese reason, from the central directory alone."""

from __future__ import annotations

import time

import pytest

from builders import archives
from builders.docx import DocxNotice
from duban.extract import ExtractError, extract_bytes
from duban.extract.readers import archive


def _notice() -> bytes:
    return DocxNotice().paragraph("1.推进改革。").paragraph("牵头单位：县发改局").build()


def _refused(data: bytes, **limits) -> ExtractError:
    with pytest.raises(ExtractError) as caught:
        archive.checked_members(data, **limits)
    return caught.value


def test_an_ordinary_docx_passes_and_its_members_are_listed():
    names = {info.filename for info in archive.checked_members(_notice())}
    assert "word/document.xml" in names


def test_one_member_squeezed_a_thousandfold_is_a_bomb_refused_without_unpacking():
    data = archives.bomb(megabytes=50)
    assert len(data) < 200_000
    started = time.perf_counter()
    error = _refused(data)
    assert time.perf_counter() - started < 1
    assert "压缩炸弹" in error.message_zh
    assert "word/document.xml" in error.reason_en


def test_members_small_enough_each_are_refused_together_past_the_limit():
    data = archives.spread_bomb(members=3, megabytes_each=4)
    archive.checked_members(data)
    error = _refused(data, max_unpacked=10 * archives.MB)
    assert "压缩炸弹" in error.message_zh


def test_more_than_ten_thousand_members_are_refused():
    archive.checked_members(archives.flood(archive.MAX_MEMBERS))
    error = _refused(archives.flood(archive.MAX_MEMBERS + 1))
    assert "条目过多" in error.message_zh


@pytest.mark.parametrize(
    "name",
    [
        "../../evil.sh",
        "word/../../evil.sh",
        "/etc/cron.d/evil",
        "\\evil.bat",
        "C:\\evil.bat",
        "..\\x",
    ],
)
def test_a_member_that_climbs_out_of_its_folder_is_refused(name):
    error = _refused(archives.with_member(name))
    assert "疑似恶意文件" in error.message_zh
    assert repr(name) in error.reason_en


@pytest.mark.parametrize("name", ["word/media/image1.png", "a..b/c.xml", "docProps/app.xml"])
def test_ordinary_member_names_are_not_mistaken_for_climbing_out(name):
    assert not archive.unsafe_name(name)


def test_a_notice_carrying_a_climbing_member_is_refused_by_the_extraction_itself():
    data = archives.with_member_in(_notice(), "../../../../tmp/evil")
    extract_bytes(_notice())
    with pytest.raises(ExtractError) as caught:
        extract_bytes(data)
    assert "疑似恶意文件" in caught.value.message_zh
