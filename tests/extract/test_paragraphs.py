"""Tasks written as running text."""


def test_labelled_lines_in_any_order_with_any_missing(extract_text):
    plan = extract_text(
        """
        一、稳增长
        1.地区生产总值增长6%。
        责任单位：各乡镇人民政府
        牵头单位：县发改局
        牵头领导：王 强
        2.一般公共预算收入增长5%。
        牵头单位：县财政局
        """
    )
    first, second = plan.tasks
    assert first.content == "地区生产总值增长6%。"
    assert first.section == ["一、稳增长"]
    assert (first.lead_leaders, first.lead_units, first.support_units) == (
        ["王强"],
        ["县发改局"],
        ["各乡镇人民政府"],
    )
    assert (second.lead_leaders, second.support_units) == ([], [])


def test_a_line_broken_by_a_page_continues_the_task(extract_text):
    plan = extract_text(
        """
        1.推动重大规划编制。聚焦产业发展，结合国土空间规划，盘活上滩片区土地资源，
        高标准编制城乡统筹总体规划。
        牵头单位：县发改局
        """
    )
    assert plan.tasks[0].content.endswith("盘活上滩片区土地资源，高标准编制城乡统筹总体规划。")


def test_headings_nest_and_are_cut_before_their_first_full_stop(extract_text):
    plan = extract_text(
        """
        二、重点工作任务
        （一）坚持项目为王，夯实发展基础。把项目投资作为重要引擎。
        1.做好项目前期工作。
        牵头单位：县发改局
        （二）坚持生态为基
        1.扩大绿化覆盖。
        牵头单位：县林草局
        """
    )
    assert [t.section for t in plan.tasks] == [
        ["二、重点工作任务", "（一）坚持项目为王，夯实发展基础"],
        ["二、重点工作任务", "（二）坚持生态为基"],
    ]
    assert [t.seq for t in plan.tasks] == ["1", "1"]


def test_an_unnumbered_paragraph_with_its_own_labels_is_a_task(extract_text):
    plan = extract_text(
        """
        一、总体目标
        主要预期目标是：生产总值增长7%以上，城镇新增就业1万人。
        责任领导：赵飞
        牵头单位：县发改委
        二、产业转型
        1.培育创新主体。
        牵头单位：县科技局
        """
    )
    assert plan.tasks[0].seq == ""
    assert plan.tasks[0].section == ["一、总体目标"]
    assert plan.tasks[0].content.startswith("主要预期目标是")


def test_a_heading_printed_without_its_ordinal(extract_text):
    plan = extract_text(
        """
        （三）加强协调联动
        1.推进城市更新。(牵头领导:王宁;牵头单位:县住建局)
        坚持筑生态之基，打造美丽宜居县城
        2.深化污染防治。(牵头领导:朱伟;牵头单位:县生态环境局)
        """
    )
    assert plan.tasks[1].section == ["坚持筑生态之基，打造美丽宜居县城"]


def test_a_leader_named_under_a_section_heading_leads_its_tasks(extract_text):
    plan = extract_text(
        """
        一、稳住经济增长
        （牵头领导：赵德明）
        1.规上工业增加值增长7%。（牵头单位：县工信局）
        2.新增市场主体3000户。（牵头单位：县市场监管局；牵头领导：钱进）
        """
    )
    assert [t.lead_leaders for t in plan.tasks] == [["赵德明"], ["钱进"]]
    assert plan.tasks[0].section == ["一、稳住经济增长"]


def test_three_level_numbering_with_tasks_at_the_deepest_level(extract_text):
    plan = extract_text(
        """
        一、推动产业升级
        （一）壮大工业
        1.推进技改
        （1）完成技改项目20个。（县工信局牵头，县财政局配合）
        （2）新增规上企业10家。（县工信局牵头）
        """
    )
    assert [t.seq for t in plan.tasks] == ["1", "2"]
    assert plan.tasks[0].section == ["一、推动产业升级", "（一）壮大工业", "1.推进技改"]
    assert plan.tasks[0].support_units == ["县财政局"]


def test_abolished_tasks_are_marked_and_the_marker_removed(extract_text):
    plan = extract_text("1.地区生产总值增长7%左右。（废止）\n牵头单位：县发改局")
    assert (plan.tasks[0].status, plan.tasks[0].content) == (
        "abolished",
        "地区生产总值增长7%左右。",
    )


def test_requirements_after_the_tasks_are_not_tasks(extract_text):
    plan = extract_text(
        """
        一、重点任务
        1.推进改革。
        牵头单位：县发改局
        2.扩大开放。
        牵头单位：县商务局
        二、工作要求
        （一）加强组织领导。各单位要高度重视。
        （二）强化督查问效。县政府督查室定期通报。
        """
    )
    assert len(plan.tasks) == 2


def test_a_task_without_a_lead_is_diagnosed(extract_text):
    plan = extract_text("1.推进改革。\n牵头单位：县发改局\n2.扩大开放。\n责任单位：县商务局")
    codes = [(d.code, d.seq) for d in plan.diagnostics]
    assert ("no_lead_unit", "2") in codes


def test_a_numbering_gap_is_diagnosed(extract_text):
    plan = extract_text("1.推进改革。\n牵头单位：县发改局\n3.扩大开放。\n牵头单位：县商务局")
    assert any(d.code == "numbering_gap" and d.seq == "3" for d in plan.diagnostics)


def test_tasks_carry_the_lines_they_came_from(extract_text):
    plan = extract_text("标题\n1.推进改革。\n牵头单位：县发改局")
    assert plan.tasks[0].source == {"lines": [2, 3]}


def test_traditional_labels_are_recognised_and_text_kept_as_printed(extract_text):
    plan = extract_text("1.推進老舊小區改造。\n牽頭單位：縣住建局\n責任單位：縣財政局")
    task = plan.tasks[0]
    assert (task.content, task.lead_units, task.support_units) == (
        "推進老舊小區改造。",
        ["縣住建局"],
        ["縣財政局"],
    )


def test_page_numbers_between_pages_do_not_break_a_task(extract_text):
    plan = extract_text(
        """
        1.推动重大规划编制。聚焦产业发展，结合国土空间规划，盘活上滩片区土地资源，
        — 3 —
        高标准编制城乡统筹总体规划。
        牵头单位：县发改局
        """
    )
    assert plan.tasks[0].content.endswith("资源，高标准编制城乡统筹总体规划。")


def test_markdown_headings_are_headings(extract_text):
    plan = extract_text("## 一、稳增长\n\n1. **推进改革。**\n牵头单位：县发改局")
    assert plan.tasks[0].section == ["一、稳增长"]
    assert plan.tasks[0].content == "推进改革。"


def test_a_heading_without_ordinal_before_a_deeper_heading(extract_text):
    plan = extract_text(
        """
        一、推动经济量质齐升
        （一）扩大有效投资
        1.抓好重点项目
        （1）新开工项目50个。（县发改局牵头）
        促进消费扩容提质
        1.丰富消费场景
        （1）改造提升湖滨商圈。（县商务局牵头）
        """
    )
    assert plan.tasks[1].section == ["一、推动经济量质齐升", "促进消费扩容提质", "1.丰富消费场景"]


def test_labels_on_the_task_line_after_its_text(extract_text):
    plan = extract_text("1. 地区生产总值增长6%以上。责任单位：县发改局（牵头）、统计局")
    task = plan.tasks[0]
    assert (task.content, task.lead_units, task.support_units) == (
        "地区生产总值增长6%以上。",
        ["县发改局"],
        ["县统计局"],
    )


def test_yishi_paragraphs_with_their_own_labels_are_tasks(extract_text):
    plan = extract_text(
        """
        一、稳增长
        （一）狠抓项目建设。坚持以项目论英雄。
        一是加快重大项目建设。全年实施重点项目68个。
        牵头单位：区发改局　　协办单位：区财政局
        二是强化要素保障。盘活闲置土地1200亩。
        牵头单位：区自然资源分局
        """
    )
    first, second = plan.tasks
    assert (first.seq, first.content) == ("一", "加快重大项目建设。全年实施重点项目68个。")
    assert first.section == ["一、稳增长", "（一）狠抓项目建设"]
    assert (first.lead_units, first.support_units) == (["区发改局"], ["区财政局"])
    assert (second.seq, second.lead_units) == ("二", ["区自然资源分局"])


def test_yishi_paragraphs_before_one_set_of_labels_are_one_task(extract_text):
    plan = extract_text(
        """
        1.推进项目建设。全年实施重点项目68个。
        一是建立项目台账。
        二是每月调度一次。
        牵头单位：县发改局
        2.盘活闲置土地1200亩。
        牵头单位：县自然资源局
        """
    )
    first, second = plan.tasks
    assert (
        first.content == "推进项目建设。全年实施重点项目68个。一是建立项目台账。二是每月调度一次。"
    )
    assert (first.seq, first.lead_units, second.seq) == ("1", ["县发改局"], "2")


def test_a_numbered_line_cut_inside_a_word_goes_on_in_the_next_line(extract_text):
    plan = extract_text(
        """
        5、推动经济开发区扩区调
        位，完成规划修编。
        一季度：完成申报材料；
        责任领导：县委常委、副县长 田蓓
        承办单位：县开发区管委会
        协办单位：县自然资源局
        """
    )
    (task,) = plan.tasks
    assert task.content == "推动经济开发区扩区调位，完成规划修编。一季度：完成申报材料；"
    assert (task.lead_leaders, task.lead_units) == (["田蓓"], ["县开发区管委会"])


def test_a_unit_list_cut_inside_a_name_is_read_once_whole(extract_text):
    plan = extract_text(
        """
        1.力争抽水蓄能电站年内核准开工。
        牵头单位：县发改局
        责任单位：县自然资源局、生态环境局，桐溪
        经济开发区管委会
        """
    )
    assert plan.tasks[0].support_units == ["县自然资源局", "县生态环境局", "桐溪经济开发区管委会"]


def test_labels_after_a_dash_on_the_task_line(extract_text):
    plan = extract_text(
        """
        1. 全年实施市级重点项目120个。——牵头单位：市发改委；配合单位：市财政局
        2. 实施桐江流域水环境综合治理工程，完成沿江截污管网建设24公里，
        确保出境断面水质稳定达到Ⅱ类。
        ——牵头单位：市交通运输局
        """
    )
    first, second = plan.tasks
    assert (first.content, first.lead_units) == ("全年实施市级重点项目120个。", ["市发改委"])
    assert second.content.endswith("管网建设24公里，确保出境断面水质稳定达到Ⅱ类。")
    assert second.lead_units == ["市交通运输局"]


def test_a_heading_naming_the_leaders_field_gives_its_tasks_their_leader(extract_text):
    plan = extract_text(
        """
        一、常务副县长周启明分管领域（2项）
        1.实施重点项目85个。
        牵头单位：县发改局
        2.争取专项债券12亿元。
        牵头单位：县财政局
        二、县长沈卫东牵头领域（1项）
        1.优化营商环境。
        牵头单位：县政务服务局
        """
    )
    assert [t.lead_leaders for t in plan.tasks] == [["周启明"], ["周启明"], ["沈卫东"]]


def test_a_bracketed_ordinal_heading_before_a_table_is_a_section(extract_text):
    plan = extract_text(
        """
        一、加快构建现代化产业体系

        （一）做强先进制造业

        | 序号 | 工作任务 | 牵头单位 |
        |---|---|---|
        | 1 | 实施制造业行动。 | 市工信局 |
        """
    )
    assert plan.tasks[0].section == ["一、加快构建现代化产业体系", "（一）做强先进制造业"]
