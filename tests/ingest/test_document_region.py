"""A document's region and level, and what gave them (``region_basis``); references travel on the record."""
from __future__ import annotations

import pytest

from policykg.ingest.document_region import doc_number_region, named_regions
from policykg.ingest.extract import extract_text
from policykg.ingest.reading import DecodedText
from policykg.ingest.regions import region_index

BODY = """一、加快推进科技成果转化。支持企业建设中试基地,推动成果就地转化。(责任单位:{unit}科技局)
二、培育壮大市场主体。实施专精特新企业培育行动。(责任单位:{unit}工业和信息化局)
"""


def _doc(head: str, body: str = BODY.format(unit="市")):
    return extract_text(DecodedText(head + "\n" + body, "utf-8", False), "x.txt").document


@pytest.mark.parametrize("number, region, level", [
    ("鲁政办字〔2024〕7号", "山东省", "province"),
    ("豫政〔2023〕12号", "河南省", "province"),
    ("菏政办字〔2023〕13号", "菏泽市", "city"),
    ("穗府办〔2022〕3号", "广州市", "city"),
])
def test_the_issuers_abbreviation_in_the_number_names_the_region(number, region, level):
    info = _doc(f"{number}\n关于加快推进科技创新的实施意见\n各有关单位:\n为推动高质量发展,现提出如下意见。")
    assert (info.region, info.level, info.region_basis) == (region, level, "doc_number")


def test_national_numbers_make_a_national_document():
    assert doc_number_region("国办发") == "national"
    info = _doc("国办发〔2021〕22号\n关于加快推进科技创新的意见\n为推动高质量发展,现提出如下意见。")
    assert (info.region, info.level, info.region_basis) == (None, "national", "doc_number")


def test_an_unknown_abbreviation_names_nothing():
    assert doc_number_region("某某办") is None


def test_the_issuer_line_comes_first():
    info = _doc("菏泽市人民政府办公室\n鲁政办字〔2024〕7号\n关于加快推进科技创新的实施意见\n为推动发展,现提出如下意见。")
    assert (info.region, info.region_basis) == ("菏泽市", "issuer")


def test_a_head_line_that_is_only_a_place():
    info = _doc("江西省九江市修水县\n关于加快推进科技创新的实施意见\n为推动发展,现提出如下意见。")
    assert (info.region, info.level, info.region_basis) == ("修水县", "county", "issuer")


def test_the_region_the_body_names_most():
    body = ("为贯彻落实《山东省科技创新行动方案》,推动曹县高质量发展,现提出如下意见。\n"
            "一、加快曹县科技成果转化。支持曹县企业建设中试基地。(责任单位:县科技局)\n"
            "二、培育曹县市场主体。(责任单位:县工业和信息化局)\n")
    info = _doc("关于加快推进科技创新的实施意见", body)
    assert (info.region, info.level, info.region_basis) == ("曹县", "county", "body")


def test_no_evidence_no_region():
    info = _doc("关于加快推进科技创新的实施意见\n为推动发展,现提出如下意见。")
    assert (info.region, info.level, info.region_basis) == (None, None, None)


def test_references_are_read_at_extraction():
    doc = extract_text(DecodedText("菏泽市人民政府办公室\n关于加快推进科技创新的实施意见\n"
                                    "为贯彻落实《山东省科技创新行动方案》,现提出如下意见。\n"
                                    "一、加快推进科技成果转化。修订《菏泽市科学技术奖励办法》。(责任单位:市科技局)\n",
                                   "utf-8", False), "x.txt")
    refs = {r.target: r for r in doc.references}
    assert refs["山东省科技创新行动方案"].kind == "IMPLEMENTS" and refs["山东省科技创新行动方案"].where == "header"
    assert refs["菏泽市科学技术奖励办法"].kind == "CITES" and refs["菏泽市科学技术奖励办法"].provision == "一"


def test_a_national_bodys_local_branch_belongs_to_its_region():
    info = _doc("国家金融监督管理总局柳州监管分局\n关于促进房地产市场平稳健康发展的通知\n为推动发展,现提出如下意见。")
    assert (info.region, info.level, info.region_basis) == ("柳州市", "city", "issuer")
    info = _doc("国务院办公厅\n关于促进房地产市场平稳健康发展的通知\n为推动发展,现提出如下意见。")
    assert (info.region, info.level) == (None, "national")


@pytest.mark.parametrize("title", [
    "住建部、央行、金融监管总局关于优化个人住房贷款中住房套数认定标准的通知",  # short names, the first a ministry's
    "证监会、发改委关于推进基础设施领域不动产投资信托基金试点相关工作的通知",  # short names from the data
    "财政部税务总局住房城乡建设部关于延续实施支持居民换购住房有关个人所得税政策的公告",  # joint issuers run together
    "全国人民代表大会常务委员会关于授权国务院在部分地区开展房地产税改革试点工作的决定",
])
def test_joint_or_short_named_national_issuers_make_a_national_document(title):
    info = _doc(title + "\n为推动发展,现提出如下意见。")
    assert (info.region, info.level) == (None, "national")


@pytest.mark.parametrize("title, region, level", [
    ("关于调整部分住房公积金政策的通知", None, None),  # (关于调整部: no ministry's name)
    ("市委组织部关于加强人才工作的通知", None, None),  # a level's word: a local body's
    ("中国银行保险监督管理委员会深圳监管局关于推动金融业服务新发展格局的指导意见", "深圳市", "city"),
])
def test_names_that_are_no_national_issuers(title, region, level):
    info = _doc(title + "\n为推动发展,现提出如下意见。", body=BODY.format(unit=""))
    assert (info.region, info.level) == (region, level)


@pytest.mark.parametrize("place, region", [
    ("云南省楚雄州", "楚雄彝族自治州"),
    ("新疆伊犁州", "伊犁哈萨克自治州"),  # (the people written without 族 in the prefecture's name)
    ("新疆博尔塔拉州", "博尔塔拉蒙古自治州"),
    ("新疆昌吉州", "昌吉回族自治州"),
    ("新疆巴州", "巴音郭楞蒙古自治州"),  # (a common name the data gives: its first character and 州)
    ("新疆博州", "博尔塔拉蒙古自治州"),
])
def test_an_autonomous_prefecture_by_its_common_name(place, region):
    info = _doc(place + "\n关于促进房地产市场平稳健康发展的若干措施\n为推动发展,现提出如下措施。")
    assert (info.region, info.level) == (region, "city")


def test_the_title_a_notice_promulgates():
    info = _doc("关于印发《西宁市关于支持刚性和改善性住房需求的若干措施》的通知\n为推动发展,现提出如下措施。")
    assert (info.region, info.region_basis) == ("西宁市", "title")


# -- region names that are everyday words too (data/regions.toml) -------------------------------------------


@pytest.mark.parametrize("sentence", [
    "一、支持中心城区和主城区居民购房。落实城区补贴,日照标准不变。(责任单位:市住建局)\n",  # 城区, 日照: words
    "一、适应城市更新需要。市本级和县(市)财政分别承担。(责任单位:市住建局会同县财政局)\n",  # 应城市, 和县
])
def test_a_region_name_written_as_an_everyday_word_names_no_region(sentence):
    info = _doc("关于促进房地产市场平稳健康发展的若干措施", sentence)
    assert (info.region, info.region_basis) == (None, None)


def test_an_everyday_word_in_a_title_is_not_its_region():
    info = _doc("中心城区购房补贴实施办法", "一、发放购房补贴。荆门市中心城区购房给予补贴。(责任单位:市住建局)\n")
    assert (info.region, info.region_basis) == ("荆门市", "body")


@pytest.mark.parametrize("text, named", [
    ("阳泉市城区", ["阳泉市", "城区"]),  # after its city: the district
    ("含山县、和县、当涂县", ["含山县", "和县", "当涂县"]),  # in a list of places
    ("山东日照", ["山东省", "日照市"]),  # after its province
    ("中心城区,日照标准,真金白银,市本级和县(市)", []),
])
def test_such_a_name_is_a_place_after_its_city_or_province_or_in_a_list(text, named):
    regions = region_index()
    assert sorted(regions.by_code[code].name for code in named_regions(text)) == sorted(named)


def test_such_a_word_still_gives_a_units_level():
    """各城区政府 names no one place, but the units it names are counties'."""
    doc = extract_text(DecodedText("关于促进消费的若干措施\n一、发放消费券。(责任单位:各城区政府)\n", "utf-8", False), "x.txt")
    assert [(u.name, u.level) for u in doc.tasks[0].units] == [("各城区政府", "county")]


def test_a_body_naming_two_provinces_as_often_names_neither():
    body = ("一、职工在北京市、河北省购买自有住房的,可以提取住房公积金。(责任单位:市住房公积金管理中心)\n"
            "二、放宽提取条件。(责任单位:市住房公积金管理中心)\n")
    info = _doc("关于调整住房公积金有关政策的通知", body)
    assert (info.region, info.region_basis) == (None, None)


@pytest.mark.parametrize("head, region, code, level", [
    ("广州市天河区人民政府关于加快推进科技创新的实施意见", "天河区", "440106", "county"),
    ("北京市朝阳区人民政府办公室关于加快推进科技创新的实施意见", "朝阳区", "110105", "county"),
    ("长春市朝阳区人民政府关于加快推进科技创新的实施意见", "朝阳区", "220104", "county"),
    ("中共广州市天河区委办公室关于加快推进科技创新的实施意见", "天河区", "440106", "county"),
    ("山东省菏泽市人民政府关于加快推进科技创新的实施意见", "菏泽市", "371700", "city"),
    ("菏泽市人民政府办公室关于加快推进科技创新的实施意见", "菏泽市", "371700", "city"),
])
def test_a_district_named_after_its_city_is_the_region(head, region, code, level):
    # the issuer's name opens with its city (or province): the region is the deepest of the names in a row,
    # the one of that name inside the region named before it
    info = _doc(f"{head}\n各有关单位:\n为推动高质量发展,现提出如下意见。")
    assert (info.region, info.region_code, info.level) == (region, code, level)


def test_a_prefectures_common_name_opening_a_title_and_a_district_of_the_same_first_characters():
    assert (_doc("巴州促进房地产市场平稳健康发展24条措施\n为推动发展,现提出如下措施。").region) == "巴音郭楞蒙古自治州"
    assert (_doc("四川省巴中市巴州区\n关于促进房地产市场平稳健康发展的若干措施\n为推动发展,现提出如下措施。").region) == "巴州区"


@pytest.mark.parametrize("line, region", [
    ("江西省南昌市高新区", "南昌市"),  # a zone the city set up, named after its places
    ("河南省郑州市航空港区", "郑州市"),
    ("江苏省泰州市高港区", "高港区"),  # (a district whose name ends as a zone's does is itself)
    ("南京市老旧小区", None),  # a heading's words after a place: no zone
    ("江西省南昌市", "南昌市"),
])
def test_a_line_of_places_may_end_with_a_zone_of_the_last(line, region):
    from policykg.ingest.document_region import place_line
    found = place_line(line)
    assert (found.name if found else None) == region


def test_a_zone_line_above_a_title_is_no_part_of_it():
    info = _doc("江西省南昌市高新区\n南昌高新区2024年购房补贴政策(试行)\n为推动发展,现提出如下措施。")
    assert (info.title, info.region) == ("南昌高新区2024年购房补贴政策(试行)", "南昌市")


def test_the_prefixes_read_line_by_line_are_what_tomllib_reads():
    import tomllib
    from importlib import resources

    from policykg.ingest.document_region import _generated_codes

    source = resources.files("policykg.ingest").joinpath("data", "doc_number_prefixes.toml").read_text(encoding="utf-8")
    data = tomllib.loads(source)
    plain = tuple({k: v["code"] for k, v in data.get(table, {}).items()} for table in ("abbreviations", "prefixes"))
    read = _generated_codes(source)
    assert read == plain and [list(t) for t in read] == [list(t) for t in plain]  # (in the file's order too)
    # a line of another shape (the file edited by hand), a table the script writes none of: left to tomllib
    assert _generated_codes(source + '"济" = { code = "370100" }\n') is None
    assert _generated_codes(source.replace("[prefixes]", "[others]")) is None
    first = source[source.index('"'):source.index("\n", source.index('"')) + 1]
    assert _generated_codes(source.replace(first, first + first)) is None  # (a key twice: tomllib's error)
