"""Generated notices of any size: numbered tasks with labelled lines, for the
1 MB tests and the benchmark."""

from __future__ import annotations

_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1–99 in Chinese numerals, as section ordinals print them (十一, 二十, 九十九)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


def numbered_notice(min_bytes: int, per_section: int = 50) -> tuple[bytes, int]:
    """A notice of sections (一、 二、 …) of numbered tasks with labelled lines, at
    least `min_bytes` long in UTF-8; returns the bytes and the number of tasks."""
    parts = ["县人民政府办公室\n关于印发2024年《政府工作报告》重点任务分工方案的通知\n\n"]
    size = len(parts[0].encode("utf-8"))
    tasks = 0
    section = 0
    while size < min_bytes:
        section += 1
        assert section < 100, "raise per_section: sections are numbered 一 to 九十九"
        chunk = [f"{_cn_number(section)}、第{section}部分重点工作\n"]
        for k in range(1, per_section + 1):
            chunk.append(
                f"{k}.推进第{section}部分第{k}项重点工作，加快项目建设进度，确保按期完成年度目标任务。\n"
                "牵头领导：张三\n牵头单位：县发改局\n责任单位：县财政局、县统计局\n"
                "完成时限：2024年12月底\n\n"
            )
            tasks += 1
        text = "".join(chunk)
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts).encode("utf-8"), tasks
