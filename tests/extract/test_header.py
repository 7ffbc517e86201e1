HEADER = """
青政办〔2024〕12号

青山县人民政府办公室
关于印发2024年县政府工作报告
重点任务分工方案的通知

各乡镇人民政府，县政府各部门：

现将方案印发给你们，请认真贯彻落实。

青山县人民政府办公室

2024年3月5日

1.推进县城污水处理厂建设。
牵头单位：县住建局
"""


def test_it_reads_the_document_header(extract_text):
    doc = extract_text(HEADER).document
    assert doc.doc_number == "青政办〔2024〕12号"
    assert doc.title == "关于印发2024年县政府工作报告重点任务分工方案的通知"
    assert doc.issuer == "青山县人民政府办公室"
    assert doc.issue_date == "2024-03-05"
    assert doc.year == 2024


def test_the_office_name_before_the_title_on_one_line_is_not_title(extract_text):
    text = HEADER.replace(
        "青山县人民政府办公室\n关于印发2024年县政府工作报告\n重点任务分工方案的通知",
        "青山县人民政府办公室 关于印发2024年县政府工作报告重点任务分工方案的通知",
    )
    assert extract_text(text).document.title == "关于印发2024年县政府工作报告重点任务分工方案的通知"


def test_a_date_in_chinese_numerals(extract_text):
    text = HEADER.replace("2024年3月5日", "二〇二四年三月十五日")
    assert extract_text(text).document.issue_date == "2024-03-15"


def test_without_a_signature_the_office_in_the_header_is_the_issuer(extract_text):
    text = HEADER.replace("青山县人民政府办公室\n\n2024年3月5日", "")
    doc = extract_text(text).document
    assert doc.issuer == "青山县人民政府办公室"
    assert doc.issue_date is None


def test_a_notice_without_a_header_still_gets_its_year(extract_text):
    doc = extract_text("2023年重点工作责任清单\n1.推进改革。\n牵头单位：县发改局").document
    assert (doc.doc_number, doc.title, doc.year) == (None, None, 2023)


def test_a_tasks_last_label_line_above_the_date_is_not_the_issuer(extract_text):
    doc = extract_text(
        "一、重点工作\n1.新建幼儿园3所。\n牵头单位：区教育局\n2022年2月28日\n"
    ).document
    assert doc.issuer is None
    assert doc.issue_date is None
