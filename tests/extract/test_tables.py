"""Tasks written as tables: markdown pipe tables and Word tables flattened to TABs."""

PIPE = """
附件

2024年重点工作任务分工方案

| 序号 | 工作任务 | | 牵头单位 | 责任单位 |
|----|----|----|----|----|
| 一、稳增长 | | | | |
| 1 | （一）扩大投资 | 新开工项目50个。 | 县发改局 | 各乡镇人民政府 县财政局 |
| 2 | | 争取专项债券8亿元。 | | |
| 3 | （二）促进消费 | 社零总额增长6%。 | 县商务局 | 各乡镇人民政府 |

| 序号 | 工作任务 | | 牵头单位 | 责任单位 |
|----|----|----|----|----|
| 4 | | 举办消费季活动。 | 县商务局 | 县文旅局 |
| 二、惠民生 | | | | |
| 5 | 新增城镇就业3000人。 | | 县人社局（县就业局） | 各乡镇人民政府 |
"""


def test_a_table_split_across_pages_is_one_table(extract_text):
    plan = extract_text(PIPE)
    assert [t.seq for t in plan.tasks] == ["1", "2", "3", "4", "5"]


def test_heading_rows_and_merged_category_cells_are_sections(extract_text):
    plan = extract_text(PIPE)
    assert [t.section for t in plan.tasks] == [
        ["一、稳增长", "（一）扩大投资"],
        ["一、稳增长", "（一）扩大投资"],
        ["一、稳增长", "（二）促进消费"],
        ["一、稳增长", "（二）促进消费"],
        ["二、惠民生"],
    ]


def test_a_row_with_all_assignment_cells_empty_continues_the_row_above(extract_text):
    task = extract_text(PIPE).tasks[1]
    assert (task.lead_units, task.support_units) == (["县发改局"], ["各乡镇人民政府", "县财政局"])
    assert any(
        d.code == "filled_from_merge" and d.seq == "2" for d in extract_text(PIPE).diagnostics
    )


def test_one_cell_spanning_category_and_task_columns_is_the_task(extract_text):
    task = extract_text(PIPE).tasks[4]
    assert task.content == "新增城镇就业3000人。"
    assert task.lead_units == ["县人社局（县就业局）"]


def test_a_single_list_has_no_list_title(extract_text):
    assert {t.list for t in extract_text(PIPE).tasks} == {None}


TAB = (
    "附件1\n县政府重点工作责任清单\n"
    "\t序号\n\t工作内容\n\t责任部门\n\t配合部门\n\t完成\n\n时限\n\t牵头\n领导\n\n"
    "\t1\n\t财政收入增长5%。\n\t财政局\n\t审计局\n\t12月底前\n\t张宝库\n\n"
    "\t2\n\t失业率控制在4.5%以下。\n\t人社局\n\t乡、街\n\t12月底前\n\t\n\n"
    "\t3\n\t保障重点群体就业。\n\t\n\t乡、街\n\n区直相关部门\n\t长期保持\n\t\n\n"
    "\t4\n\t建设法治文化公园。（废止）\n\t司法局\n\t\n\t年内完成\n\t杨占伟\n\n"
    "\t5\n\t开展普法宣传。\n\t\n\t乡、街\n\t年内完成\n\t\n\n"
    "\t6\n\t打击违法建设。\n\t自然资源局\n\t乡、街\n\t长期保持\n\t\n\n"
    "附件2\n县政府民生实事清单\n"
    "\t序号\n\t工作内容\n\t责任部门\n\t配合部门\n\t完成时限\n\t牵头领导\n\n"
    "\t1\n\t新建幼儿园2所。\n\t教育局\n\t\n\t年内完成\n\t孟令伟\n\n"
    "\t2\n\t改造农村公路30公里。\n\t交通局\n\t平西乡\n\t10月底前\n\t\n"
)


def test_a_word_table_flattened_to_tab_lines(extract_text):
    plan = extract_text(TAB)
    first = plan.tasks[0]
    assert (first.content, first.lead_units, first.support_units, first.deadline) == (
        "财政收入增长5%。",
        ["财政局"],
        ["审计局"],
        "12月底前",
    )
    assert plan.tasks[2].support_units == ["乡", "街", "区直相关部门"]


def test_empty_lead_and_leader_cells_continue_a_merge(extract_text):
    plan = extract_text(TAB)
    assert [t.lead_leaders for t in plan.tasks[:6]] == [["张宝库"]] * 3 + [["杨占伟"]] * 3
    assert plan.tasks[2].lead_units == ["人社局"]


def test_an_empty_support_cell_stays_empty_where_the_column_repeats_values(extract_text):
    assert extract_text(TAB).tasks[3].support_units == []


def test_two_lists_are_named_and_numbered_afresh(extract_text):
    plan = extract_text(TAB)
    assert [t.list for t in plan.tasks] == ["县政府重点工作责任清单"] * 6 + [
        "县政府民生实事清单"
    ] * 2
    assert plan.tasks[6].seq == "1"
    assert plan.tasks[7].lead_leaders == ["孟令伟"]


def test_an_abolished_row(extract_text):
    task = extract_text(TAB).tasks[3]
    assert (task.status, task.content) == ("abolished", "建设法治文化公园。")


def test_table_tasks_name_their_table_and_row(extract_text):
    source = extract_text(TAB).tasks[0].source
    assert set(source) == {"table", "row", "line"}


def test_the_first_listed_unit_leads_when_the_notice_says_so(extract_text):
    plan = extract_text(
        """
        责任单位中排在第一位的为牵头单位，其余为配合单位。

        | 序号 | 重点任务 | 责任单位 | 完成时限 |
        | --- | --- | --- | --- |
        | 1 | 新建高标准农田1万亩。 | 县农业农村局、县水利局、县财政局 | 10月底前 |
        """
    )
    task = plan.tasks[0]
    assert (task.lead_units, task.support_units, task.deadline) == (
        ["县农业农村局"],
        ["县水利局", "县财政局"],
        "10月底前",
    )


def test_an_unknown_column_is_diagnosed(extract_text):
    plan = extract_text(
        """
        | 序号 | 工作任务 | 牵头单位 | 联络员 |
        | --- | --- | --- | --- |
        | 1 | 推进改革。 | 县发改局 | 张三 |
        """
    )
    assert any(d.code == "unknown_column" and "联络员" in d.message for d in plan.diagnostics)


def test_a_stray_cell_after_a_full_row_does_not_shift_the_rows_below(extract_text):
    text = TAB.replace("\t长期保持\n\t\n\n附件2", "\t长期保持\n\t\n\t另行通知\n\n附件2")
    plan = extract_text(text)
    assert [t.seq for t in plan.tasks] == ["1", "2", "3", "4", "5", "6", "1", "2"]
    assert plan.tasks[6].lead_units == ["教育局"]


def test_a_two_row_header_is_read_as_one(extract_text):
    plan = extract_text(
        """
        | 序号 | 工作任务 | 责任分工 | |
        | --- | --- | --- | --- |
        | | | 牵头单位 | 配合单位 |
        | 1 | 推进改革。 | 县发改局 | 县财政局 |
        """
    )
    task = plan.tasks[0]
    assert (task.seq, task.content, task.lead_units, task.support_units) == (
        "1",
        "推进改革。",
        ["县发改局"],
        ["县财政局"],
    )


def test_a_heading_row_without_ordinal_is_a_sibling_of_numbered_ones(extract_text):
    plan = extract_text(
        """
        | 序号 | 工作任务 | 牵头单位 |
        | --- | --- | --- |
        | 三、民生保障类 | | |
        | 1 | 新建幼儿园2所。 | 县教育局 |
        | 民生实事类 | | |
        | 2 | 改造农村公路30公里。 | 县交通局 |
        | 四、安全稳定类 | | |
        | 3 | 整治安全隐患。 | 县应急局 |
        """
    )
    assert [t.section for t in plan.tasks] == [
        ["三、民生保障类"],
        ["民生实事类"],
        ["四、安全稳定类"],
    ]


def test_rows_copied_from_a_spreadsheet_with_a_header_over_two_lines(extract_text):
    plan = extract_text(
        "类\t序\t工作\t牵头\t配合\n"
        "别\t号\t任务\t单位\t单位\n"
        "科技创新\t1\t建设研发平台6个。\t市科技局\t市财政局\n"
        "\t2\t转化科技成果30项。\t市科技局\t\n"
    )
    assert [(t.seq, t.section, t.lead_units) for t in plan.tasks] == [
        ("1", ["科技创新"], ["市科技局"]),
        ("2", ["科技创新"], ["市科技局"]),
    ]


def test_a_task_name_column_beside_the_task_text_is_not_a_section(extract_text):
    plan = extract_text(
        """
        | 序号 | 任务名称 | 具体内容 | 牵头单位 |
        | --- | --- | --- | --- |
        | 1 | 工业稳增长 | 实施技改提升行动。 | 市工信局 |
        """
    )
    assert (plan.tasks[0].section, plan.tasks[0].content) == ([], "实施技改提升行动。")


def test_a_row_cut_by_a_page_break_goes_on_under_the_repeated_header(extract_text):
    plan = extract_text(
        """
| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 全年新增规上工业企业25家、 | 县经信局 | 县税务局、 | 2023年12月 |

- 2 -

| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
|  | 新增股份制企业8家。 |  | 县金融服务中心 | 底前 |
| 2 | 新建幼儿园3所。 | 县教育局 |  | 2023年8月底前 |
"""
    )
    first, second = plan.tasks
    assert first.content == "全年新增规上工业企业25家、新增股份制企业8家。"
    assert (first.support_units, first.deadline) == (
        ["县税务局", "县金融服务中心"],
        "2023年12月底前",
    )
    assert second.seq == "2"


def test_a_column_naming_each_row_is_a_title_not_a_section(extract_text):
    rows = "\n".join(f"| {n} | 标题{n} | 具体内容第{n}项。 | 县发改局 |" for n in range(1, 5))
    plan = extract_text(f"| 序号 | 工作任务 | 具体内容 | 牵头单位 |\n|---|---|---|---|\n{rows}\n")
    assert [t.section for t in plan.tasks] == [[]] * 4
    assert plan.tasks[0].content == "具体内容第1项。"


def test_a_number_over_sub_numbers_is_the_section_they_belong_to(extract_text):
    plan = extract_text(
        """
| 序号 | 重点任务 | 牵头单位 |
|---|---|---|
| 1 | 做优做强特色产业 |  |
| 1.1 | 新建夏菜基地3万亩。 | 县农业农村局 |
| 1.2 | 推进全产业链建设。 | 县农业农村局 |
| 2 | 扩大有效需求 |  |
| 2.1 | 实施重点项目95个。 | 县发改局 |
"""
    )
    assert [(t.seq, t.section) for t in plan.tasks] == [
        ("1.1", ["做优做强特色产业"]),
        ("1.2", ["做优做强特色产业"]),
        ("2.1", ["扩大有效需求"]),
    ]


def test_the_role_in_brackets_after_a_header_word(extract_text):
    plan = extract_text(
        "| 序号 | 目标任务 | 责任单位（牵头） | 责任单位（配合） |\n|---|---|---|---|\n"
        "| 1 | 新增就业3000人。 | 县人社局 | 县财政局 |\n"
    )
    assert (plan.tasks[0].lead_units, plan.tasks[0].support_units) == (["县人社局"], ["县财政局"])


def test_a_spreadsheet_copy_keeps_a_quoted_cell_of_several_lines(extract_text):
    plan = extract_text(
        "序号\t重点工作\t牵头单位\t配合单位\n"
        '1\t新建基地3万亩。\t县农业农村局\t"县财政局\n县水利局"\n'
        "2\t实施重点项目95个。\t县发改局\t县财政局\n"
    )
    assert [t.support_units for t in plan.tasks] == [["县财政局", "县水利局"], ["县财政局"]]
