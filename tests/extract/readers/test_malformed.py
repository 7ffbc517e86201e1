"""Broken and hostile files give a clear ExtractError, never a traceback or a
runaway: truncated and incomplete packages, a zip bomb, a padded workbook.
(How fast they are refused is measured in benchmarks/extract.py.)"""

import tracemalloc

import pytest

from builders import malformed
from duban.extract import ExtractError, extract_bytes

MEMORY_LIMIT = 400 * 1024 * 1024


def _refused(data: bytes) -> ExtractError:
    with pytest.raises(ExtractError) as caught:
        extract_bytes(data)
    return caught.value


def test_a_truncated_docx_is_reported_as_broken():
    assert "损坏" in _refused(malformed.truncated_docx()).message_zh


def test_a_docx_missing_a_part_is_reported_as_broken():
    assert "损坏" in _refused(malformed.docx_missing_part()).message_zh


def test_a_zip_bomb_is_refused_without_unpacking_it():
    data = malformed.zip_bomb()
    tracemalloc.start()
    error = _refused(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "压缩炸弹" in error.message_zh
    assert peak < MEMORY_LIMIT


def test_a_workbook_padded_with_a_million_empty_rows_is_refused_with_a_reason():
    error = _refused(malformed.xlsx_with_empty_rows(1_000_000))
    assert "空行" in error.message_zh


def test_a_workbook_with_some_blank_rows_below_its_table_still_reads():
    plan = extract_bytes(malformed.xlsx_with_empty_rows(5_000))
    assert [(t.seq, t.lead_units) for t in plan.tasks] == [("1", ["县发改局"])]
