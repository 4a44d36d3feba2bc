"""Document metadata from texts without a full notice header: only what the text prints."""
from __future__ import annotations

import pytest

from policykg.ingest.extract import extract_bytes


def _doc(text: str):
    return extract_bytes(text.encode(), "doc.txt").document


MEASURE = "一、发放消费券。全年发放消费券。(责任单位:市商务局、市财政局)\n二、支持汽车消费。给予购车补贴。(责任单位:市商务局)\n"


def test_a_title_with_the_plan_period_on_the_next_line():
    doc = _doc("各省辖市人民政府,省人民政府各部门:\n现将方案印发给你们,请认真贯彻落实。\n河南省人民政府办公厅\n2023年6月30日\n"
               "河南省实施扩大内需战略三年行动方案\n(2023—2025年)\n为扩大内需,制定本方案。\n"
               "一、扩大消费。发放消费券。(省商务厅牵头,省财政厅按职责分工负责)\n")
    assert doc.title == "河南省实施扩大内需战略三年行动方案(2023—2025年)"
    assert (doc.issuer, doc.region, doc.level, doc.date) == ("河南省人民政府办公厅", "河南省", "province", "2023-06-30")


def test_a_title_broken_over_two_lines():
    doc = _doc("关于进一步提振市场信心\n\n促进经济平稳健康运行的若干政策举措\n\n为提振市场信心,现提出以下政策举措。\n"
               "一、加大财税支持力度\n1.落实税收优惠政策。继续减征。(责任单位:省税务局)\n")
    assert doc.title == "关于进一步提振市场信心促进经济平稳健康运行的若干政策举措"


def test_short_heading_lines_above_a_title_belong_to_it():
    doc = _doc("兰州市人民政府办公室\n2022年12月13日\n兰州市助企纾困\n激发市场主体活力若干措施\n为助企纾困,制定本措施。\n" + MEASURE)
    assert doc.title == "兰州市助企纾困激发市场主体活力若干措施"


def test_the_issuer_line_directly_above_the_notice_title_is_part_of_it():
    doc = _doc("广元市人民政府\n关于印发《广元市若干具体政策措施》的通知\n各县(区)人民政府:\n现将措施印发给你们。\n"
               "广元市人民政府\n2023年7月1日\n" + MEASURE)
    assert doc.title == "广元市人民政府关于印发《广元市若干具体政策措施》的通知"


def test_a_document_number_cited_in_the_preamble_is_not_the_documents_own():
    doc = _doc("广元市人民政府\n关于印发《广元市若干具体政策措施》的通知\n各县(区)人民政府:\n"
               "认真落实省政府《关于印发〈若干政策措施〉的通知》(川府发〔2023〕5号),现将措施印发给你们。\n" + MEASURE)
    assert doc.doc_number is None
    numbered = _doc("广元市人民政府\n广府发〔2023〕7号\n关于印发《广元市若干具体政策措施》的通知\n各县(区)人民政府:\n"
                    "认真落实省政府《关于印发〈若干政策措施〉的通知》(川府发〔2023〕5号),现将措施印发给你们。\n" + MEASURE)
    assert numbered.doc_number == "广府发〔2023〕7号"


def test_the_region_named_in_the_body_when_no_issuer_is_printed():
    doc = _doc("关于推进人才集聚工程的实施意见\n为把广州建设成为人才高地,结合广州实际,提出以下意见。\n"
               "一、引进人才。面向全球引进人才来广州创新创业。(牵头单位:市人力资源和社会保障局,配合单位:市财政局)\n"
               "二、培养人才。支持高校在广州办学。(牵头单位:市教育局)\n")
    assert (doc.issuer, doc.region, doc.level) == (None, "广州市", "city")


def test_a_county_level_city_named_in_its_body():
    doc = _doc("为促进瑞金市房地产市场平稳健康发展,结合我市实际,制定本措施。赣州市有关部门给予指导。\n"
               "一、实行购房补贴。在瑞金市中心城区购房给予补贴。〔责任单位:市财政局、市住建局〕\n"
               "二、推行房票安置。瑞金市全面推行房票安置。〔责任单位:市自然资源局〕\n")
    assert (doc.region, doc.level) == ("瑞金市", "county")


def test_page_chrome_before_the_title_is_not_the_title():
    doc = _doc("当前位置:首页\n>> 专题专栏 >> 归档专题 >> 2023市政府重点工作(已归档)\n"
               "市政府工作报告重点工作责任分解(2023年)\n时间:2023-07-11 17:01 浏览次数: 信息来源: 丽水市政府\n"
               "一、全市经济社会发展主要预期目标\n1.生产总值增长6%以上。\n责任单位:市发改委\n")
    assert doc.title == "市政府工作报告重点工作责任分解(2023年)"
    assert (doc.issuer, doc.region, doc.level) == ("丽水市人民政府", "丽水市", "city")


def test_a_source_tag_and_a_timestamp_before_the_title():
    doc = _doc("2023-01-19 00:00:00 | 【安徽省淮北市】关于促进房地产市场平稳健康发展的若干措施 | "
               "(一)强化融资服务对接。协调推动金融机构满足合理融资需求。(责任单位:市地方金融管理局)\n\n"
               "(二)加大金融纾困帮扶力度。鼓励金融机构自主协商贷款展期。(责任单位:市地方金融管理局) | "
               "https://www.example.gov.cn/xwzx/57500501.html")
    assert doc.title == "关于促进房地产市场平稳健康发展的若干措施"


def test_a_record_below_the_files_head_gives_its_title_issuer_and_signing_date():
    # the record's address ends its last line, after the signing date
    doc = _doc("2023-08-25 00:00:00\n\n2023-08-25 00:00:00 | 住房和城乡建设部 | 关于优化个人住房贷款中住房套数认定标准的通知 | "
               "各省、自治区、直辖市住房城乡建设厅:\n\n为更好满足居民刚性和改善性住房需求,现就有关事项通知如下:\n\n"
               "一、居民家庭申请贷款购买商品住房时,家庭成员在当地名下无成套住房的,银行业金融机构均按首套住房执行住房信贷政策。\n\n"
               "二、此项政策作为政策工具,纳入“一城一策”工具箱。\n\n住房和城乡建设部\n"
               "2023年8月18日 | https://www.mohurd.gov.cn/gongkai/zhengce/20230825_773783.html\n")
    assert doc.title == "住房和城乡建设部关于优化个人住房贷款中住房套数认定标准的通知"
    assert (doc.issuer, doc.level, doc.date) == ("住房和城乡建设部", "national", "2023-08-18")


def test_a_text_without_a_heading_takes_the_title_it_cites_itself_by():
    doc = _doc("为促进我县房地产市场平稳健康发展,制定本政策措施。\n"
               "一、实行契税补贴。给予补贴。(责任单位:县财政局、县税务局)\n"
               "本政策措施自2022年7月1日起实行。\n附件\n办理细则\n"
               "一、实行契税补贴(责任单位:县财政局)\n"
               "1.《关于促进南县房地产市场平稳健康发展的若干政策措施》实施前已网签的不享受补贴。\n")
    assert doc.title == "关于促进南县房地产市场平稳健康发展的若干政策措施"
    assert (doc.region, doc.level) == ("南县", "county")


def test_a_text_that_prints_no_title_has_none():
    doc = _doc("为促进房地产市场良性循环,制定本措施。\n一、完善房地产政策\n"
               "(一)竞买保证金按起始价的20%确定。(牵头单位:市自然资源局;配合单位:市财政局)\n")
    assert doc.title is None


def test_a_page_without_a_source_organisation_has_no_issuer():
    doc = _doc("关于进一步促进房地产市场健康发展的四条举措\n发布时间:2026-06-01 15:39 字体:【 大 中 小】 来源:本站\n"
               "为促进房地产市场健康发展,将政策做如下优化调整:\n" + MEASURE)
    assert doc.title == "关于进一步促进房地产市场健康发展的四条举措"
    assert doc.issuer is None


def test_the_document_number_from_a_pages_facts_line():
    doc = _doc("索引号:11370000MB28 发文机关:山东省人民政府办公厅 发文字号:鲁政办字〔2024〕12号 成文日期:2024-04-18\n"
               "山东省人民政府办公厅关于印发山东省推动设备更新实施方案的通知\n各市人民政府:\n现将方案印发给你们。\n" + MEASURE)
    assert doc.doc_number == "鲁政办字〔2024〕12号"


def test_a_headline_printed_twice_is_one_title():
    from policykg.ingest.metadata import read_metadata

    text = "广西推动房地产市场平稳健康发展工作措施\n广西推动房地产市场平稳健康发展工作措施\n为全面贯彻落实有关部署,制定本措施。\n"
    assert read_metadata(text, text.index("为全面")).title == "广西推动房地产市场平稳健康发展工作措施"


def test_a_document_named_without_title_marks_is_implemented():
    doc = _doc("为贯彻落实国务院扎实稳住经济一揽子政策措施,结合我市实际,制定本措施。\n" + MEASURE)
    assert doc.implements == ["《国务院扎实稳住经济一揽子政策措施》"]


def test_a_policy_or_a_task_carried_out_is_not_a_document():
    doc = _doc("为全面落实“三高四新”战略定位和使命任务以及“稳地价、稳房价、稳预期”的要求,制定本措施。\n"
               "为落实异地缴存互认政策,根据上级有关通知,按照有关规定,现将有关事项通知如下。\n" + MEASURE)
    assert doc.implements == []


def test_a_verb_in_the_documents_own_title_implements_nothing():
    doc = _doc("关于落实住房公积金阶段性支持政策的公告(2022)\n为支持缴存人合理住房消费需求,现将有关事项公告如下。\n" + MEASURE)
    assert doc.title == "关于落实住房公积金阶段性支持政策的公告(2022)"
    assert doc.implements == []


def test_a_verb_inside_a_cited_title_is_that_titles():
    doc = _doc("关于公开征求《市公积金中心关于贯彻落实二孩及以上家庭支持措施的通知》意见的公告\n"
               "现将通知公开征求意见。\n" + MEASURE)
    assert doc.implements == []


def test_a_title_without_guanyu_ending_in_a_trial_mark():
    doc = _doc("浙江省绍兴市\n绍兴市灵活就业人员缴存使用住房公积金管理办法(试行)\n为完善缴存机制,制定本办法。\n" + MEASURE)
    # (the line of places above it says who issued it and is not part of the title)
    assert (doc.title, doc.region, doc.region_basis) == (
        "绍兴市灵活就业人员缴存使用住房公积金管理办法(试行)", "绍兴市", "issuer")


def test_a_sentence_citing_a_title_is_not_the_title():
    doc = _doc("河南省人民政府近日印发《河南省实施扩大内需战略三年行动方案(2023~2025年)\n"
               "常德市促进建筑业发展的若干政策措施》和《常德市促进房地产市场发展的若干政策措施(试行)\n" + MEASURE)
    assert doc.title is None


@pytest.mark.parametrize("head, number, title", [
    # the number glued in front of the title it heads
    ("贵阳市人民政府\n筑府办发〔2022〕12号市人民政府办公厅关于促进房地产业良性循环和健康发展的通知",
     "筑府办发〔2022〕12号", "市人民政府办公厅关于促进房地产业良性循环和健康发展的通知"),
    # the number printed after the title as a citation
    ("上海市房屋管理局\n关于进一步完善差别化住房信贷政策的通知》沪建房管联〔2016〕1062号",
     "沪建房管联〔2016〕1062号", "上海市房屋管理局关于进一步完善差别化住房信贷政策的通知"),
])
def test_a_document_number_glued_to_its_title(head, number, title):
    doc = _doc(head + "\n为促进房地产市场平稳健康发展,现通知如下:\n" + MEASURE)
    assert (doc.doc_number, doc.title) == (number, title)


def test_a_headline_that_lost_its_closing_title_mark_gives_the_title_it_opens():
    doc = _doc("郑州住房公积金管理中心印发《关于住房公积金提取和贷款有关事项的通知\n为支持缴存职工购房,现通知如下:\n" + MEASURE)
    assert doc.title == "关于住房公积金提取和贷款有关事项的通知"


def test_an_issuer_the_title_names_without_its_place_is_the_head_lines():
    doc = _doc("苏州市人民政府\n市政府关于进一步完善我市房地产市场平稳健康发展的工作意见\n为促进发展,提出如下意见。\n" + MEASURE)
    assert doc.issuer == "苏州市人民政府"


@pytest.mark.parametrize("head, issuer", [
    # the head line prints the whole name the title shortens, or the place whose organisation it is
    ("云南省楚雄州住房公积金管理中心\n中心关于调整住房公积金政策的通知", "云南省楚雄州住房公积金管理中心"),
    ("辽宁省沈阳市\n房产局关于公布购房补贴细则的通知", "辽宁省沈阳市房产局"),
    # a name that opens with a place says whose it is
    ("河南省济源市\n济源产城融合示范区管理委员会关于促进消费的通知", "济源产城融合示范区管理委员会"),
    ("房产局关于公布购房补贴细则的通知", "房产局"),
])
def test_an_issuer_the_title_names_without_its_place_is_placed_by_the_head(head, issuer):
    assert _doc(head + "\n为促进发展,提出如下意见。\n" + MEASURE).issuer == issuer


def test_the_central_committee_heading_its_title_is_the_issuer():
    doc = _doc("中共中央关于进一步全面深化改革、推进中国式现代化的决定\n为贯彻落实党的二十大作出的战略部署,作出如下决定。\n" + MEASURE)
    assert (doc.issuer, doc.level) == ("中共中央", "national")


def test_a_proposal_and_a_circular_are_documents_too():
    for title in ("中共甘肃省委关于制定国民经济和社会发展第十五个五年规划的建议", "湖南省住房和城乡建设厅关于2021年度房地产市场形势的通报"):
        assert _doc(title + "\n为推动高质量发展,提出如下意见。\n" + MEASURE).title == title


def test_a_preamble_sentence_a_line_of_places_and_a_bare_heading_are_not_titles():
    doc = _doc("河南省周口市\n为贯彻落实中央关于支持住房需求的要求,结合本地实际,制定购房政策实施细则如下:\n政策措施\n" + MEASURE)
    assert doc.title is None


def test_a_saved_pages_headline_is_not_the_line_of_places_above_it():
    doc = _doc("河南省周口市\n时间:2023-04-10点击:186次信息来源:无\n放宽住房公积金政策\n近期,市住房公积金管理中心出台新政。\n"
               + MEASURE)
    assert doc.title == "放宽住房公积金政策"


def test_a_pages_source_line_is_not_the_issuer_the_head_prints():
    doc = _doc("关于调整住房公积金贷款政策的通知\n来源: 市公积金中心\n栏目: 部门文件\n发布时间: 2025-04-30 17:02\n各缴存职工:\n"
               + MEASURE + "遂宁市住房公积金管理委员会\n2025年4月29日\n")
    assert doc.issuer == "遂宁市住房公积金管理委员会"


def test_a_signature_a_page_ran_into_the_line_before_it():
    doc = _doc("关于优化本市住房公积金使用政策的通知\n各缴存单位:\n" + MEASURE
               + "本通知自发布之日起施行,有效期至2028年12月31日南京住房公积金管理中心\n2026年1月5日\n")
    assert doc.issuer == "南京住房公积金管理中心"


def test_a_sites_table_of_the_documents_facts():
    # 索 引 号 / 发文机关 / 成文日期 / 标 题 / 文 号, two to a line: the title, the number and the signing date it gives;
    # the issuer the head prints (the table's 省住房公积金管理局 is a short form); 发布日期 is the page's own
    doc = _doc("关于调整住房公积金贷款政策的通知\n索 引 号:42820293-0/2026-41003主题分类:\n"
               "发文机关:省住房公积金管理局成文日期:2026-07-02 00:01\n"
               "标 题:海南省住房公积金管理局关于调整住房公积金贷款政策的通知\n"
               "文 号:琼公积金贷〔2026〕10号发布日期:2026-07-09 00:01\n海南省住房公积金管理局\n"
               "关于调整住房公积金贷款政策的通知\n各市县管理中心:\n现将有关事项通知如下:\n" + MEASURE)
    assert (doc.title, doc.doc_number, doc.date) == (
        "海南省住房公积金管理局关于调整住房公积金贷款政策的通知", "琼公积金贷〔2026〕10号", "2026-07-02")
    assert (doc.issuer, doc.region) == ("海南省住房公积金管理局", "海南省")


def test_a_date_in_brackets_under_the_title_when_nothing_is_signed():
    plan = "郑州市2023年重点工作任务分解方案\n(2023年2月10日)\n为抓好落实,制定本方案。\n" + MEASURE
    assert _doc(plan).date == "2023-02-10"
    assert _doc(plan + "\n郑州市人民政府\n2023年3月1日\n").date == "2023-03-01"  # a signature's date comes first


@pytest.mark.parametrize("number_line, number", [
    # a report's head: who signed it to the right of the number
    ("湘政发〔2023〕12号    签发人:张三", "湘政发〔2023〕12号"),
    ("湘政发〔2023〕12号 签发人:张三 李四", "湘政发〔2023〕12号"),
    # the number alone, as before
    ("湘政发〔2023〕12号", "湘政发〔2023〕12号"),
    # the signers printed first, the number after them: the spaces between them go, not the number
    ("签发人:张三    湘政发〔2023〕12号", "湘政发〔2023〕12号"),
    ("签发人:张三 李四 王五    湘政发〔2023〕12号", "湘政发〔2023〕12号"),
    ("签发人:张三    某政发〔2023〕12号", "某政发〔2023〕12号"),
    ("签 发 人:张三  湘政发 〔2023〕 12 号", "湘政发〔2023〕12号"),
    ("签发人:张三\n湘政发〔2023〕12号", "湘政发〔2023〕12号"),
    # with no space, the last name runs into the number's: it starts with the prefix of a region's numbers
    ("签发人:张三湘政发〔2023〕12号", "湘政发〔2023〕12号"),
    ("签发人:欧阳文华、李四湘政办发〔2023〕12号", "湘政办发〔2023〕12号"),
    # …and where that does not tell where it starts, no number rather than a wrong one
    ("签发人:张三某政发〔2023〕12号", None),
])
def test_the_number_beside_its_signer(number_line, number):
    doc = _doc("湖南省人民政府文件\n" + number_line + "\n湖南省人民政府关于促进消费的报告\n国务院:\n现将有关情况报告如下。\n"
               + MEASURE)
    assert doc.doc_number == number
    assert (doc.title, doc.issuer) == ("湖南省人民政府关于促进消费的报告", "湖南省人民政府")


@pytest.mark.parametrize("printed, signed", [
    ("二〇二三年五月六日", "2023-05-06"),
    ("二○二三年十二月三十一日", "2023-12-31"),
    # the 〇 typed as a Latin O (a full-width Ｏ folds to one) or as a zero
    ("二O二三年五月六日", "2023-05-06"),
    ("二Ｏ二三年五月六日", "2023-05-06"),
    ("二0二三年五月六日", "2023-05-06"),
    ("2023 年 5 月 6 日", "2023-05-06"),
])
def test_a_signing_date_as_printed(printed, signed):
    doc = _doc("关于促进消费的通知\n各县区:\n现将有关事项通知如下:\n" + MEASURE + "湖南省人民政府办公厅\n" + printed + "\n")
    assert (doc.issuer, doc.date) == ("湖南省人民政府办公厅", signed)


NOTICE = "各市州人民政府,省直有关单位:\n现将措施印发给你们,请认真贯彻执行。\n"


@pytest.mark.parametrize("head, title", [
    # the notice's own kind on a line of its own, after a line that ends as the title of what it issues
    ("湖南省人民政府办公厅\n关于印发湖南省促进消费\n扩大内需若干政策措施\n的通知",
     "湖南省人民政府办公厅关于印发湖南省促进消费扩大内需若干政策措施的通知"),
    ("关于印发湖南省促进消费\n扩大内需若干政策措施\n(试行)的通知", "关于印发湖南省促进消费扩大内需若干政策措施(试行)的通知"),
    # what the text is yet, in brackets on a line of its own, as a plan period is
    ("湖南省促进消费若干措施\n(试行)", "湖南省促进消费若干措施(试行)"),
    ("湖南省促进消费若干措施\n(征求意见稿)", "湖南省促进消费若干措施(征求意见稿)"),
    ("湖南省促进消费三年行动方案\n(2023—2025年)", "湖南省促进消费三年行动方案(2023—2025年)"),
    # a title that ends where it should takes nothing from the lines below
    ("湖南省人民政府办公厅关于印发湖南省促进消费若干措施的通知", "湖南省人民政府办公厅关于印发湖南省促进消费若干措施的通知"),
    ("湖南省人民政府办公厅关于印发湖南省促进消费若干措施的\n通知", "湖南省人民政府办公厅关于印发湖南省促进消费若干措施的通知"),
])
def test_a_title_over_several_lines(head, title):
    assert _doc(head + "\n" + NOTICE + MEASURE).title == title


@pytest.mark.parametrize("head, title", [
    # the number above a plan's title, a decree's and an announcement's 第N号, an attachment's label: none is part of it
    ("平顶山市人民政府办公室\n平政办〔2023〕12号\n平顶山市促进消费若干措施", "平顶山市促进消费若干措施"),
    ("天津市人民政府令\n第12号\n天津市促进消费若干规定", "天津市促进消费若干规定"),
    ("天津市人民政府令\n(第12号)\n天津市促进消费若干规定", "天津市促进消费若干规定"),
    ("附件1\n平顶山市促进消费若干措施", "平顶山市促进消费若干措施"),
    # short heading lines above a title still are
    ("平顶山市助企纾困\n激发市场主体活力若干措施", "平顶山市助企纾困激发市场主体活力若干措施"),
])
def test_a_line_that_numbers_the_document_is_not_part_of_its_title(head, title):
    assert _doc(head + "\n为促进消费,制定本措施。\n" + MEASURE).title == title


@pytest.mark.parametrize("footer, issuer, date", [
    # the signature on the date's line, and a date with a note of how it is published
    ("平顶山市人民政府办公室  2023年5月6日", "平顶山市人民政府办公室", "2023-05-06"),
    ("平顶山市人民政府办公室\n2023年5月6日(此件公开发布)", "平顶山市人民政府办公室", "2023-05-06"),
    ("平顶山市人民政府办公室\n2023年5月6日\n(此件公开发布)", "平顶山市人民政府办公室", "2023-05-06"),
    # the printing line signs nothing and dates nothing, on one line or two
    ("抄送:市委各部门,市人大常委会办公室。\n平顶山市人民政府办公室 2023年5月8日印发", None, None),
    ("抄送:市委各部门。\n平顶山市人民政府办公室\n2023年5月8日印发", None, None),
    ("平顶山市人民政府办公室\n2023年5月6日\n抄送:市委各部门。\n平顶山市人民政府办公室 2023年5月8日印发",
     "平顶山市人民政府办公室", "2023-05-06"),
])
def test_the_signature_and_its_date(footer, issuer, date):
    doc = _doc("关于促进消费的通知\n各县区:\n现将有关事项通知如下:\n" + MEASURE + footer + "\n")
    assert (doc.issuer, doc.date) == (issuer, date)


@pytest.mark.parametrize("head, footer, title, issuer", [
    # joint issuers each on a line of their own, heading the title or signing it (a bank's branch among them)
    ("中共平顶山市委办公室\n平顶山市人民政府办公室\n关于印发平顶山市促进消费若干措施的通知", "",
     "中共平顶山市委办公室平顶山市人民政府办公室关于印发平顶山市促进消费若干措施的通知", "中共平顶山市委办公室平顶山市人民政府办公室"),
    ("关于促进消费的通知", "平顶山市商务局\n中国人民银行平顶山市分行\n平顶山市财政局\n2023年5月6日",
     "关于促进消费的通知", "平顶山市商务局中国人民银行平顶山市分行平顶山市财政局"),
    # one line, as before
    ("中共平顶山市委办公室 平顶山市人民政府办公室关于印发平顶山市促进消费若干措施的通知", "",
     "中共平顶山市委办公室平顶山市人民政府办公室关于印发平顶山市促进消费若干措施的通知", "中共平顶山市委办公室平顶山市人民政府办公室"),
    # a site's name above its office's is no second issuer, nor is a sentence above the signature
    ("平顶山市人民政府\n平顶山市人民政府办公室\n关于印发平顶山市促进消费若干措施的通知", "",
     "平顶山市人民政府办公室关于印发平顶山市促进消费若干措施的通知", "平顶山市人民政府办公室"),
    ("关于促进消费的通知", "本通知自印发之日起施行。\n平顶山市商务局\n2023年5月6日", "关于促进消费的通知", "平顶山市商务局"),
])
def test_joint_issuers_on_lines_of_their_own(head, footer, title, issuer):
    doc = _doc(head + "\n各县区:\n现将有关事项通知如下:\n" + MEASURE + footer + "\n")
    assert (doc.title, doc.issuer, doc.region) == (title, issuer, "平顶山市")


def test_an_attachments_name_above_the_signature_is_no_issuer():
    # the attachment's name names the region too: its line is no part of the first signer's
    doc = _doc("关于发放旧房装修补贴的公告\n现将有关事项公告如下:\n" + MEASURE + "附件:南京市旧房装修补贴咨询服务窗口及电话\n"
               "南京市住房保障和房产局\n南京市财政局\n2025年2月15日\n")
    assert (doc.issuer, doc.date) == ("南京市住房保障和房产局南京市财政局", "2025-02-15")


def test_a_decrees_head_names_its_issuer():
    doc = _doc("天津市人民政府令\n第12号\n《天津市促进消费若干规定》已经市人民政府常务会议通过,现予公布,自2023年7月1日起施行。\n"
               "市长 张三\n2023年5月10日\n天津市促进消费若干规定\n" + MEASURE)
    assert (doc.title, doc.issuer, doc.region, doc.date) == ("天津市促进消费若干规定", "天津市人民政府", "天津市", "2023-05-10")


def test_a_line_of_organisations_names_is_no_title():
    # a record's source field (央行、银保监会) stands above its title field once the record is split
    doc = _doc("2023-01-05 00:00:00\n\n2023-01-05 00:00:00 | 央行、银保监会 | 建立首套住房贷款利率政策动态调整机制 | "
               "各银保监局:\n现就有关事项通知如下。\n" + MEASURE)
    assert doc.title == "建立首套住房贷款利率政策动态调整机制"


DECREE = "《天津市促进消费若干规定》已经市人民政府常务会议通过,现予公布,自2023年7月1日起施行。\n市长 张三\n2023年5月10日\n天津市促进消费若干规定\n" + MEASURE
ANNOUNCEMENT = "为促进消费,现将有关事项公告如下:\n" + MEASURE + "特此公告。\n天津市人民政府\n2023年5月10日\n"


@pytest.mark.parametrize("text, number", [
    # a decree's number under its head, as the decree is cited (天津市人民政府令第258号), in brackets or not
    ("天津市人民政府令\n第258号\n" + DECREE, "天津市人民政府令第258号"),
    ("天津市人民政府令\n(第258号)\n" + DECREE, "天津市人民政府令第258号"),
    ("天津市人民政府令  第258号\n" + DECREE, "天津市人民政府令第258号"),
    ("中华人民共和国国务院令\n第 700 号\n" + DECREE, "中华人民共和国国务院令第700号"),
    # an announcement's, with its year; square brackets as 〔〕
    ("天津市人民政府公告 2023年第5号\n" + ANNOUNCEMENT, "天津市人民政府公告2023年第5号"),
    ("天津市人民政府通告\n〔2023〕第5号\n" + ANNOUNCEMENT, "天津市人民政府通告〔2023〕第5号"),
    ("天津市人民政府通告\n[2023]第5号\n" + ANNOUNCEMENT, "天津市人民政府通告〔2023〕第5号"),
    ("天津市人民政府通告\n(2023年第5号)\n" + ANNOUNCEMENT, "天津市人民政府通告2023年第5号"),
    # the number line under the announcement's title names its issuers itself
    ("关于促进消费有关税费政策的公告\n财政部 税务总局 商务部公告2023年第70号\n" + ANNOUNCEMENT, "财政部税务总局商务部公告2023年第70号"),
    ("关于促进消费有关事项的公告\n中国人民银行公告〔2024〕第11号\n" + ANNOUNCEMENT, "中国人民银行公告〔2024〕第11号"),
    # a plan's place in a series of plans under its title is no number, nor is a decree cited in the body
    ("天津市促进消费若干措施\n(第1号)\n为促进消费,制定本措施。\n" + MEASURE, None),
    ("关于促进消费的通知\n各区人民政府:\n根据《天津市促进消费若干规定》(天津市人民政府令第258号),现将有关事项通知如下:\n" + MEASURE,
     None),
])
def test_a_decrees_or_an_announcements_number(text, number):
    assert _doc(text).doc_number == number


def test_an_announcements_head_with_its_number_on_the_same_line_is_read_as_on_two():
    one = _doc("天津市人民政府公告 2023年第5号\n" + ANNOUNCEMENT)
    two = _doc("天津市人民政府公告\n2023年第5号\n" + ANNOUNCEMENT)
    assert (one.doc_number, one.title, one.issuer) == (two.doc_number, two.title, two.issuer) == (
        "天津市人民政府公告2023年第5号", "天津市人民政府公告", "天津市人民政府")


NOTICE_HEAD = "关于促进消费的通知\n各县区:\n现将有关事项通知如下:\n" + MEASURE


@pytest.mark.parametrize("footer, issuer, date", [
    # a signing date printed with figures only, under the issuer's name or after it on its line
    ("湖南省人民政府办公厅\n2023.5.6", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省人民政府办公厅\n2023-05-06", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省人民政府办公厅\n2023/5/6", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省人民政府办公厅\n２０２３．５．６", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省人民政府办公厅  2023.5.6", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省人民政府办公厅\n2023.5.6(此件公开发布)", "湖南省人民政府办公厅", "2023-05-06"),
    ("湖南省商务厅\n湖南省财政厅\n2023.5.6", "湖南省商务厅湖南省财政厅", "2023-05-06"),
    # not a page's timestamp, a date in a sentence, a date under no issuer's name, nor one that is no day
    ("湖南省人民政府办公厅\n2023-05-06 10:11:03", None, None),
    ("本通知自2023.6.1起施行。", None, None),
    ("本通知自印发之日起施行。\n2023.6.1", None, None),
    ("湖南省人民政府办公厅\n2023.13.6", None, None),
    ("责任单位\t完成时限\n湖南省商务厅\t2023.12.31", None, None),  # a table's row: a deadline
])
def test_a_signing_date_printed_with_figures(footer, issuer, date):
    doc = _doc(NOTICE_HEAD + footer + "\n")
    assert (doc.issuer, doc.date) == (issuer, date)


def test_a_pages_date_above_the_text_is_no_signing_date():
    doc = _doc("湖南省人民政府办公厅\n2023-05-06\n关于促进消费的通知\n各县区:\n现将有关事项通知如下:\n" + MEASURE)
    assert doc.date is None


def test_a_signing_date_printed_with_figures_comes_before_a_date_under_the_title():
    plan = "郑州市2023年重点工作任务分解方案\n(2023年2月10日)\n为抓好落实,制定本方案。\n" + MEASURE
    assert _doc(plan + "郑州市人民政府\n2023.3.1\n").date == "2023-03-01"


@pytest.mark.parametrize("head, number, title", [
    # a site's headline with the number in brackets after the title, or on the line below it
    ("平顶山市商务局关于促进消费的通知(平商〔2023〕12号)", "平商〔2023〕12号", "平顶山市商务局关于促进消费的通知"),
    ("关于促进消费的通知（平商〔2023〕12号）", "平商〔2023〕12号", "关于促进消费的通知"),
    ("平顶山市商务局关于促进消费的通知\n(平商〔2023〕12号)", "平商〔2023〕12号", "平顶山市商务局关于促进消费的通知"),
    # a plan period in brackets stays the title's
    ("关于印发平顶山市促进消费三年行动方案(2023—2025年)的通知", None, "关于印发平顶山市促进消费三年行动方案(2023—2025年)的通知"),
])
def test_a_number_in_brackets_after_the_title_or_below_it_is_the_documents(head, number, title):
    doc = _doc(head + "\n各县区:\n现将有关事项通知如下:\n" + MEASURE)
    assert (doc.doc_number, doc.title) == (number, title)


def test_a_number_in_brackets_after_a_title_cited_in_the_preamble_is_not_the_documents():
    doc = _doc("关于促进消费的通知\n各县区:\n为贯彻落实《河南省人民政府关于促进消费的通知》(豫政〔2023〕5号)\n现将有关事项通知如下:\n"
               + MEASURE)
    assert doc.doc_number is None


@pytest.mark.parametrize("head", [
    # a site's headline with the number run onto the title's end, the title or the text on the next line
    "关于促进房地产市场平稳健康发展的通知》平商〔2023〕12号\n\n关于促进房地产市场平稳健康发展的通知\n为促进消费,现通知如下:",
    "关于促进房地产市场平稳健康发展的通知——平商〔2023〕12号\n关于促进房地产市场平稳健康发展的通知\n为促进消费,现通知如下:",
    "关于促进房地产市场平稳健康发展的通知》平商〔2023〕12号\n自即日起,在全市范围内发放消费券,具体事项如下",
])
def test_a_headline_that_ends_with_the_number_stands_on_its_own(head):
    doc = _doc(head + "\n" + MEASURE)
    assert (doc.doc_number, doc.title) == ("平商〔2023〕12号", "关于促进房地产市场平稳健康发展的通知")


@pytest.mark.parametrize("head, footer, issuer", [
    # an issuer printed with 等 and the others who issue with it, above the title or at its head
    ("平顶山市商务局等七部门\n关于促进消费的通知", "", "平顶山市商务局等七部门"),
    ("平顶山市商务局等\n关于促进消费的通知", "", "平顶山市商务局等"),
    ("平顶山市商务局等4部门关于促进消费的通知", "", "平顶山市商务局等4部门"),
    # where they sign the text, the signature names them all
    ("平顶山市商务局等2部门\n关于促进消费的通知", "平顶山市商务局\n平顶山市财政局\n2023年5月6日", "平顶山市商务局平顶山市财政局"),
    ("平顶山市商务局等2部门关于促进消费的通知", "平顶山市商务局\n平顶山市财政局\n2023年5月6日", "平顶山市商务局平顶山市财政局"),
])
def test_an_issuer_printed_with_the_others_who_issue_with_it(head, footer, issuer):
    doc = _doc(head + "\n各县区:\n现将有关事项通知如下:\n" + MEASURE + footer + "\n")
    assert (doc.issuer, doc.region, doc.level) == (issuer, "平顶山市", "city")


def test_a_list_that_ends_with_deng_above_a_date_is_no_issuer():
    doc = _doc(NOTICE_HEAD + "三、其他。鼓励企业发放消费券、购物卡等\n2023年5月6日\n")
    assert doc.issuer is None


@pytest.mark.parametrize("head, title", [
    # a title line below a title of its own is another's: the headline printed again, what the notice issues
    ("平顶山市促进消费若干措施\n平顶山市促进消费的若干政策措施", "平顶山市促进消费若干措施"),
    ("平顶山市促进\n消费的若干措施\n平顶山市促进消费的若干措施", "平顶山市促进消费的若干措施"),
    ("印发平顶山市促进消费若干措施的通知\n平顶山市促进消费若干措施", "印发平顶山市促进消费若干措施的通知"),
    # the rest of a title cut after a kind's word still is its rest
    ("平顶山市国民经济和社会发展第十四个五年规划\n和二〇三五年远景目标纲要", "平顶山市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
    ("平顶山市消费提振规划\n实施方案", "平顶山市消费提振规划实施方案"),
])
def test_a_title_line_below_a_whole_title_is_not_part_of_it(head, title):
    assert _doc(head + "\n为促进消费,制定本措施。\n" + MEASURE).title == title


@pytest.mark.parametrize("under_title, date", [
    # the day a plan was adopted, printed in brackets under its title, with the meeting that adopted it or without
    ("(2025年11月28日中国共产党平顶山市第七届委员会第十一次全体会议通过)", "2025-11-28"),
    ("(2023年2月10日)", "2023-02-10"),
    # a sentence in brackets that names a day is no such date
    ("(2025年11月28日前完成全部任务)", None),
])
def test_the_day_a_plan_was_adopted_under_its_title(under_title, date):
    doc = _doc("中共平顶山市委关于制定平顶山市国民经济和社会发展第十五个五年规划的建议\n" + under_title + "\n为促进发展,提出如下建议。\n"
               + MEASURE)
    assert doc.date == date


@pytest.mark.parametrize("head, title", [
    # a site's tag closed twice leaves its closing bracket before the title (【平顶山市】】关于…, the tag on its own line)
    ("平顶山市\n】关于促进消费的通知", "关于促进消费的通知"),
    ("平顶山市\n】平顶山市促进消费若干措施", "平顶山市促进消费若干措施"),
])
def test_a_stray_closing_bracket_before_the_title_is_not_part_of_it(head, title):
    assert _doc(head + "\n为促进消费,现将有关事项通知如下:\n" + MEASURE).title == title


@pytest.mark.parametrize("head, title", [
    # a title wrapped after a word that is also a kind (政策) goes on to the short line that says 的 and its kind
    ("关于扩大提取住房公积金支付购房首付款政策\n实施范围的通知", "关于扩大提取住房公积金支付购房首付款政策实施范围的通知"),
    # one that has said 的 and its kind is whole: the line below is another's
    ("关于促进消费的通知\n平顶山市促进消费的通知", "关于促进消费的通知"),
    # a title of its own below (关于…) is not its rest
    ("关于促进消费政策\n关于促进消费的通知", "关于促进消费政策"),
])
def test_a_title_wrapped_after_a_word_that_is_also_a_kind(head, title):
    assert _doc(head + "\n为促进消费,现将有关事项通知如下:\n" + MEASURE).title == title


@pytest.mark.parametrize("head, issuer", [
    # a headline without its issuer, and the title printed again broken after the issuer's 关于
    ("关于优化住房公积金提取政策的通知\n平顶山住房公积金管理中心关于\n优化住房公积金提取政策的通知", "平顶山住房公积金管理中心"),
    # the others who issue with it, named so
    ("关于优化住房公积金提取政策的通知\n平顶山市住房和城乡建设局等5部门关于\n优化住房公积金提取政策的通知",
     "平顶山市住房和城乡建设局等5部门"),
])
def test_an_issuer_on_the_line_above_the_title_with_its_guanyu(head, issuer):
    assert _doc(head + "\n为促进消费,现将有关事项通知如下:\n" + MEASURE).issuer == issuer


def test_the_federation_of_commerce_issues_with_ministries():
    doc = _doc("证监会国资委全国工商联\n关于进一步支持上市公司健康发展的通知\n为促进发展,现将有关事项通知如下:\n" + MEASURE)
    assert (doc.issuer, doc.level) == ("证监会国资委全国工商联", "national")


@pytest.mark.parametrize("signature, issuer", [
    # joint signers that print their level's word and no place sign together, as placed ones do
    ("市住房城乡建设管理委\n\n市房屋管理局\n\n市税务局\n\n2024年5月27日", "市住房城乡建设管理委市房屋管理局市税务局"),
    # a name of another level's word above is none of them
    ("三、其他。请遵照执行。\n县财政局\n市税务局\n2024年5月27日", "市税务局"),
])
def test_joint_signers_printed_without_their_place(signature, issuer):
    assert _doc("关于促进消费的通知\n为促进消费,现将有关事项通知如下:\n" + MEASURE + signature + "\n").issuer == issuer


SECOND_NOTICE = "关于调整住房公积金租房提取政策的通知\n为支持租房,现将有关事项通知如下:\n一、提高提取额度。每月可提取一次。\n"


@pytest.mark.parametrize("headline", [
    "关于实施多子女家庭住房公积金优惠政策的通知、关于调整住房公积金租房提取政策的通知",
    # (a page's 《A》、《B》 without its outer marks)
    "关于实施多子女家庭住房公积金优惠政策的通知》、《关于调整住房公积金租房提取政策的通知",
])
def test_a_headline_naming_two_documents_the_text_holds_one_after_the_other(headline):
    result = extract_bytes((headline + "\n关于实施多子女家庭住房公积金优惠政策的通知\n为支持多子女家庭,现将有关事项通知如下:\n"
                            + MEASURE + "平顶山住房公积金管理中心\n2023年4月19日\n" + SECOND_NOTICE).encode(), "doc.txt")
    assert result.document.title == "关于实施多子女家庭住房公积金优惠政策的通知"
    assert "the text holds a second document, from its title 《关于调整住房公积金租房提取政策的通知》 on" in result.warnings


def test_a_headline_naming_two_documents_whose_second_title_is_not_printed_alone():
    headline = "关于实施多子女家庭住房公积金优惠政策的通知、关于调整住房公积金租房提取政策的通知"
    result = extract_bytes((headline + "\n为支持多子女家庭,现将有关事项通知如下:\n" + MEASURE).encode(), "doc.txt")
    assert result.document.title == headline
    assert not any("second document" in w for w in result.warnings)
    assert any("names two documents" in w and "关于调整住房公积金租房提取政策的通知" in w for w in result.warnings)


@pytest.mark.parametrize("signature, issuer", [
    ("某市房地产业协会", "某市房地产业协会"),  # an association signs
    ("某市高新区管委会", "某市高新区管委会"),  # a committee's short name
    ("中国人民银行某市分行", "中国人民银行某市分行"),  # a bank's branch
    # an organisation that stamps for the signer below its name did not sign
    ("某市房地产工作领导小组办公室\n(某市住房和城乡建设局代章)", "某市房地产工作领导小组办公室"),
    ("某市房地产工作领导小组办公室\n某市住房和城乡建设委员会(代章)", "某市房地产工作领导小组办公室"),
    # the two run together on one line
    ("江门市房地产工作领导小组办公室江门市住房和城乡建设局(代章)", "江门市房地产工作领导小组办公室"),
    # ministries sign with a bank, each on a line of its own
    ("住房和城乡建设部\n财政部\n人民银行", "住房和城乡建设部财政部人民银行"),
])
def test_a_signer_whose_name_ends_as_no_heads_issuer_does(signature, issuer):
    doc = _doc("关于促进房地产市场平稳健康发展的通知\n各有关单位:\n现将有关事项通知如下。\n" + MEASURE
               + "本通知自印发之日起施行。\n" + signature + "\n2024年5月23日\n")
    assert (doc.issuer, doc.date) == (issuer, "2024-05-23")


def test_a_request_to_carry_it_out_above_the_date_signs_nothing():
    doc = _doc("关于促进房地产市场平稳健康发展的通知\n各有关单位:\n现将有关事项通知如下。\n" + MEASURE
               + "请遵照执行\n2024年5月23日\n")
    assert (doc.issuer, doc.date) == (None, "2024-05-23")


@pytest.mark.parametrize("head, title", [
    ("某市吸引集聚人才若干政策(试行)》某发〔2022〕12号\n", "某市吸引集聚人才若干政策(试行)"),
    ("某市优先选房操作规程(试行)》某房规〔2018〕4号\n", None),  # (规程 is no kind a title ends with)
    ("某市人民政府关于促进房地产市场平稳健康发展的若干意见\n》某政发〔2017〕23号\n", "某市人民政府关于促进房地产市场平稳健康发展的若干意见"),
])
def test_a_number_after_the_closing_mark_of_a_headline(head, title):
    doc = _doc(head + "为促进发展,制定本政策。\n" + MEASURE)
    assert doc.doc_number == head.split("》")[-1].strip()
    if title:
        assert doc.title == title


def test_a_sentence_citing_a_title_and_its_number_gives_no_number():
    doc = _doc("某市人才政策\n根据《某省人才政策》某发〔2022〕12号\n为促进发展,制定本政策。\n" + MEASURE)
    assert doc.doc_number is None


def test_a_headline_naming_two_documents_warns_when_the_second_is_not_printed_alone():
    result = extract_bytes(("关于促进消费的通知、关于稳定投资的通知\n为促进消费,制定本措施。\n" + MEASURE).encode(), "doc.txt")
    assert any("关于稳定投资的通知" in w for w in result.warnings)


def test_a_headline_naming_one_document_gives_no_such_warning():
    result = extract_bytes(("关于贯彻落实关于促进消费的意见的通知\n为促进消费,制定本措施。\n" + MEASURE).encode(), "doc.txt")
    assert not any("names two documents" in w for w in result.warnings)
