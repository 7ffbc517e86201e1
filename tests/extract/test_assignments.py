from duban.extract.recognisers.assignments import parse_labelled, split_inline


def test_a_labelled_line_is_read_by_role():
    a = parse_labelled("牵头单位：区财政局")
    assert a.lead == ["区财政局"]


def test_two_labels_on_one_line():
    a = parse_labelled("牵头单位：区财政局  责任领导：冶 祥")
    assert (a.lead, a.leaders) == (["区财政局"], ["冶祥"])


def test_a_qualified_label_is_still_a_label():
    assert parse_labelled("政府牵头领导：张三").leaders == ["张三"]


def test_a_sentence_with_a_colon_is_not_a_label():
    assert parse_labelled("经济社会发展的主要预期目标是：生产总值增长6%") is None


def test_an_unknown_label_is_reported_not_dropped():
    assert parse_labelled("联络单位：县督查室").unknown == ["联络单位"]


def test_an_inline_bracket_is_cut_from_the_content():
    content, a = split_inline("地区生产总值增长7.5%(牵头领导:朱伟哲;牵头单位:区发改局)")
    assert content == "地区生产总值增长7.5%"
    assert (a.leaders, a.lead) == (["朱伟哲"], ["区发改局"])


def test_an_inline_bracket_without_its_closing_bracket():
    content, a = split_inline("建成工业邻里中心。(牵头领导:王从峰;牵头单位:区工信局,宋跳工业园")
    assert content == "建成工业邻里中心。"
    assert a.lead == ["区工信局", "宋跳工业园"]


def test_a_role_marked_bracket():
    content, a = split_inline("推进老旧小区改造12个。（县住建局牵头，县财政局、发改局配合）")
    assert content == "推进老旧小区改造12个。"
    assert (a.lead, a.support) == (["县住建局"], ["县财政局", "县发改局"])


def test_a_single_responsible_unit_in_brackets_leads():
    _, a = split_inline("做好义务教育控辍保学。（县教育局负责）")
    assert a.lead == ["县教育局"]


def test_an_ordinary_bracket_is_content():
    content, a = split_inline("建设污水处理厂（一期）工程。")
    assert a is None and content == "建设污水处理厂（一期）工程。"


def test_responsible_units_beside_a_lead_are_support():
    a = parse_labelled("牵头单位：县发改局  责任单位：县财政局")
    assert a.resolve() == (["县发改局"], ["县财政局"])


def test_responsible_units_beside_support_units_lead():
    a = parse_labelled("责任单位：县城管局  配合单位：县商务局")
    assert a.resolve() == (["县城管局"], ["县商务局"])


def test_responsible_units_alone_are_support_unless_the_first_leads():
    a = parse_labelled("责任单位：县城管局、县住建局")
    assert a.resolve() == ([], ["县城管局", "县住建局"])
    assert a.resolve(first_is_lead=True) == (["县城管局"], ["县住建局"])


def test_a_unit_ending_in_government_keeps_it_before_a_second_label():
    a = parse_labelled("配合单位：各县区人民政府    完成时限：2024年12月底前")
    assert (a.support, a.deadline) == (["各县区人民政府"], "2024年12月底前")


def test_a_role_marked_bracket_ending_with_a_deadline():
    content, a = split_inline(
        "招引项目30个。（县招商局牵头，县发改局、工信局配合，2025年12月底前完成）"
    )
    assert content == "招引项目30个。"
    assert (a.lead, a.support, a.deadline) == (
        ["县招商局"],
        ["县发改局", "县工信局"],
        "2025年12月底前完成",
    )


def test_an_abolished_marker_after_the_bracket_is_kept_for_the_status():
    content, _ = split_inline("新改建农村公路120公里。（牵头单位：县交通局）（废止）")
    assert content.endswith("（废止）")


def test_a_unit_marked_as_leading_inside_a_responsible_list_leads():
    a = parse_labelled("责任单位：县发改局（牵头）、统计局，各乡镇人民政府")
    assert a.resolve() == (["县发改局"], ["县统计局", "各乡镇人民政府"])


def test_province_departments_and_a_trailing_etc():
    _, a = split_inline("稳住外贸。（省商务厅牵头，省工业和信息化厅、市场监管局等按职责分工负责）")
    assert a.resolve() == (["省商务厅"], ["省工业和信息化厅", "省市场监管局"])


def test_schedule_words_are_deadline_labels():
    assert parse_labelled("时间安排：2024年12月底前完成").deadline == "2024年12月底前完成"
    assert parse_labelled("分管市领导：吕志国").leaders == ["吕志国"]


def test_zhuban_and_xieban_are_lead_and_support():
    labelled = parse_labelled("主办单位：市发展改革委；协办单位：市财政局；督办单位：市政府督查室")
    assert (labelled.lead, labelled.support) == (["市发展改革委"], ["市财政局"])


def test_a_website_footer_is_not_an_assignment():
    assert parse_labelled("主办单位：城关区人民政府办公室　　技术支持：城关区融媒体中心") is None
