"""Quantified targets: each rule on a short text, and the scores of the shipped pipeline.

The rule tests call ``find_targets`` (one provision's text), ``package_year`` /
``document_year`` (a document's due years) and ``extract_text`` (the whole
pipeline, for tables, deadlines and scope). The score tests run
``extract_file`` (what ``policykg extract`` runs) on the sample corpus and on
the development set (tests/fixtures/dev: eleven documents from other
provinces, not written for this code) and compare with the gold files through
tests/fixtures/score.py: value + unit + due year, and "placed" on the right
provision. Timings are in bench/targets.py, not here.

Run ``python tests/test_targets.py [-v]`` for the per-document scores and, with
-v, every miss and false alarm.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from policykg.corpus import sample_corpus_files
from policykg.ingest.extract import extract_file, extract_text
from policykg.ingest.normalize import clean_document
from policykg.ingest.reading import DecodedText
from policykg.ingest.target_years import document_year, package_year
from policykg.ingest.targets import FoundTarget, find_targets, year_handed_down

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SETS = {
    "sample": (sample_corpus_files(), FIXTURES / "gold"),
    "dev": (sorted((FIXTURES / "dev" / "corpus").glob("*.txt")), FIXTURES / "dev" / "gold"),
}
MEASURES = ("targets", "targets.loose", "targets.placed")


# --- behaviour -----------------------------------------------------------------------


def _one(text: str, **kw) -> list[tuple[float, str, str, int | None]]:
    return [(t.value, t.unit, t.qualifier, t.year) for t in find_targets(text, **kw)]


def test_basic_sentence_with_year():
    text = "到2025年,全市服务业增加值年均增长6%以上,达到2500亿元左右,规模以上服务业企业数量超过650家。"
    got = find_targets(text)
    assert [(t.value, t.unit, t.qualifier, t.year) for t in got] == [
        (6, "%", "以上", 2025), (2500, "亿元", "左右", 2025), (650, "家", "超过", 2025)]
    assert got[0].metric == "服务业增加值年均增长"
    assert got[2].metric == "规模以上服务业企业数量"
    for t in got:
        assert text[t.start:t.end] == t.text
    assert got[1].text == "达到2500亿元左右"


def test_year_runs_through_a_list():
    got = _one("参与文旅“百企领航”培育计划,到2025年,培育2家领航型企业、3家骨干型企业、10家成长型企业。")
    assert got == [(2, "家", "达到", 2025), (3, "家", "达到", 2025), (10, "家", "达到", 2025)]


def test_year_across_semicolon_not_across_full_stop():
    got = _one("到2027年,企业牵头项目比例达到80%以上;为企业引进600名以上高层次人才。每年培育省级平台50家以上。")
    assert [(v, u, y) for v, u, _, y in got] == [(80, "%", 2027), (600, "名", 2027), (50, "家", None)]


def test_each_year_in_its_place():
    got = _one("到2025年,新能源产业营业收入达到500亿元,装机规模达到700万千瓦以上;到2027年,分别达到700亿元、800万千瓦。")
    assert [(v, u, y) for v, u, _, y in got] == [
        (500, "亿元", 2025), (700, "万千瓦", 2025), (700, "亿元", 2027), (800, "万千瓦", 2027)]


def test_year_handed_to_a_numbered_list():
    assert year_handed_down("(三)主要目标。到2025年,实现以下目标:") == 2025
    assert year_handed_down("(三)到2027年发展目标") == 2027
    assert year_handed_down("(三)工作目标。到2025年,培育2家企业。") is None
    text = "二、主要目标\n到2025年,主要目标是:\n规上工业企业达到500家。\n研发投入强度达到2.5%。"
    assert [(t.value, t.year) for t in find_targets(text)] == [(500, 2025), (2.5, 2025)]


def test_annual_rates_have_no_year():
    assert _one("每年培育省级首版次高端软件200个左右,全省软件业务收入年均增长10%以上。") == [
        (200, "个", "左右", None), (10, "%", "以上", None)]


def test_default_year_and_explicit_year():
    assert _one("全市水土保持率达到97.1%。", default_year=2023) == [(97.1, "%", "达到", 2023)]
    assert _one("到2026年年底,绿色贷款余额突破2.5万亿元。", default_year=2023) == [(2.5, "万亿元", "突破", 2026)]


def test_plan_period_gives_its_end_year():
    assert _one("“十四五”期间动态建设省级临床重点专科10个以上。") == [(10, "个", "以上", 2025)]


def test_names_are_not_targets():
    assert _one("围绕“231”产业体系,积极打造职教高地。") == []
    assert _one("加快5G、千兆光网等建设,优化5G基站布局。") == []
    assert _one("深入推进“十四五”省级服务业综合改革试点。") == []
    assert _one("严格落实国务院安委会15条和省委省政府“八抓20条”措施。") == []
    assert _one("评选表彰第九届全市道德模范,选树菏泽好人100名。") == [(100, "名", "达到", None)]


def test_ages_and_bands_are_not_targets():
    assert _one("到2025年,全市每千人口拥有3岁以下婴幼儿托位数4.8个。") == [(4.8, "个", "达到", 2025)]
    assert _one("加快30万千瓦以下低效煤电机组关停并转。") == []
    assert _one("全市年度用水总量控制在24.18亿立方米以内。") == [(24.18, "亿立方米", "以内", None)]


def test_thresholds_are_not_targets():
    assert _one("年均滚动实施投资500万元以上技改项目1万个左右。") == [(1, "万个", "左右", None)]
    assert _one("对总投资10亿元以上的入库项目,优先推荐纳入省市重点项目。") == []
    assert _one("到2025年,战略性新兴产业规模过1000亿元的集群1个,过100亿元的集群5个。") == [
        (1, "个", "达到", 2025), (5, "个", "达到", 2025)]
    assert _one("到2027年,全省检验检测机构营业收入超过1亿元的数量达到40家。") == [(40, "家", "达到", 2027)]
    assert _one("力争空气质量稳定退出全国168个城市的后20位。") == [(20, "位", "退出后", None)]


def test_existing_sets_are_not_targets():
    assert _one("发挥胶州、龙口、荣成、邹城、寿光5个\"千亿\"县(市)带动作用。") == []
    assert _one("以136个县(市、区)为主体,省级统筹、市负主责。") == []
    assert _one("充分发挥鲁西南大数据中心、现代医药港等6个省级数字经济园区示范引领作用。") == []
    assert _one("持续推进9个省级化工园区规范化建设。") == []
    assert _one("打造以济南、青岛、烟台3家国家级产业园为核心,24家省级产业园为主体的集聚发展模式。") == []


def test_category_counts_and_bare_chinese_numerals():
    assert _one("聚焦冶金等六大传统优势产业,编制三张清单,常态化举办国家省市县四级对接活动。") == []
    assert _one("筹划建设一所达到三级传染病医院建设标准的医疗机构。") == []
    assert _one("每市至少确定一个县域作为试点。") == [(1, "个", "不少于", None)]


def test_ranges_give_the_lower_bound():
    assert _one("优选30—50个项目作为典型示范案例进行复制推广。") == [(30, "个", "不少于", None)]
    assert _one("支持县区打造2—3个乡村振兴示范片区。") == [(2, "个", "不少于", None)]


def test_one_quantity_for_several_things():
    got = find_targets("到2027年,企业牵头实施重大科技项目比例、依托企业建设省级以上科技创新平台比例均达到80%以上。")
    assert [(t.value, t.metric) for t in got] == [
        (80, "企业牵头实施重大科技项目比例"), (80, "依托企业建设省级以上科技创新平台比例")]
    got = find_targets("每年新建改扩建幼儿园和中小学校各200所以上。")
    assert [(t.value, t.unit, t.qualifier) for t in got] == [(200, "所", "以上")] * 2
    got = find_targets("街道综合养老服务机构覆盖率、社区养老服务设施配建率达100%。")
    assert len(got) == 2 and {t.metric for t in got} == {"街道综合养老服务机构覆盖率", "社区养老服务设施配建率"}


def test_share_subject_numbers_are_description():
    got = _one("到2025年,90%以上县域形成1-2个产值百亿元以上、具有较强竞争优势的产业集群。")
    assert got == [(90, "%", "以上", 2025)]


def test_qualifier_precedence():
    assert _one("社会物流总费用占GDP比重下降至13.5%左右。")[0][2] == "下降至"
    assert _one("托盘标准化率提高至40%左右。")[0][2] == "左右"
    assert _one("力争为400余家企业提供转(续)贷50亿元以上。") == [(400, "家", "以上", None), (50, "亿元", "以上", None)]
    assert _one("配合省自然资源厅完成生态地质调查面积约1000平方公里。") == [(1000, "平方公里", "左右", None)]


def test_support_amounts_are_not_targets():
    assert _one("对新认定的省级工程研究中心,给予最高50万元奖励。") == []


@pytest.mark.parametrize("text", [
    # a housing-fund loan for each depositor, a purchase limit, a share of each project's funds, a design rule
    "住房公积金贷款最高额度调整为:单缴存职工72万元,双职工提高到80万元。",
    "非本市户籍居民家庭限购1套住房。",
    "符合条件的可在外环内增购1套住房。",
    "累计申请使用资金额度不得超过监管资金的70%。",
    "各类阳台投影面积之和不得超过户型面积的15%。",
    "公共走廊净宽不小于1.2米,车位配比调整为0.8个/户。",
    "保障性租赁住房项目建设规模原则上不少于30套。",
    "生育两个及以上子女的另加20万元。",
    "租房提取公积金执行每季度3000元。",
    # a loan ratio as a trigger, a clause saying when a rule applies, a class of dwellings by size
    "个贷率高于90%时,暂停受理异地贷款。",
    "网挂报价超过50%溢价率时,终止挂牌。",
    "对购买90平方米以上新建商品住房的个人,给予补贴。",
    "144平方米及以上的补贴50%。",
    # what one buyer may buy, what a talent or a graduate receives
    "符合条件的可在本市购买1套住房,组团购买10套及以上住房的给予优惠。",
    "博士40万元,硕士(高级技师及以上)25万元,本科(技师)12万元。",
])
def test_housing_rules_for_each_case_are_not_targets(text):
    assert _one(text) == []


@pytest.mark.parametrize("text", [
    # a statistics circular, a press release: past figures and their change
    "1—12月,全省完成房地产开发投资5427.83亿元,同比增长11.2%,较1—11月回落1.5个百分点。",
    "从贷款投向来看,个人住房贷款余额11671.46亿元,同比增长12.2%。",
    "普惠型小微企业贷款年化利率5.7%,较年初下降0.17个百分点。",
    "今年1-5月,中小银行累计处置不良贷款3943亿元,比上年同期多处置1072亿元。",
    # what has been done or holds now
    "2018年以来,人民银行共13次下调存款准备金率,释放长期资金10.8万亿元。",
    "目前,科创板、创业板上市公司家数分别超过400家、1100家。",
    "目前,各地持续打好保交房攻坚战,已交付住房338万套。",
])
def test_reported_results_are_not_targets(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, kw, expected", [
    # the same quantities as goals: a due year, a goal word or a bound a report does not print
    ("到2025年,全省完成房地产开发投资5427.83亿元,同比增长11.2%。", {},
     [(5427.83, "亿元", "达到", 2025), (11.2, "%", "达到", 2025)]),
    ("力争全年实际利用外资2100万美元左右,同比增长4%以上。", {},
     [(2100, "万美元", "左右", None), (4, "%", "以上", None)]),
    ("本年度住宅用地供应同比增长10%以上。", {}, [(10, "%", "以上", None)]),
    # a one-year package's own year is a due year
    ("2023年新增市场主体2万户,同比增长50%。", {"package_year": 2023},
     [(2, "万户", "达到", 2023), (50, "%", "达到", 2023)]),
    # what exists is not the goal; what is to be built after it is
    ("在已建成5个园区的基础上,到2027年新建20个园区。", {}, [(20, "个", "达到", 2027)]),
    # a report word in another item of the sentence (after ;) says nothing of this one
    ("首次登记办理时间压缩至1个工作日;对土地已分割登记的,可不再强制要求企业合宗登记。", {},
     [(1, "个工作日", "下降至", None)]),
])
def test_goals_beside_a_report_word_stay_targets(text, kw, expected):
    assert _one(text, **kw) == expected


@pytest.mark.parametrize("text", [
    # a provision headed as a review of a past period: what it achieved, in a plan for the next
    "“十四五”时期我省发展取得重大成就。“十四五”时期,高新技术企业达到3.5万家,电力总装机超过1亿千瓦。",
    "“十四五”时期深圳发展取得新进展新成效。现代服务业增加值占服务业增加值比重达76.5%。",
    "我国扩大内需已取得显著成效。最终消费支出占国内生产总值的比重连续11年保持在50%以上。",
    "2022年工作回顾。全年城镇新增就业10万人。",
])
def test_a_review_of_a_past_period_gives_no_targets(text):
    assert _one(text, default_year=2030) == []


@pytest.mark.parametrize("text, expected", [
    # a goal's heading, a heading that tells what a period is, and a goal cue inside a review
    ("科技创新取得新进展。高新技术企业达到5万家。", [(5, "万家", "达到", None)]),
    ("“十五五”时期是加快发展取得决定性进展的关键时期。到2030年高新技术企业达到5万家。", [(5, "万家", "达到", 2030)]),
    ("2022年工作回顾。全年新增就业10万人,力争2023年新增就业12万人。", [(12, "万人", "达到", 2023)]),
    # a first sentence with a comma is the text's own, no heading
    ("近年来,我市发展取得显著成效。到2025年高新技术企业达到5万家。", [(5, "万家", "达到", 2025)]),
])
def test_goals_beside_a_review_heading_stay_targets(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    # a count of a family's children or members defines which families a rule is for
    "多子女家庭指养育两个及以上子女且至少一个子女未成年(未满十八周岁)的家庭。",
    "是指养育两个及以上子女且至少一个子女未成年。",
    "生育二孩及以上家庭(至少有1个未成年子女)可申请。",
    "二孩及以上且其中至少一个为未成年人的家庭,可提取住房公积金。",
    "单身居民、2至3人家庭可申请两房户型。",
])
def test_a_familys_composition_is_not_a_target(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, expected", [
    ("为1000名未成年人提供心理健康服务。", [(1000, "名", "达到", None)]),
    ("全年帮扶困难家庭1000个,新增托位2000个。", [(1000, "个", "达到", None), (2000, "个", "达到", None)]),
])
def test_counts_of_children_or_families_to_serve_stay_targets(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a package of measures named by its count of articles
    ("用好用足金融支持房地产16条措施。", []),
    ("落实金融支持房地产发展16条及其延期政策。", []),
    ("从9个方面提出27条具体措施。", []),
    ("根据人才政策30条,给予购房补贴。", []),
    # things counted in 条 to build or open stay goals
    ("打造30条特色餐饮街区,开通35条多式联运示范线路。", [(30, "条", "达到", None), (35, "条", "达到", None)]),
])
def test_a_package_named_by_its_size_is_not_a_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    # who bears what share of each case's cost
    "所需资金市级承担30%,区(园区)承担70%。",
    "由市级财政和总部企业所在区各承担50%。",
    "购房优惠券面额为总价款的10%(其中政府、房地产开发企业各承担5%)。",
])
def test_a_cost_share_is_not_a_target(text):
    assert _one(text) == []


@pytest.mark.parametrize("text", [
    # the instalments a buyer of land pays its price in
    "原则上土地出让价款自成交之日起1个月内缴至不低于50%。",
    "竞得人可分期缴纳,3个月内缴至75%。",
    "余款50%在签订出让合同后1年内缴清。",
    "房地产开发企业在完成首期50%土地出让金付款后,可申请办理分证。",
])
def test_a_land_price_instalment_is_not_a_target(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, expected", [
    # money per year is each case's amount, as money per mu is; a capacity per year stays a goal
    ("租房提取额度为:单身职工21600元/年,夫妻双方43200元/年。", []),
    ("单人最高提取金额不超过2000元/年。", []),
    ("到2025年天然气外引能力达到200亿立方米/年。", [(200, "亿立方米/年", "达到", 2025)]),
])
def test_money_per_year_is_a_per_case_standard(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # what each depositor may withdraw from a housing fund, must keep in it, and how often
    ("单身职工每年提取金额不超过14400元;已婚职工家庭每年提取金额不超过20160元。", []),
    ("将租房月提取额从1200元/月统一提高至2000元/月,每年不超过24000元。", []),
    ("在中心城区租房,每月提取1500元,全年提取18000元。", []),
    ("家庭年度提取额不超过1.5万元。", []),
    ("每次提取后个人住房公积金账户余额不低于500元。", []),
    ("缴存职工每年度办理租房提取次数由一次提取调整为多次提取,每个月不超过一次。", []),
    # a fund's total, and a share, stay goals
    ("拓宽购房提取范围,预计全年公积金支持住房消费在170亿元左右。", [(170, "亿元", "左右", None)]),
    ("推广公积金直付房租新模式,租房提取额增长20%以上。", [(20, "%", "以上", None)]),
])
def test_a_housing_fund_withdrawal_is_a_per_case_amount(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the dwellings a family owns say which families a rule is for
    ("购房者名下有1套住房正在还贷,执行二套房贷款政策。", []),
    ("职工家庭在我市名下仅有1套住房,可申请公积金贷款。", []),
    ("新购房后,居民家庭在限购区域拥有自有产权住房总套数不超过3套。", []),
    ("提取人家庭名下住房套数未超过2套,缴存职工可申请提取。", []),
    # dwellings to buy, build or hand over stay goals; so does a count with no dwelling named
    ("首批推动收购1000套存量商品房作为保障性住房。", [(1000, "套", "达到", None)]),
    ("确保每个行政村至少有1套体育健身设施。", [(1, "套", "不少于", None)]),
])
def test_the_dwellings_a_family_owns_are_no_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the size a group purchase must reach to get its discount
    ("鼓励房地产开发企业面向社会公众开展商品住房团购(5套房屋及以上)活动。", []),
    ("面向社会公众组织开展团购优惠活动,团购5套以上即可享受优惠。", []),
    ("以企业为单位,月度团购商品房5套及以上,优惠总房价的5%。", []),
    # dwellings bought by group purchase as a goal stay
    ("首批推动团购1000套存量商品房作为安置房。", [(1000, "套", "达到", None)]),
])
def test_a_group_purchase_threshold_is_no_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the stage of a building (or of a case) at which a rule applies
    ("楼栋形象进度达70%后开始办理公积金贷款。", []),
    ("高层住宅单体工程主体完成50%即可申请住房公积金贷款。", []),
    ("在商品房规划建设总量完成80%前取得保障性住房竣工联合验收合格证。", []),
    ("取消楼栋建筑形象进度超过50%未办预售许可证下调销售均价限制。", []),
    # progress to reach stays a goal
    ("年底前项目形象进度达到70%。", [(70, "%", "达到", None)]),
    ("保交房项目年底前交付率完成80%以上,加快后续项目建设。", [(80, "%", "以上", None)]),
])
def test_a_stage_a_rule_applies_at_is_no_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the last of a list of ordinals
    ("本措施第1、2条补贴措施可同时适用。", []),
    ("上述第2、3项补贴,符合多项条件的购房家庭最多只能叠加享受两项。", []),
    ("“房13条”第6、8、9、10条坚持按需开方。", []),
    # a count after a list of ordinal phases stays
    ("完成第1、2期工程建设,新建保障性住房1000套。", [(1000, "套", "达到", None)]),
])
def test_a_list_of_ordinals_is_no_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a count after a list of examples of what is to be made is a goal
    ("发展“产业带+跨境电商”,打造智能家电、汽摩配件等30个跨境电商产业带。", [(30, "个", "达到", None)]),
    ("增设人才、交通运输、公积金等22个一类事专区。", [(22, "个", "达到", None)]),
    ("全年举办电视送岗、直播带岗、民营企业招聘周等60场以上。", [(60, "场", "以上", None)]),
    # a list the count restates, or one the clause does not make, stays dropped
    ("支持滨湖、经开等6个省级数字经济园区发挥示范引领作用。", []),
    ("打造智能家电、汽摩配件等2个产业带。", []),
    ("加快滨湖、经开等12个项目建设。", []),
])
def test_a_count_after_examples_of_what_is_made_is_a_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the discount each buyer gets
    ("个人购买新建商品房、地下车位在定价基础上优惠1%-3%。", []),
    ("房地产开发企业提供总房款减免优惠或1-3个点的折扣优惠。", []),
    ("活动期间按团购价购房,享受市场价折扣5%-20%优惠价格。", []),
    # a share a measure is to reach stays
    ("落实税费优惠政策,惠及企业数量增长20%以上。", [(20, "%", "以上", None)]),
])
def test_a_discount_is_a_per_case_parameter(text, expected):
    assert _one(text) == expected


def test_a_report_sentence_without_a_goal_cue_gives_nothing_even_in_its_year():
    assert _one("2023年新增市场主体2万户,同比增长50%。") == []


# a past figure and a goal: a plan gives the goal, a report neither
REPORT_BODY = "一、信贷投放\n前10个月,各项贷款新增17.9万亿元。到2025年,培育企业100家以上。\n"


@pytest.mark.parametrize("title", ["新闻发言人就信贷投放情况等答记者问", "关于2021年度全省房地产市场形势的通报",
                                   "住房公积金最新政策措施新闻发布会", "在全市经济工作会议上的讲话"])
def test_a_report_document_has_no_targets(title):
    assert _doc(f"{title}\n{REPORT_BODY}").targets == []


@pytest.mark.parametrize("head", [
    # a web feed's item under its time stamp, with no title of its own
    "2022-09-21 00:00:00\n2022-09-21 00:00:00|央行|回归本源全面提升金融服务实体经济效率和水平|",
    # a press conference's or an interview's title glued to the paragraph after it
    "“强信心亮举措促发展”主题系列第八场新闻发布会4月16日,市政府新闻办举行新闻发布会,介绍12条政策措施。",
    "中国银行保险报\n银保监会有关部门负责人接受记者采访回应六大问题7月17日,该负责人接受了记者采访。",
])
def test_a_feed_item_or_a_glued_report_title_has_no_targets(head):
    assert _doc(f"{head}\n{REPORT_BODY}").targets == []


@pytest.mark.parametrize("head", [
    # a printed date has no clock time; a plan's first paragraph may name a press conference after its first clause
    "关于印发某市促进消费若干措施的通知\n2023-01-05",
    "4月16日,市政府新闻办举行新闻发布会,介绍12条政策措施。",
])
def test_a_plan_near_a_report_word_keeps_its_targets(head):
    assert [(t.value, t.unit) for t in _doc(f"{head}\n{REPORT_BODY}").targets] == [(17.9, "万亿元"), (100, "家")]


@pytest.mark.parametrize("title", ["某市住房公积金提取管理办法", "关于印发《某市新建商品房预售资金监管办法》的通知",
                                   "某市购房补贴兑付实施细则(试行)", "某市户口迁入暂行规定", "关于调整住房公积金贷款相关规定的通知"])
def test_an_ordinance_has_no_targets(title):
    body = "一、额度\n累计申请使用资金额度不超过监管资金的50%。到2025年,培育企业100家以上。\n"
    assert _doc(f"{title}\n{body}").targets == []


@pytest.mark.parametrize("title", ["关于印发某市促进消费若干措施的通知", "某市扩大内需三年行动方案(2023—2025年)",
                                   "关于加快发展保障性租赁住房的实施意见", "某市2023年国民经济和社会发展计划",
                                   # a page's label above the title is not the document's kind
                                   "全市经济工作会议\n关于印发某市促进消费若干措施的通知"])
def test_a_plan_keeps_its_targets(title):
    assert [(t.value, t.unit) for t in _doc(f"{title}\n{REPORT_BODY}").targets] == [(17.9, "万亿元"), (100, "家")]


@pytest.mark.parametrize("text", [
    # a modal before the quantity in its clause: what each case may or must
    "对无违规的优质房地产企业,重点监管资金比例可降低15%。",
    "县城新建住宅以6层为主,6层及以下住宅占比应不低于75%。",
    "每位申请人只能享有1辆车的补贴。",
    # a goal word after the modal is part of the duty
    "单个城中村改造项目应当确保至少达成5%比例的建设量。",
    "出售旧房必须为转让房屋100%的产权份额。",
    # a condition clause (…的,) before it: what the case gets
    "购买新建商品住房建筑面积144平方米(含)以上的,发放价值20000元消费券。",
    "对满足团购条件购房的(一次性购买10套以上等),在原明码标价基础上再下降不超过8个点。",
    # a threshold clause ending in 时 before it: what the case gets when a rate crosses the threshold
    # a clause with no subject of its own after a clause naming a parameter
    "对单缴存职工申请住房公积金个人住房贷款的最高贷款额度,分别提高至45万元、50万元。",
    "个人住房贷款的最高贷款额度提高至80万元,多子女家庭可在此基础上上浮20万元,即100万元。",
    "个贷率<75%时,流动性调节额度为10万元。",
    "100%<个贷率时,流动性调节额度为-20万元。",
    # the new value of a changed rule
    "首套住房商业性个人住房贷款最低首付款比例由原不低于25%,调整为不低于20%。",
    "夫妻双方缴存住房公积金的,贷款保底额度由20万元提高至25万元。",
    "监管资金拨付节点由6个调至8个。",
    "其中7县(市)上调10万元,其余10县上调5万元。",
    "装配式建筑比例由30%调减为20%。",
    "将固定基础额度设定为60万元。",
    # what a parameter is: a value right after 为 that ends its clause
    "对可贷额度较低的职工家庭设置保底额度,金额为20万元。",
    "第三档,哈尔滨市各县(市)为1910元。",
    "每套享受财政补贴1万元,补贴套数为2000套。",
    "首套住房商业贷款月供比下限为45%(含公积金贷款)。",
    "2022年6月30日至2022年12月31日期间,购房月供比下限为45%。",
    "定向范围为2018年至2020年发放的存量贷款,定量金额为2亿元。",
    "新购的独栋商品住宅,免税面积为100平方米。",
])
def test_per_case_rules_in_a_plan_are_not_targets(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, expected", [
    # the same shapes with a goal cue before the quantity, or stated as a goal
    ("力争重点监管资金比例可降低15%。", [(15, "%", "下降", None)]),
    ("到2027年,6层及以下住宅占比应不低于75%。", [(75, "%", "不少于", 2027)]),
    ("到2025年,城镇化率由2020年的55%提高到60%。", [(60, "%", "达到", 2025)]),
    ("城镇化率由2020年的55%提高到60%。", [(60, "%", "达到", None)]),
    ("确保符合条件的,全年新增保障性租赁住房2000套。", [(2000, "套", "达到", None)]),
    ("确保全市城中村改造项目应达成5%比例的建设量。", [(5, "%", "达到", None)]),
    # a goal raises or lifts to
    ("城镇居民人均可支配收入增长10%,农村居民人均可支配收入提升至2万元。", [(10, "%", "达到", None), (2, "万元", "达到", None)]),
    # a subjectless clause after one that names no parameter
    ("新建保障性租赁住房项目,力争达到2000套。", [(2000, "套", "达到", None)]),
    ("推进城中村改造,分别新增安置房1万套、5000套。", [(1, "万套", "达到", None), (5000, "套", "达到", None)]),
    # a span of dates is no horizon: "6月30日至2022年12月31日期间…,下限为4.25%" is a rule
    ("到2025年,城镇化率由2020年的55%提高到60%。", [(60, "%", "达到", 2025)]),
    # a value after 为 with a goal cue, or 为 in another word
    ("2023年主要预期目标是:地区生产总值增速为7%。", [(7, "%", "达到", 2023)]),
    ("确定全市新建商品住房销售价格涨幅控制目标为7%。", [(7, "%", "达到", None)]),
    ("开展招聘活动,为2万家次企业解决用工需求。", [(2, "万家次", "达到", None)]),
    # 时 in another word ends no threshold clause
    ("加快养老机构建设的同时,新增护理型床位1000张。", [(1000, "张", "达到", None)]),
    # a modal inside another word is none ("可再生", "应急", "可支配")
    ("城镇居民人均可支配收入增长10%。", [(10, "%", "达到", None)]),
    ("到2025年可再生能源发电装机达到5500万千瓦以上。", [(5500, "万千瓦", "以上", 2025)]),
    ("应急避难场所建设面积人均不低于1.5平方米。", [(1.5, "平方米", "不少于", None)]),
    # a process time cut to is a goal whatever the rule shape around it
    ("取得国有建设用地使用权的,把首次登记办理时间压缩至1个工作日。", [(1, "个工作日", "下降至", None)]),
    ("全流程审批时限从63个工作日缩减至49个工作日。", [(49, "个工作日", "达到", None)]),
])
def test_rule_shaped_goals_stay_targets(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the words that make one value a rule stand before the whole list
    ("重点监管资金余额分别不低于监管额度的40%、30%、20%。", []),
    ("上年度市值达到500亿元、100亿元、10亿元的企业董事长,可直接认定为高层次人才。", []),
    # a list of goals stays one
    ("到2027年,新能源产业营业收入、装机规模分别达到700亿元、800亿元。", [(700, "亿元", "达到", 2027), (800, "亿元", "达到", 2027)]),
    ("全年新增托位30万个、5万个。", [(30, "万个", "达到", None), (5, "万个", "达到", None)]),
])
def test_a_bare_list_of_values_shares_a_rule(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    # a rank picks the cases a rule is for: people, firms, schools or dwellings first in a ranking or in order
    "毕业于国际知名的三大世界大学排名最新前100名学校的博士。",
    "对完成工业增加值增速高、增量大的前5名企业,每户奖励20万元。",
    "对全省主营业务收入前900家工业企业、前600家服务业企业实行实名制帮扶。",
    "活动期间,前900名住宅购房者凭网签合同,可领取2000元消费券。",
    "购房补贴仅限政策执行之日起符合条件的前500套商品住宅。",
    # a date that 止 or 结束 ends is a span, not a horizon that makes it a goal
    "自方案发布之日起至2023年6月30日止,前200名在本区购买新建商品房的购房人可领取奖励。",
    "自2024年12月1日起至2025年2月28日(17:30结束),前100名购买新建商品房住宅的消费者。",
])
def test_a_rank_is_not_a_target(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, expected", [
    # the same count as a goal: a goal cue, a 前 that ends a date, or a count of things to get done
    ("力争进入全国前10名。", [(10, "名", "达到", None)]),
    ("到2025年,本市高校进入全国前10名。", [(10, "名", "达到", 2025)]),
    ("年底前1000家企业完成数字化改造。", [(1000, "家", "达到", None)]),
    ("年底前实现使用频率最高的前100项电子证照证明全面应用。", [(100, "项", "达到", None)]),
    # a horizon with no 止 after it still makes a rule-shaped quantity a goal
    ("到2027年,全市新建住宅中装配式建筑占比应不低于40%。", [(40, "%", "不少于", 2027)]),
])
def test_a_goal_beside_a_rank_word_stays_a_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    # a building's or a sign's dimensions in planning rules: what each one may measure
    "结构净高不超过2.10米且进深不超过0.80米的全采光住宅建筑飘窗不计算计容建筑面积。",
    "公共开放空间要求在本楼层集中设置,开敞面累计长度不小于周长40%。",
    "住宅建筑下面在室外地坪以上部分的高度不超过1.5米、用于储藏功能的住宅地下室不计容。",
    "允许商品房项目在红线范围内设置临时户外广告,高度不超过5米。",
    "不再要求窗台高度不小于0.45米。",
])
def test_building_dimensions_are_not_targets(text):
    assert _one(text) == []


@pytest.mark.parametrize("text, expected", [
    # lengths and areas to build stay goals
    ("到2025年,新建城市绿道500公里以上。", [(500, "公里", "以上", 2025)]),
    ("全年新建改建农村公路3000公里。", [(3000, "公里", "达到", None)]),
    ("到2025年,人均公园绿地面积达到15平方米。", [(15, "平方米", "达到", 2025)]),
])
def test_lengths_and_areas_to_build_stay_targets(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text", [
    # the budget of a measure, what it may pay out in all, and a coupon's face value
    "对购买新建商品房住宅的活动对象,每套发放10万元消费券。消费券活动总额1100万元。",
    "消费券活动总额不超过1200万元。",
    "发放1000份商家消费券,每份500元,消费券总额度50万元,先领先得,发完即止。",
])
def test_a_measures_budget_is_not_a_target(text):
    assert [t for t in _one(text) if t[1].endswith("元")] == []


@pytest.mark.parametrize("text, expected", [
    # money to spend or to reach as a goal stays one
    ("全年发放超1000万元体育消费券。", [(1000, "万元", "超过", None)]),
    ("到2025年,社会消费品零售总额突破3万亿元。", [(3, "万亿元", "突破", 2025)]),
])
def test_a_total_to_reach_stays_a_target(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a count right after a dwelling type lists the stock a sale offers
    ("本次配售房源共566套,其中:两房户型153套,建筑面积约71平方米;三房户型413套,建筑面积约86平方米。", []),
    # what is built stays a goal
    ("到2025年,建设小户型保障性租赁住房1000套。", [(1000, "套", "达到", 2025)]),
    ("全年新增两房户型人才住房2000套。", [(2000, "套", "达到", None)]),
])
def test_a_sales_listing_by_dwelling_type_is_not_a_target(text, expected):
    assert _one(text) == expected


def test_an_aggregate_housing_goal_stays_a_target():
    assert _one("到2025年,全市新建保障性租赁住房5万套。") == [(5, "万套", "达到", 2025)]
    assert _one("确保至2035年全市常住人口人均住房面积达到40平方米以上。") == [(40, "平方米", "以上", 2035)]
    assert _one("支持各类市场主体购买3万套库存商品住房作为租赁住房。") == [(3, "万套", "达到", None)]


def test_baseline_year_is_not_the_due_year():
    assert _one("单位地区生产总值能耗比2020年下降14.5%。") == [(14.5, "%", "下降", None)]
    assert _one("2024年底前完成100个老旧小区改造。") == [(100, "个", "达到", 2024)]
    assert _one("到2035年,人均GDP达到1万美元。") == [(1, "万美元", "达到", 2035)]


def test_existing_state_and_document_structure_are_not_targets():
    assert _one("目前全市已建成省级园区5个,去年增长了8%。") == []
    assert _one("《分工方案》将《政府工作报告》分解为五个方面79项重点工作任务。") == []
    assert _one("今年是中华人民共和国成立75周年。") == []
    assert _one("各牵头单位于2025年2月5日前将方案报市政府督查室,3个工作日内办结。") == []


def test_money_thresholds_and_magnitude_words():
    assert _one("对年营业收入500万元以上的企业优先支持。") == []
    assert _one("实施5000万元以上项目100个,新签约千万元以上项目50个。") == [
        (100, "个", "达到", None), (50, "个", "达到", None)]
    assert _one("全年完成投资50亿元。") == [(50, "亿元", "达到", None)]
    assert _one("研发投入占比超过3%的企业达到100家。") == [(100, "家", "达到", None)]


def test_number_forms():
    assert _one("支持1至2个县区创建示范县,每个县(市)重点打造1~2个知名商圈。") == [
        (1, "个", "不少于", None), (1, "个", "不少于", None)]
    assert _one("力争到2025年,全市高新技术企业达到1,000家以上。") == [(1000, "家", "以上", 2025)]
    assert _one("新增规上企业超100家,近200个项目开工。") == [(100, "家", "超过", None), (200, "个", "左右", None)]
    assert _one("PM2.5平均浓度控制在38微克/立方米以下。") == [(38, "微克/立方米", "以内", None)]
    assert _one("新建5G基站1万个,提高5个百分点。") == [(1, "万个", "达到", None), (5, "个百分点", "达到", None)]


@pytest.mark.parametrize("text, metric, qualifier", [
    # the bound or level the qualifier gives is not part of what is measured
    ("将工程建设项目审批平均时限压缩至30个工作日以内。", "将工程建设项目审批平均时限", "下降至"),
    ("原则上担保业务平均费率不超过1.5%。", "原则上担保业务平均费率", "以内"),
    ("到2025年底农村生活垃圾收运处置体系自然村(组)覆盖率超99%。", "农村生活垃圾收运处置体系自然村(组)覆盖率", "超过"),
    ("确保粮食总产量持续稳定在650亿公斤以上。", "粮食总产量", "以上"),
    ("发热门诊(诊室)数量扩充至80个以上。", "发热门诊(诊室)数量", "以上"),
    ("组织超50家企业参加重点国际性展会。", "组织企业参加重点国际性展会", "超过"),
    ("项目土地规模高于50亩低于100亩(含100亩)的给予20万元奖励。", "项目土地规模", "超过"),
    # a change the goal measures stays, and so does 人均 (per head)
    ("常住人口城镇化率提高0.7个百分点。", "常住人口城镇化率提高", "达到"),
    ("力争到2025年省辖市主城区应急避难场所建设面积人均不低于1.5平方米。", "省辖市主城区应急避难场所建设面积人均", "不少于"),
    ("各县城区人均公园绿地面积均达到12平方米。", "各县城区人均公园绿地面积", "达到"),
])
def test_the_metric_leaves_out_the_bound_before_the_number(text, metric, qualifier):
    got = find_targets(text)
    assert [(t.metric, t.qualifier) for t in got] == [(metric, qualifier)]


def test_a_goal_that_names_only_its_bound_measures_what_the_one_before_does():
    got = find_targets("原则上担保业务平均费率不超过1.5%,并逐步降低至1%以下。")
    assert [t.metric for t in got] == ["原则上担保业务平均费率", "原则上担保业务平均费率"]


@pytest.mark.parametrize("text, expected", [
    # a responsibility clause before the sentence, the tail of a note the separators cut: neither text nor metric
    ("(责任单位:省经济和信息化厅)新培育认定500家以上省级大数据企业,各地可对首次认定的给予一次性奖补。",
     ("新培育认定500家以上省级大数据企业", "新培育认定省级大数据企业")),
    ("(责任单位:省发展改革委)推出PPP标杆项目10个以上。", ("推出PPP标杆项目10个以上", "PPP标杆项目")),
    # a bracket closed within the clause stays
    ("新建(改建)养老服务中心20个。", ("新建(改建)养老服务中心20个", "新建(改建)养老服务中心")),
])
def test_a_target_starts_after_a_bracket_it_does_not_open(text, expected):
    got = find_targets(text)
    assert [(t.text, t.metric) for t in got] == [expected]
    assert text[got[0].start:got[0].end] == got[0].text


@pytest.mark.parametrize("text, expected", [
    # a strict bound before the number
    ("新增新型政银担业务放款1200亿元以上,平均担保费率低于1%。", [(1200, "亿元", "以上", None), (1, "%", "以下", None)]),
    ("城镇调查失业率低于5.5%。", [(5.5, "%", "以下", None)]),
    ("确保项目出租率不足60%的问题全部整改。", [(60, "%", "以下", None)]),
    # ...only right before it
    ("力争社会物流总费用与地区生产总值比率低于全国平均水平1个百分点左右。", [(1, "个百分点", "左右", None)]),
    # its 不 forms keep their own qualifier
    ("确保中小企业比例不低于50%。", [(50, "%", "不少于", None)]),
    ("口袋公园面积不小于2000平方米。", [(2000, "平方米", "不少于", None)]),
    ("商品房去化周期不大于18个月,空置率不大于10%。", [(10, "%", "以内", None)]),
])
def test_a_strict_bound_before_the_number_is_the_qualifier(text, expected):
    assert _one(text) == expected


def test_a_bound_before_a_bare_list_holds_for_each_value():
    assert _one("培育不少于30家、50家企业。") == [(30, "家", "不少于", None), (50, "家", "不少于", None)]
    assert [q for _, _, q, _ in _one("A、B、C的覆盖率分别不低于40%、60%和80%。")] == ["不少于"] * 3
    # a bound after a value is that value's own
    assert _one("建成20个以上、30家企业。") == [(20, "个", "以上", None), (30, "家", "达到", None)]


def test_offsets_point_at_the_text():
    text = ("(三)工作目标。\n到2025年,新能源产业营业收入达到500亿元,装机规模达到700万千瓦以上;"
            "到2027年,分别达到700亿元、800万千瓦。")
    got: list[FoundTarget] = find_targets(text)
    assert len(got) == 4
    for t in got:
        assert text[t.start:t.end] == t.text
    assert [t.metric for t in got] == ["新能源产业营业收入", "装机规模", "新能源产业营业收入", "装机规模"]
    assert got[2].text == "到2027年,分别达到700亿元、800万千瓦"


# --- the due year of a goal ----------------------------------------------------------


def _years(text: str, **kw) -> list[tuple[float, int | None, str]]:
    return [(t.value, t.year, t.year_basis) for t in find_targets(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    # a date closed by 底/末/前 is a deadline: its year is the due year, not the one of the clause before
    ("2024年底实现保交房项目交付率完成80%以上,2025年12月底前完成交付率90%以上。",
     [(80, "%", "以上", 2024), (90, "%", "以上", 2025)]),
    ("2024年底新增托位1000个,2025年6月30日前新增托位2000个。", [(1000, "个", "达到", 2024), (2000, "个", "达到", 2025)]),
    # a date that opens a span or a clause names no due year
    ("自2023年1月1日起,全年新增托位1000个。", [(1000, "个", "达到", None)]),
])
def test_a_dated_deadline_gives_its_year(text, expected):
    assert _one(text) == expected


def test_a_list_of_years_pairs_with_the_values_it_lists():
    got = find_targets("到2023年、2024年、2025年,全市数字化转型企业比例分别达到50%、60%、70%。")
    assert [(t.value, t.year, t.year_basis, t.metric) for t in got] == [
        (50, 2023, "stated", "数字化转型企业比例"), (60, 2024, "stated", "数字化转型企业比例"),
        (70, 2025, "stated", "数字化转型企业比例")]
    got = find_targets("新建保障性住房占目标数的比例2022、2023、2024、2025年末分别达到40%、60%、80%和100%。")
    assert [(t.value, t.year) for t in got] == [(40, 2022), (60, 2023), (80, 2024), (100, 2025)]
    assert {t.metric for t in got} == {"新建保障性住房占目标数的比例"}
    assert [(t.value, t.year, t.metric) for t in find_targets("2024年和2025年分别新增企业50家、80家。")] == [
        (50, 2024, "新增企业"), (80, 2025, "新增企业")]
    # as many years as values, or the years are not paired
    assert [(t.value, t.year) for t in find_targets("到2024年、2025年,A、B、C分别达到5家、6家、7家。")] == [
        (5, 2025), (6, 2025), (7, 2025)]


def test_a_one_year_package_gives_its_year_to_yearless_goals():
    assert _years("新增上市企业30家以上。", package_year=2023) == [(30, 2023, "package")]
    assert _years("到2025年,新增上市企业30家以上。", package_year=2023) == [(30, 2025, "stated")]


def test_this_year_words_mean_the_documents_year():
    for text in ("年底前使用进度达到70%以上。", "全年新开工重点项目2600个以上。", "四季度原煤产量3500万吨左右。",
                 "年内建设不少于200个消费者权益服务站。", "预计本年度改造完成保障性住房2000套。"):
        assert [y for _, y, _ in _years(text, document_year=2022)] == [2022], text
        assert [y for _, y, _ in _years(text)] == [None], text


def test_a_half_or_a_quarter_of_the_year_is_due_in_the_documents_year():
    for text in ("确保工业投资上半年完成1600亿元。", "下半年新增市场主体1000户以上。", "前三季度新增城镇就业5000人。",
                 "今年一季度实现签约项目开工率达到70%。"):
        assert [y for _, y, _ in _years(text, document_year=2022)] == [2022], text
    # another year's half is not the document's
    assert [y for _, y, _ in _years("明年上半年新增市场主体1000户以上。", document_year=2022)] == [None]
    # nor is a span of years
    assert [y for _, y, _ in _years("引进半年内,新增科研平台10个。", document_year=2022)] == [None]
    assert [y for _, y, _ in _years("签约后一年内新增产值10亿元。", document_year=2022)] == [None]
    assert [t.metric for t in find_targets("上半年新增市场主体1000户以上。", document_year=2022)] == ["新增市场主体"]


def test_recurring_or_open_ended_goals_take_no_package_year():
    assert _years("每年资助培养社会工作督导员50名。", package_year=2023) == [(50, None, "none")]
    assert _years("并逐步降低至1%以下。", package_year=2023) == [(1, None, "none")]
    assert _years("全市软件业务收入年均增长10%以上。", package_year=2023) == [(10, None, "none")]
    assert _years("带动未来五年制造业投资1000亿元以上。", package_year=2023) == [(1000, None, "none")]


def test_a_baseline_year_is_not_the_due_year():
    assert _years("2023年新增小微企业首贷户数量高于2022年,小微企业续贷累放金额同比增长20%。",
                  package_year=2023) == [(20, 2023, "stated")]


def _doc(text: str):
    return extract_text(DecodedText(text, "utf-8", False), "t.txt")


def _package(text: str, signed: date | None = None) -> int | None:
    clean = clean_document(text).text
    return package_year(clean, clean.find("一、"), signed)


def test_package_year_from_the_title_or_the_term():
    assert _package("菏泽市2023年重点工作任务\n一、目标\n培育企业10家。") == 2023
    assert _package("关于2023年稳经济的若干措施\n一、目标\n培育企业10家。") == 2023
    assert _package("市政府工作报告重点工作责任分解(2023年)\n一、目标\n培育企业10家。") == 2023
    term = "若干措施\n一、目标\n培育企业10家。\n以上政策措施自公布之日起实施,有效期至2022年12月31日。"
    assert _package(term, date(2022, 10, 1)) == 2022
    # signed in December of the year before: it runs for more than a year
    assert _package(term.replace("2022年12月31日", "2023年12月31日"), date(2022, 12, 13)) is None
    # one measure's own term is not the package's
    assert _package("若干措施\n一、目标\n将碳减排支持工具实施期限延长至2024年12月31日。", date(2023, 7, 1)) is None


def test_a_multi_year_plan_has_no_package_year():
    plan = "河南省实施扩大内需战略三年行动方案\n(2023—2025年)\n一、目标\n培育企业10家。"
    assert _package(plan, date(2023, 6, 30)) is None
    assert _package("关于到2025年建成强省的实施意见\n一、目标\n培育企业10家。", date(2023, 1, 5)) is None
    doc = _doc(plan + "到2025年,全省高新技术企业达到1000家。\n(省科技厅牵头负责)")
    assert [(t.value, t.year, t.year_basis) for t in doc.targets] == [(10, None, "none"), (1000, 2025, "stated")]


def test_document_year():
    assert document_year("…", date(2022, 10, 1), None) == 2022
    assert document_year("…", date(2022, 12, 13), 2023) == 2023
    assert document_year("加快印发《实施方案(2023-2025年)》,办好2023年锦标赛。", None, None) == 2023


# --- what is not a goal -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("例:甲于2023年6月30日出售1套自有住房,须在2024年6月30日前购买1套新建商品住房,才可享受补贴。", []),
    ("以总价100万元房源为例,首付款可由20万元降至15万元,首期资金支付压力立减5万元。", []),
    ("如:某企业新建厂房2万平方米。", []),
    # the goal before the example stays; 比例如下 is no example
    ("全市新建保障性住房1000套,例如,某区建成300套。", [(1000, "套", "达到", None)]),
    ("各县分配比例如下:全市新建保障性住房1000套。", [(1000, "套", "达到", None)]),
])
def test_a_worked_example_sets_no_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("房票结算资金6个月内拨付到位(7个工作日内支付20%,1个月内再支付30%,6个月内再支付50%)。", []),
    ("购房补贴分10年发放(首次发放30%,第2至第5年每年发放10%)。", []),
    ("主体结构完成一半累计拨付金额不超过35%。", []),
    ("结算不少于房票面值的30%。", []),
    # a share of the whole sum paid out by a date is a goal
    ("年底前支付进度达到80%以上。", [(80, "%", "以上", None)]),
    ("资金拨付率达到90%。", [(90, "%", "达到", None)]),
    ("中央预算内投资项目年底前支付资金100%以上。", [(100, "%", "以上", None)]),
])
def test_a_payment_stage_is_not_a_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("建设体量在5万平方米以上的房地产开发项目,可办理分期验收。", []),
    ("设备平台水平投影面积不大于4.5平方米的不计入容积率。", []),
    ("沿30米以上城市道路的庭院不得设置实体围墙。", []),
    ("改造规模不小于3公顷的产业园区,其配套设施统一规划。", []),
    ("面积约130至185平方米的产权型人才公寓。", []),
    # a bounded area that ends its phrase is a goal
    ("全年粮食播种面积1亿亩以上、产量820亿斤以上。", [(1, "亿亩", "以上", None), (820, "亿斤", "以上", None)]),
    ("新发展蔬菜制种基地面积1万亩以上。", [(1, "万亩", "以上", None)]),
])
def test_a_bounded_size_before_what_it_qualifies_defines_a_class(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("发布时间:2022-05-20 18:48 阅读:188次", []),
    ("来源:住房和城乡建设厅 浏览次数:958次 字号:[小中大]", []),
    ("全年开展县外推介促销不少于2次。", [(2, "次", "不少于", None)]),
])
def test_a_web_pages_counter_is_not_a_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("占比低于10%(不含)的均不得分,占比10%—20%(不含)得4分,占比20%—30%(不含)得7分。", []),
    ("已落实民用水电气价格的项目比例达到100%的得5分。", []),
    ("低于目标值20个百分点及以内的得2分。", []),
    # a score to reach is no rubric's row
    ("到2025年,新增保障性租赁住房占比达到30%以上,得分率提高到90%。",
     [(30, "%", "以上", 2025), (90, "%", "达到", 2025)]),
])
def test_a_scoring_rubrics_row_is_not_a_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("缴存年限 第一次贷款额度 第二次贷款额度\n6个月—1年(含) 13万元 10万元\n5年以上 40万元 30万元\n", []),
    ("6个月—1年(含)13万元10万元", []),
    # values in different units side by side are a count of things of a size
    ("建设10个100亿元级产业集群,新增岗位 2000个。", [(10, "个", "达到", None), (2000, "个", "达到", None)]),
])
def test_a_table_rows_cells_are_not_goals(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("职工家庭申请住房公积金贷款,保底额度提高到25万元。", []),
    ("符合条件的三孩家庭,在本市限购范围内限购的住房套数增加1套。", []),
    ("非本市户籍居民家庭,限购1套住房。", []),
    # a goal of building or buying dwellings is no family's limit
    ("到2025年,全市新建保障性租赁住房1万套。", [(1, "万套", "达到", 2025)]),
])
def test_a_purchase_limit_and_a_loans_floor_are_per_case(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("职工家庭名下拥有2套及以上住房,或有2次住房公积金贷款记录的,不得申请住房公积金贷款。", []),
    ("信用卡二年内不得有5次以上逾期记录。", []),
    ("全年开展县外推介促销不少于2次。", [(2, "次", "不少于", None)]),
])
def test_a_count_in_a_cases_record_is_not_a_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("提高多孩家庭住房公积金可贷额度,对二孩家庭提高5万元,对三孩家庭提高10万元。", []),
    ("对4座涵闸进行拆除重建。", [(4, "座", "达到", None)]),
])
def test_how_much_more_a_class_of_cases_gets_is_not_a_goal(text, expected):
    assert _one(text) == expected


@pytest.mark.parametrize("text, year", [
    ("确保完成2021年142个重大城建项目建设目标任务。", 2021),  # a count right after the year
    ("2017年至2021年5年期间,新增贷款超过8万亿元。", 2021),  # a range ends in its last year
    ("到2025年至少建成50个。", 2025),
])
def test_the_year_a_goal_is_due(text, year):
    assert [t.year for t in find_targets(text)] == [year]


def test_a_year_right_before_the_count_is_not_the_metric():
    [t] = find_targets("确保完成2021年142个重大城建项目建设目标任务。")
    assert (t.metric, t.year) == ("重大城建项目建设目标任务", 2021)


def test_a_month_after_the_year_is_a_date_not_the_due_year():
    assert [t.year for t in find_targets("2023年1-6月新增就业3万人,2023年12月新增就业1万人。", default_year=2024)] == [
        2024, 2024]


@pytest.mark.parametrize("text, expected", [
    ("以上2种情况认定为购买第三套及以上住房,不予贷款。", []),
    ("上述3类人员可申请租赁补贴。", []),
    ("新增就业10万人以上,2万家企业上云。", [(10, "万人", "以上", None), (2, "万家", "达到", None)]),
])
def test_a_count_of_what_was_listed_is_not_a_goal(text, expected):
    assert _one(text) == expected


def test_firm_visits_are_counted_in_jiaci():
    [t] = find_targets("组织不少于2万家次外贸企业参展促销。")
    assert (t.value, t.unit, t.qualifier, t.metric) == (2, "万家次", "不少于", "组织外贸企业参展促销")


@pytest.mark.parametrize("text, expected", [
    ("联系地址:龙华区龙华街道清湖路10号国鸿工业园3栋,业务咨询电话:0755-23336001。", []),
    ("在10号地块新建3栋保障性租赁住房。", [(3, "栋", "达到", None)]),
])
def test_a_buildings_number_in_an_address_is_not_a_goal(text, expected):
    assert _one(text) == expected


def test_tax_fee_and_rate_parameters_are_not_goals():
    assert _one("实施小规模纳税人增值税征收率由3%降至1%的优惠政策。") == []
    assert _one("住房公积金贷款保证金比例从10%降为5%。") == []
    assert _one("首套个人商业贷款首付比例调整为20%,利率下限为贷款市场报价利率减20个基点。") == []
    assert _one("延续实施国际标准集装箱运输车辆通行费30%优惠政策。") == []
    assert _one("缴费基数按照全省城镇单位就业人员平均工资60%核定。") == []
    assert _one("预付款应不低于合同总价(扣除暂列金额)的10%。") == []
    assert _one("中小企业采购市场份额预留比例由44%提高至60%。") == []


def test_an_average_rate_to_reach_is_a_goal():
    assert _one("原则上担保业务平均费率不超过1.5%。") == [(1.5, "%", "以内", None)]
    assert _one("城镇化率由2020年的55%提高到60%。") == [(60, "%", "达到", None)]


def test_subsidy_amounts_caps_and_allocations_are_not_goals():
    assert _one("对符合条件的,按经营面积给予最高300万元资金支持。") == []
    assert _one("每家企业年度支持最高可达200万元。") == []
    assert _one("按每人1000元的标准发放一次性扩岗补助。") == []
    assert _one("省财政统筹安排25亿元,支持粮食生产。") == []
    assert _one("安排省新兴产业专项引导资金10亿元。") == []
    assert _one("对符合条件的项目贷款给予2.5个百分点贴息。") == []
    assert _one("新建财政投入补助标准提高到2500元/亩。") == []
    assert _one("发放购房补贴:博士研究生5万元,硕士研究生3万元。") == []


def test_eligibility_thresholds_and_class_definitions_are_not_goals():
    assert _one("对月销售额10万元以下的增值税小规模纳税人免征增值税。") == []
    assert _one("对每月通行次数在30次(含)以上的客运班线客车给予优惠。") == []
    assert _one("对符合条件的融资担保机构开展的1000万元及以下的业务降低费率。") == []
    assert _one("布局一批年出栏3000头以上的生猪产能调控基地。") == []
    assert _one("建立不少于100人的市级、不少于50人的县级救援队伍。") == []
    assert _one("培育一批50万人口的中等城市、20万人以上的现代化小城市。") == []
    assert _one("若最后一期备案的商品住房不足1000套,按实际套数计。") == []
    assert _one("当个贷率达到85%时,暂停受理。") == []
    assert _one("每完成网签备案1000套新建商品住房,开展一次抽奖。") == []
    assert _one("营业收入每同比增加1000万元,再奖励一次。") == []
    assert _one("当年新增规上企业100家。") == [(100, "家", "达到", None)]
    assert _one("每年认定10个左右先进县。") == [(10, "个", "左右", None)]
    # a count of things to work on, after 对, is still a goal
    assert _one("对涉及沿黄县区的4座引黄涵闸进行拆除重建。") == [(4, "座", "达到", None)]


@pytest.mark.parametrize("text, expected", [
    # 及以上 before what it qualifies names a class of cases
    ("领军人才、4人及以上家庭可申请三房户型。", []),
    ("团购5套及以上的下浮2%。", []),
    ("暂停向使用过2次及以上住房公积金贷款的家庭发放公积金贷款。", []),
    ("使用5种及以上绿色建材认证的材料和部品。", []),
    # a goal's bound ends its phrase
    ("到2025年,全装修交付比例达到30%及以上。", [(30, "%", "以上", 2025)]),
    ("全年新增托育机构20家及以上,普惠托位占比达到60%以上。", [(20, "家", "以上", None), (60, "%", "以上", None)]),
])
def test_a_size_before_what_its_bound_qualifies_is_a_class(text, expected):
    assert _one(text) == expected


def test_existing_counts_projects_to_speed_up_and_restated_lists_are_not_goals():
    assert _one("统筹组织因疫情停工的256个省重大工程项目有序复工。") == []
    assert _one("制定停产893户规上工业企业复产达产计划。") == []
    assert _one("加快12个国家区域中医诊疗中心、26个省中医专科诊疗中心建设。") == []
    assert _one("加快郑州、开封、濮阳、周口4个国家物流枢纽建设。") == []
    assert _one("持续深化一件事一次办、交房即交证等营商环境5项工作。") == []
    assert _one("加快豫中(郑州)、豫南(信阳)和豫北(鹤壁)6个区域性应急救援保障基地建设。") == []
    assert _one("四季度在建的2269个省重大项目完成投资1528亿元。") == [(1528, "亿元", "达到", None)]
    # …but things to complete are goals, and so is speeding up a build of a number
    assert _one("推动顺络迅达生产线等10个项目建成投产。") == [(10, "个", "达到", None)]


def test_exclusions_do_not_reach_too_far():
    assert _one("5年内培养资助博士后研究人员不少于400名。") == [(400, "名", "不少于", None)]
    assert _one("鼓励并资助250名技能型人才出国培训。") == [(250, "名", "达到", None)]
    assert _one("重点引进、培养和扶持100名杰出青年人才。") == [(100, "名", "达到", None)]
    assert _one("到账平均时间压缩至2个工作日。") == [(2, "个工作日", "下降至", None)]
    assert _one("一般政府投资项目审批时间控制在50个工作日内。") == [(50, "个工作日", "以内", None)]
    assert _one("压缩项目采购操作周期2天以上。") == [(2, "天", "以上", None)]
    assert _one("组织超50家(次)企业参加重点国际性展会。") == [(50, "家(次)", "超过", None)]


def test_units_of_counts_and_capacities():
    assert _one("到2025年培育高素质农民达到200万人(次)以上。") == [(200, "万人(次)", "以上", 2025)]
    assert _one("确保煤炭产能稳定在1.4亿吨/年以上。") == [(1.4, "亿吨/年", "以上", None)]
    assert _one("化工产业增加值增速提高5个百分点以上。") == [(5, "个百分点", "以上", None)]
    assert _one("互联网骨干直联点总带宽达到2800G。") == [(2800, "G", "达到", None)]
    assert _one("中石化织金50万吨/年聚乙醇酸项目开工。") == []


def test_a_list_number_before_a_digit_is_not_a_value():
    assert _one("11.121人才梯队项目。") == []
    assert _one("一、目标\n2.50家企业实现上云。") == [(50, "家", "达到", None)]
    assert _one("新增贷款2.55亿元。") == [(2.55, "亿元", "达到", None)]


@pytest.mark.parametrize("text, expected", [
    # a label numbered with a leading zero is no count ("04支持…" is not 4 支)
    ("04支持高校毕业生安居。", []),
    ("01支持刚性和改善型住房需求\n03支持多孩家庭安居", []),
    # a count, or a decimal below one, stays one
    ("组建4支应急救援队伍。", [(4, "支", "达到", None)]),
    ("单位能耗下降0.5%。", [(0.5, "%", "下降", None)]),
])
def test_a_label_with_a_leading_zero_is_not_a_value(text, expected):
    assert _one(text) == expected


# --- tables, deadlines, scope, owners ---------------------------------------------------

_TABLE_DOC = """济南市人民政府办公厅关于印发济南市服务业提质行动分工方案的通知
各区县人民政府,市政府各部门:
现将分工方案印发给你们,请认真贯彻落实。
济南市人民政府办公厅
2024年3月1日
一、工作目标
到2025年,全市服务业增加值达到1500亿元。
二、任务分工
序号\t省级方案内容\t省级牵头单位\t市级落实单位\t完成时限
1\t壮大现代服务业集聚区。到2025年,省级现代服务业集聚区达120家。\t省发展改革委牵头,省有关部门配合\t市发展改革委牵头,市有关部门配合\t2025年12月底前
2\t扩大消费。举办促消费活动100场以上。\t省商务厅\t市商务局\t2024年底
3\t提升物流效率。社会物流总费用占GDP比重下降至13.5%左右。\t省交通运输厅\t市交通运输局\t持续推进
"""


def test_a_target_in_a_division_of_labour_row_is_found_once():
    doc = _doc(_TABLE_DOC)
    rows = [(t.task, t.value, t.unit) for t in doc.targets]
    assert rows == [("一", 1500, "亿元"), ("1", 120, "家"), ("2", 100, "场"), ("3", 13.5, "%")]
    assert all("\t" not in t.metric and "\t" not in t.text for t in doc.targets)


def test_a_deadline_column_is_the_tasks_deadline_and_its_year():
    doc = _doc(_TABLE_DOC)
    assert [(t.number, t.deadline, t.deadline_year) for t in doc.tasks] == [
        ("1", "2025年12月底前", 2025), ("2", "2024年底", 2024), ("3", "持续推进", None)]
    years = {t.task: (t.year, t.year_basis) for t in doc.targets}
    assert years["2"] == (2024, "stated") and years["3"] == (None, "none")


def test_a_provincial_goal_quoted_in_a_table_counts_over_the_province():
    doc = _doc(_TABLE_DOC)
    scopes = {t.task: (t.scope, t.scope_level) for t in doc.targets}
    assert scopes["一"] == ("济南市", "city")
    assert scopes["1"] == scopes["2"] == ("山东省", "province")


def test_a_deadline_in_a_responsibility_clause():
    doc = _doc("关于印发某方案的通知\n一、重点任务\n1.培育企业10家。(牵头单位:市工信局;完成时限:2024年底前)\n")
    assert [(t.number, t.deadline, t.deadline_year) for t in doc.tasks] == [("一/1", "2024年底前", 2024)]


def test_a_target_belongs_to_the_clause_that_closes_its_sentences():
    doc = _doc("关于印发某措施的通知\n一、加大支持\n1.支持企业。新增上市企业30家以上。(责任单位:省地方金融监管局)"
               "推出PPP标杆项目10个以上。(责任单位:省发展改革委)\n")
    assert [(t.task, t.clause, t.value) for t in doc.targets] == [("一/1", 1, 30), ("一/1", 2, 10)]
    assert [(t.clause, t.leads) for t in doc.tasks] == [(1, ["省地方金融监管局"]), (2, ["省发展改革委"])]


def test_scope_words():
    doc = _doc("济南市人民政府关于印发某方案的通知\n一、目标\n到2025年,全省高新技术企业达到1000家,全市达到200家。"
               "(市科技局牵头负责)\n")
    assert [(t.value, t.scope) for t in doc.targets] == [(1000, "山东省"), (200, "济南市")]


# --- scores on whole documents -------------------------------------------------------


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", FIXTURES / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@cache
def predicted(path: Path) -> dict:
    return extract_file(path).model_dump(mode="json")


def evaluate(name: str) -> dict:
    score = _scorer()
    files, gold_dir = SETS[name]
    acc: dict = {}
    per_doc = {}
    for path in files:
        gold = json.loads((gold_dir / f"{path.name}.gold.json").read_text(encoding="utf-8"))
        doc_acc: dict = {}
        pred = predicted(path)
        score.score_doc(gold, pred, doc_acc)
        score.score_doc(gold, pred, acc)
        per_doc[path.name] = {k: score.prf(*doc_acc[k]) for k in MEASURES}
    return {"docs": per_doc, "overall": {k: score.prf(*acc[k]) for k in MEASURES}}


def test_both_scored_sets_are_there():
    for name, (files, gold_dir) in SETS.items():
        assert files, name
        assert all((gold_dir / f"{p.name}.gold.json").is_file() for p in files), name


@pytest.mark.parametrize("name, f1, placed", [("sample", 0.99, 0.99), ("dev", 0.80, 0.90)])
def test_target_scores(name, f1, placed):
    overall = evaluate(name)["overall"]
    assert overall["targets"]["f1"] >= f1, overall
    assert overall["targets.placed"]["f1"] >= placed, overall


def test_documents_without_goals_yield_none():
    # the real-estate packages of the development set state policy parameters only
    # (down payments, loan caps, deposit ratios, subsidies): none of them is a goal
    files, gold_dir = SETS["dev"]
    for path in files:
        gold = json.loads((gold_dir / f"{path.name}.gold.json").read_text(encoding="utf-8"))
        if not gold["targets"]:
            assert predicted(path)["targets"] == [], path.name


def _diff(name: str, path: Path) -> None:
    gold = json.loads((SETS[name][1] / f"{path.name}.gold.json").read_text(encoding="utf-8"))["targets"]
    preds = predicted(path)["targets"]
    key = lambda t: (round(float(t["value"]), 6), t["unit"], t["year"])  # noqa: E731
    pool: dict = {}
    for j, p in enumerate(preds):
        pool.setdefault(key(p), []).append(j)
    matched = set()
    for g in gold:
        js = pool.get(key(g))
        if js:
            j = js.pop(0)
            matched.add(j)
            if g["task"] != preds[j]["task"]:
                print(f"  misplaced  {g['task']} vs {preds[j]['task']}: {g['text']}")
        else:
            print(f"  MISSED     [{g['task']}] {g['value']} {g['unit']} {g['year']}  {g['text']}")
    for j, p in enumerate(preds):
        if j not in matched:
            print(f"  EXTRA      [{p['task']}] {p['value']} {p['unit']} {p['year']} ({p['year_basis']})  {p['text']}")


def main() -> None:
    for name, (files, _) in SETS.items():
        result = evaluate(name)
        for path in files:
            r = result["docs"][path.name]
            t, lo, pl = r["targets"], r["targets.loose"], r["targets.placed"]
            print(f"{name} {path.name}: F1 {t['f1']:.3f} (p {t['p']:.3f} r {t['r']:.3f}, "
                  f"{t['tp']}/{t['pred']}/{t['gold']})"
                  f"  loose {lo['f1']:.3f}  placed {pl['tp']}/{pl['gold']}")
            if "-v" in sys.argv:
                _diff(name, path)
        o = result["overall"]
        print(f"{name} OVERALL: F1 {o['targets']['f1']:.4f} (p {o['targets']['p']} r {o['targets']['r']})  "
              f"loose {o['targets.loose']['f1']:.4f}  placed {o['targets.placed']['f1']:.4f}")


if __name__ == "__main__":
    main()


# --- per-case standards, one buyer's purchase, a subsidy's size ------------------------


def test_a_quantity_per_dwelling_or_per_place_is_a_standard_for_each_case():
    assert _one("生育二孩家庭购房奖补15平方米/套,生育三孩家庭购房奖补25平方米/套。") == []
    assert _one("停车位数量可按可计容建筑面积的1个/140平方米配建。") == []
    # a per-head figure a goal brings a measure to stays
    assert _one("人均公园绿地面积达到15平方米/人。") == [(15, "平方米", "达到", None)]


def test_what_one_buyer_may_buy_is_not_a_goal():
    assert _one("支持购房人使用住房公积金贷款购买配套车位1个。") == []
    assert _one("首批推动收购1000套存量商品房作为保障性住房。") == [(1000, "套", "达到", None)]


def test_the_size_of_a_subsidy_is_not_a_goal():
    assert _one("每套享受财政补贴1万元,补贴套数为2000套。") == []
    assert _one("开发企业发放家居家电消费券5000元/套,共计5000套。") == []
    assert _one("购买建筑面积90平方米以上的按照10000元/套发放,总金额3000万元,发完为止。") == []
    # a count that goes with no per-case payment, and a goal beside a standard, stay
    assert _one("全市共计新建保障性住房5000套。") == [(5000, "套", "达到", None)]
    assert _one("新建、改造410万亩高标准农田,新建财政投入补助标准提高到2500元/亩。") == [(410, "万亩", "达到", None)]


# --- a goal's share for each place ------------------------------------------------------------


def test_each_places_share_of_a_goal_is_one_target():
    got = find_targets("全市新谋划储备亿元以上项目不少于300个,安定区、陇西县、临洮县各50个,通渭县、渭源县、漳县各25个。")
    assert [(t.value, t.qualifier) for t in got] == [(300, "不少于"), (50, "达到"), (25, "达到")]
    assert {t.metric for t in got} == {"新谋划储备亿元以上项目"}
    assert got[1].text == "安定区、陇西县、临洮县各50个"
    # several measured things each get the value
    got = find_targets("建设生育友好医院和儿童友好医院各20家。")
    assert [(t.metric, t.value) for t in got] == [("生育友好医院", 20), ("儿童友好医院", 20)]


# --- a clause that says when a rule applies ---------------------------------------------------


def test_a_clause_that_says_when_makes_the_rest_a_rule():
    assert _one("政府制定涉企政策时,原则上应邀请企业家参与,民营企业比例不低于70%、中小企业比例不低于50%。") == []
    assert _one("若消费券总额不能覆盖所有活动对象时,进行公证摇号,确定入围名单(限200名)。") == []
    # 同时 says nothing of when; a goal cue before the clause keeps its goal
    assert _one("推进项目建设同时,新增就业1000人。") == [(1000, "人", "达到", None)]
    assert _one("力争在推进城市更新时,完成改造1000户。") == [(1000, "户", "达到", None)]


# --- what was done or how a text was made ---------------------------------------------------


def test_a_drafting_account_and_what_was_set_up_are_no_goals():
    assert _one("起草过程\n3月23日至4月23日,在门户网站发布公示,收到意见建议50条,采纳或部分采纳28条。") == []
    assert _one("基本情况\n本届房展会参展项目共26个,参展房源6145套、参展面积62万平方米。") == []
    assert _one("在全市6个置业公司设立了网上缴纳契税受理点。") == []
    assert _one("工作要求\n在全市设立6个网上缴纳契税受理点。") == [(6, "个", "达到", None)]


# --- counts that describe what is under way or in scope -----------------------------------


def test_a_count_right_after_speeding_up_a_build_is_a_list_of_projects():
    assert _one("加快建设10个国家级区域医疗中心。") == []
    assert _one("加快建设保障性租赁住房1万套。") == [(1, "万套", "达到", None)]


def test_the_parts_of_a_set_in_scope_are_in_scope_too():
    assert _one("推进河南农业大学等7所高校的11个学科开展“双一流”创建。") == []
    assert _one("推动顺络迅达生产线等10个项目建成投产,新增产能的30个项目投产。") == [
        (10, "个", "达到", None), (30, "个", "达到", None)]


def test_a_total_investment_beside_a_count_of_projects_is_a_goal():
    got = find_targets("四季度新开工亿元以上项目529个、总投资4302.65亿元。")
    assert [(t.value, t.unit, t.text) for t in got] == [
        (529, "个", "四季度新开工亿元以上项目529个"), (4302.65, "亿元", "总投资4302.65亿元")]
    # a total that defines what a count counts stays a threshold
    assert _one("实施项目100个,总投资120亿元以上的入库项目开工。") == [(100, "个", "达到", None)]
    assert _one("总投资120亿元。") == []


def test_a_chinese_numeral_listed_beside_a_count_is_a_count():
    assert _one("即打造一个世界级商圈、高标准建设5个特色商圈。") == [(1, "个", "达到", None), (5, "个", "达到", None)]
    assert _one("筹划建设一所大学,建成3个实验室。") == [(3, "个", "达到", None)]
