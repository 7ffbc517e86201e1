"""Legacy .doc/.wps/.rtf files go through LibreOffice when it is installed."""

import pytest

from duban.extract import ExtractError, extract_bytes
from duban.extract.readers import legacy, sniff

RTF = (
    rb"{\rtf1\ansi\deff0{\fonttbl{\f0 SimSun;}}\f0 1.\u25512?\u36827?. \par "
    + rb"\u29301?\u22836?\u21333?\u20301?\uff1a\u21439?\u21457?\u25913?\u23616?\par}"
)


def test_rtf_and_ole_files_are_told_apart_by_content():
    assert sniff(RTF) == "rtf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")) == "doc"


@pytest.mark.skipif(legacy.soffice() is not None, reason="LibreOffice is installed here")
def test_without_libreoffice_the_message_says_what_to_install():
    with pytest.raises(ExtractError) as caught:
        extract_bytes(RTF)
    assert "LibreOffice" in caught.value.message_zh


@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice is not installed here")
def test_an_rtf_notice_is_converted_and_read():
    plan = extract_bytes(RTF)
    assert plan.tasks[0].lead_units == ["县发改局"]
