"""One small city measures document, and its lines cut at a page's width as a PDF's text gives them: what the tests
of page furniture (a browser's lines, a running header, a site's line above every page) print on their pages. Each
test puts its page breaks where a clause, a label or a target's figure is cut by them."""
from __future__ import annotations

TITLE = "某市人民政府办公室关于印发《某市促进消费扩容提质若干措施》的通知"
ISSUER = "某市人民政府办公室"
NUMBER = "某政办发〔2023〕12号"
# below the head (the issuer, the number, the title: each test stacks them as its printer does)
BODY = [
    "各区人民政府,市政府各部门、各直属机构:",
    "《某市促进消费扩容提质若干措施》已经市政府同意,现印发给你们,请结合实际认真组织贯彻落实。",
    ISSUER,
    "2023年6月30日",
    "某市促进消费扩容提质若干措施",
    "一、扩大汽车消费",
    "(一)开展汽车促销活动,支持新能源汽车下乡,推广车辆以旧换新。到2025年,全市新能源汽车销量达到10万辆。"
    "(牵头单位:市商务局;配合单位:市财政局、市发展改革委)",
    "(二)完善充电基础设施,推动居住小区充电设施实现全覆盖。到2025年,全市建成公共充电桩5000个。"
    "(牵头单位:市发展改革委;配合单位:市住房城乡建设局)",
    "二、提振文化和旅游消费",
    "(三)推进商贸业升级,到2025年社会消费品零售总额达到3000亿元。(牵头单位:市商务局;配合单位:市统计局)",
]
# three more measures, for a test that needs more pages
MORE_MEASURES = [
    "三、促进住房消费",
    "(四)支持刚性和改善性住房需求,落实首套住房商业性个人住房贷款利率政策。到2025年,全市新建保障性租赁住房2万套。"
    "(牵头单位:市住房城乡建设局;配合单位:市自然资源和规划局)",
    "(五)推进老旧小区改造,完善社区养老、托育、家政等服务设施。到2025年,全市改造老旧小区300个。"
    "(牵头单位:市住房城乡建设局;配合单位:市民政局)",
    "(六)发展直播电商、即时零售等新业态,打造一批特色消费街区。到2025年,全市网络零售额达到800亿元。"
    "(牵头单位:市商务局;配合单位:市市场监管局)",
]

# what BODY's measures give, read however they are printed: each task's units, and its targets
UNITS = [
    ("一/(一)", [("市商务局", "lead"), ("市财政局", "cooperate"), ("市发展改革委", "cooperate")]),
    ("一/(二)", [("市发展改革委", "lead"), ("市住房城乡建设局", "cooperate")]),
    ("二/(三)", [("市商务局", "lead"), ("市统计局", "cooperate")]),
]
TARGETS = [
    ("新能源汽车销量", 10.0, "万辆", 2025, "一/(一)"),
    ("公共充电桩", 5000.0, "个", 2025, "一/(二)"),
    ("社会消费品零售总额", 3000.0, "亿元", 2025, "二/(三)"),
]


def wrapped_lines(text: str, width: int = 28) -> list[str]:
    """``text``'s lines cut every ``width`` characters (28: GB/T 9704's line), an empty line kept."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line[i:i + width] for i in range(0, len(line), width)] or [""])
    return out
