"""Provision numbers a page damaged (OCR, a web copy): read as the number their place implies when the numbers
around them make it clear, and never made up where they do not."""
from __future__ import annotations

from policykg.ingest.extract import extract_bytes


def _numbers(text: str) -> list[str]:
    return [t.number for t in extract_bytes(text.encode(), "doc.txt").tasks]


def _provisions(text: str) -> list[str]:
    return [p.number for p in extract_bytes(text.encode(), "doc.txt").provisions]


HEAD = "某市人民政府关于促进房地产市场平稳健康发展的若干措施\n"


def _items(*markers: str, heading: str = "一、加大支持力度\n") -> str:
    lines = [f"{m}落实第{k}项支持政策。对符合条件的购房人给予补贴。(责任单位:市住建局)"
             for k, m in enumerate(markers, 1)]
    return HEAD + heading + "\n".join(lines) + "\n"


def test_a_plus_read_for_ten_between_nine_and_eleven_is_ten():
    markers = [f"({n})" for n in "一二三四五六七八九"] + ["(+)", "(十一)"]
    assert _numbers(_items(*markers))[-3:] == ["一/(九)", "一/(十)", "一/(十一)"]


def test_a_number_that_fits_nowhere_is_the_one_its_place_gives():
    # (一十九) between (二十八) and (三十): the OCR of (二十九)
    assert _numbers(_items("(二十七)", "(二十八)", "(一十九)", "(三十)")) == [
        "一/(二十七)", "一/(二十八)", "一/(二十九)", "一/(三十)"]


def test_an_empty_bracket_opening_a_list_is_its_first_number():
    text = _items("(一)", "(二)") + "二、优化市场供给\n()推进审批改革。压缩审批时限。(责任单位:市政务服务局)\n" \
        "(二)推进交房即交证。优化登记流程。(责任单位:市自然资源局)\n"
    assert _numbers(text) == ["一/(一)", "一/(二)", "二/(一)", "二/(二)"]


def test_a_number_that_lost_its_opening_bracket():
    assert _numbers(_items("(一)", "二)", "(三)")) == ["一/(一)", "一/(二)", "一/(三)"]


def test_a_heading_that_lost_its_numeral():
    text = HEAD + "一、加大支持力度\n(一)给予补贴。(责任单位:市财政局)\n-、优化市场供给\n(二)推进审批改革。(责任单位:市政务服务局)\n" \
        "三、强化监管\n(三)加强预售资金监管。(责任单位:市住建局)\n"
    assert _numbers(text) == ["一/(一)", "二/(二)", "三/(三)"]


def test_a_damaged_number_glued_after_a_clause_starts_its_item():
    text = HEAD + "一、加大支持力度\n(八)给予补贴。(责任单位:市财政局)\n(九)支持购房。给予奖励。(责任单位:市住建局)" \
        "(+)控制商业配建比例。降低商业比例。(责任单位:市自然资源局)(十一)推动车位办证。(责任单位:市自然资源局)\n"
    tasks = extract_bytes(text.encode(), "doc.txt").tasks
    assert [(t.number, t.clause, t.text_start[:4]) for t in tasks] == [
        ("一/(八)", 1, "给予补贴"), ("一/(九)", 1, "给予奖励"), ("一/(十)", 1, "降低商业"), ("一/(十一)", 1, "推动车位")]


def test_no_number_is_made_up_where_the_neighbours_leave_it_unclear():
    # (+) after (九) with nothing after it, and one in a gap of two numbers (八 → 十一): no number can be told
    assert _provisions(_items("(七)", "(八)", "(九)", "(+)")) == ["一", "一/(七)", "一/(八)", "一/(九)"]
    assert _provisions(_items("(七)", "(八)", "(+)", "(十一)", "(十二)")) == [
        "一", "一/(七)", "一/(八)", "一/(十一)", "一/(十二)"]
    # two damaged lines claiming the one missing number: neither is given it
    assert _provisions(_items("(一)", "()", "()", "(三)")) == ["一", "一/(一)", "一/(三)"]


def test_a_bracketed_word_is_no_damaged_number():
    text = HEAD + "(试行)\n一、加大支持力度\n(一)给予补贴。(责任单位:市财政局)\n(二)支持购房。(责任单位:市住建局)\n"
    assert _provisions(text) == ["一", "一/(一)", "一/(二)"]


def test_a_number_run_into_the_item_before_starts_its_item():
    # a web copy lost the line break before (二): the numbers that open lines count (一), (三)
    text = HEAD + "一、加大支持力度\n(一)给予补贴。对购房人给予补贴。(二)支持人才购房。给予人才奖励。(责任单位:市人社局)\n" \
        "(三)优化公积金政策。提高贷款额度。(责任单位:市公积金中心)\n"
    doc = extract_bytes(text.encode(), "doc.txt")
    assert [(p.number, p.title) for p in doc.provisions] == [
        ("一", "加大支持力度"), ("一/(一)", "给予补贴"), ("一/(二)", "支持人才购房"), ("一/(三)", "优化公积金政策")]
    assert [t.number for t in doc.tasks] == ["一/(二)", "一/(三)"]


def test_a_bare_number_run_into_a_sentence_starts_its_item():
    text = HEAD + "1.提高贷款额度。最高贷款额度为60万元。2.放宽提取条件。租房可提取公积金。(责任单位:市公积金中心)\n" \
        "3.优化服务。推行一网通办。(责任单位:市政务服务局)\n"
    assert _numbers(text) == ["2", "3"]


def test_a_number_inside_a_list_or_a_quantity_starts_nothing():
    # 第二、三项 and 2.5 are no provision's number; nor is one printed twice in the gap
    text = HEAD + "1.提高贷款额度。按第二、三项执行,利率下调2.5个百分点。(责任单位:市公积金中心)\n" \
        "3.优化服务。推行一网通办。(责任单位:市政务服务局)\n"
    assert [p.number for p in extract_bytes(text.encode(), "doc.txt").provisions] == ["1", "3"]
    twice = HEAD + "(一)给予补贴。(二)支持购房。(二)支持租房。(责任单位:市财政局)\n(三)优化服务。(责任单位:市政务服务局)\n"
    assert [p.number for p in extract_bytes(twice.encode(), "doc.txt").provisions] == ["(一)", "(三)"]
    # 二、 in a sentence before another numeral lists numbers (二、三产业), where the heading 二、 was lost
    lost = HEAD + "一、加大支持力度。给予补贴。(责任单位:市财政局)\n推进二、三产业融合发展。\n三、优化服务。(责任单位:市政务服务局)\n"
    assert [p.number for p in extract_bytes(lost.encode(), "doc.txt").provisions] == ["一", "三"]
