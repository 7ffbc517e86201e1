from duban.extract.units import split_leaders, split_units


def test_it_splits_on_enumeration_commas_and_commas():
    assert split_units("县发改局、县财政局，县统计局") == ["县发改局", "县财政局", "县统计局"]


def test_a_level_prefix_distributes_over_bare_departments():
    assert split_units("区发改局、工信局、财政局") == ["区发改局", "区工信局", "区财政局"]


def test_the_prefix_does_not_reach_names_with_their_own_place_or_companies():
    assert split_units("区发改局、高新区规建局、益平公司、平西乡") == [
        "区发改局",
        "高新区规建局",
        "益平公司",
        "平西乡",
    ]


def test_the_collective_prefix_reaches_kinds_not_named_bureaus():
    assert split_units("各镇街、园区") == ["各镇街", "各园区"]
    assert split_units("各街道、执法局") == ["各街道", "执法局"]


def test_a_comma_ends_the_run_a_prefix_distributes_over():
    assert split_units("各乡镇人民政府，区财政局、民政局") == [
        "各乡镇人民政府",
        "区财政局",
        "区民政局",
    ]


def test_names_run_together_are_two_units():
    assert split_units("区住房和城乡建设局水务局") == ["区住房和城乡建设局", "区水务局"]
    assert split_units("县发改局县林草局") == ["县发改局", "县林草局"]


def test_a_branch_after_its_parent_stays_one_unit():
    assert split_units("市资源局海州分局") == ["市资源局海州分局"]
    assert split_units("区发展和改革委员会") == ["区发展和改革委员会"]


def test_an_alias_in_brackets_stays_with_its_unit():
    assert split_units("县人社局（县就业局）、县医保局") == ["县人社局（县就业局）", "县医保局"]


def test_spaces_separate_units_in_tables():
    assert split_units("各乡镇人民政府 高寨街道办事处 县政府各部门") == [
        "各乡镇人民政府",
        "高寨街道办事处",
        "县政府各部门",
    ]


def test_a_cell_broken_inside_a_name_is_joined():
    assert split_units("蔬菜园艺特产\n管理中心") == ["蔬菜园艺特产管理中心"]
    assert split_units("县民政局 县残联 县妇联") == ["县民政局", "县残联", "县妇联"]


def test_traditional_names_are_split_like_simplified_ones():
    assert split_units("縣發改局、財政局") == ["縣發改局", "縣財政局"]


def test_leaders_lose_inner_spaces():
    assert split_leaders("冶 祥") == ["冶祥"]
    assert split_leaders("韩 平、马锦文") == ["韩平", "马锦文"]


def test_leaders_separated_by_a_space_are_two_people():
    assert split_leaders("韩 平 苏铨烨") == ["韩平", "苏铨烨"]


def test_empty_lists_are_empty():
    assert split_units("") == []
    assert split_leaders(None) == []


def test_posts_printed_with_a_leader_are_not_people():
    assert split_leaders("市委常委、常务副市长 韩启明") == ["韩启明"]
    assert split_leaders("副县长、县公安局局长 陆海鸣") == ["陆海鸣"]
    assert split_leaders("副市长苏晓岚") == ["苏晓岚"]
    assert split_leaders("市长 程立新，各副市长") == ["程立新", "各副市长"]


def test_a_post_alone_is_the_leader_as_printed():
    assert split_leaders("县长") == ["县长"]
    assert split_leaders("各副县长") == ["各副县长"]


def test_a_printed_none_is_an_empty_list():
    for none in ("无", "/", "—", "——", "-"):
        assert split_units(none) == [], none
        assert split_leaders(none) == [], none
    assert split_units("县财政局、—") == ["县财政局"]


def test_a_post_in_brackets_after_the_name_is_not_a_second_leader():
    assert split_leaders("郑国华（市委常委、副市长）、林晓燕（副市长）") == ["郑国华", "林晓燕"]
    assert split_leaders("马  骁（副市长，市公安局局长）") == ["马骁"]


def test_a_list_numbered_item_by_item():
    assert split_units("1.市发改局 2.市财政局") == ["市发改局", "市财政局"]
    assert split_units("1.市工信局2.市市场监管局") == ["市工信局", "市市场监管局"]
    assert split_units("1、县发改局；2、县财政局") == ["县发改局", "县财政局"]
