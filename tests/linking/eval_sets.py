"""The two evaluation sets of the cross-level linker (issue 7), on the sample corpus.

They live here, in the tests, and nowhere else: no rule of ``graph.linking`` names a document or
a provision. ``python -m tests.linking.compare`` prints recall@1/@3 of every text method and of the
full scorer (the comparison behind the choice of method).
"""
from __future__ import annotations

# (a) 鲁服务业办〔2025〕4号 (002, province, 2025-03-21) → 菏政办字〔2024〕7号 (000, Heze, 2024-02-01):
# each provincial measure and the Heze task that answers it. 002 is dated after 000: RELATES_TO.
MEASURES_TO_HEZE: list[tuple[str, str]] = [
    ("一", "二/(三)/2"),  # 人工智能
    ("二", "二/(三)/1"),  # 大数据服务
    ("三", "二/(一)/4"),  # 软件服务
    ("四", "二/(一)/5"),  # 工业互联网
    ("五", "二/(三)/3"),  # 科技服务
    ("六", "二/(三)/5"),  # 检验检测服务
    ("七", "二/(一)/2"),  # 现代金融
    ("八", "二/(一)/3"),  # 商贸流通
    ("九", "二/(一)/1"),  # 现代物流
    ("十", "二/(三)/6"),  # 人力资源服务
    ("十一", "二/(一)/6"),  # 商务服务
    ("十二", "四/(三)"),  # 强化项目支撑
    ("十三", "三/(四)"),  # 企业矩阵培育行动
    ("十四", "三/(三)"),  # 集群集聚发展行动
    ("十五", "三/(一)"),  # 产业深度融合行动
    ("十六", "四/(一)"),  # 强化组织领导
]

# (b) the provincial tasks quoted by the division-of-labour table 菏政办字〔2023〕56号 (001: the
# 县域经济 three-year plan's tasks) → the task of 菏政办字〔2023〕13号 (003, Heze 2023 key tasks) on the
# same subject. Found by reading both documents; a row without a counterpart in 003 (县域 programmes,
# 扩权强县, 用地管理, 生态产品价值, 农村产权交易, 营商环境, 新型农业经营主体, 服务业转型, 区域战略) has none.
# (province task as the table writes it, 003 provision number, why)
TABLE_TASKS_TO_KEY_TASKS: list[tuple[str, str, str]] = [
    # the five named in the issue
    ("推动传统产业技改升级", "二/11", "技改: 万项技改/技改项目 ↔ 技改提级, 千项技改"),
    ("推进产业链融链固链", "二/12", "融链固链行动 in both"),
    ("建设新型基础设施", "三/32", "5G、千兆光网、数据中心 in both"),
    ("加速推进科技成果转化", "一/8", "科技成果转化, 技术市场 ↔ 技术交易市场"),
    ("培育农业全产业链", "六/53", "农业全产业链, 农产品品牌"),
    # more, from reading the two documents
    ("培育优势产业集群", "二/12", "12 ends with 培育先进制造业集群和特色产业集群"),
    ("提升园区发展能级", "七/69", "开发区 capacity: 开发区管理制度改革/主导产业 ↔ 开发区一号产业, 主导产业集聚度"),
    ("建设新型基础设施", "二/15", "工赋山东, 工业互联网平台, 新一代信息技术与制造业融合发展试点示范 in both"),
    ("促进区域协同科技创新", "一/7", "sharing 科技设施、科研数据、技术验证环境 between firms"),
    ("充分发挥企业主体作用", "一/5", "企业牵头 key technology projects"),
    ("加快培育高水平科创平台", "一/2", "技术创新中心, 工程研究中心: innovation platforms"),
    ("推进绿色低碳转型发展", "四/37", "绿色低碳转型, 生态工业园区"),
    ("加强生态保护修复治理", "四/39", "ecological restoration and greening (修复, 绿化)"),
    ("稳定提升农业综合产能", "六/52", "grain capacity: 吨粮/吨半粮 ↔ 吨粮县/吨粮镇, 单产"),
    ("培育壮大市场主体", "二/17", "graded cultivation of SMEs: 专精特新, 优质中小企业梯度培育"),
    ("聚焦产业精准招引", "七/66", "精准化产业化招商, 外资 ↔ 产业链招商, 利用外资"),
    ("优化外向型发展模式", "七/65", "跨境电商+产业带 ↔ 产业集群+跨境电商"),
    ("强化城镇化载体功能", "三/34", "新型智慧城市四星级以上标准 in both"),
    ("持续增进民生福祉", "九/84", "新建改扩建幼儿园和中小学校 ↔ 新建改扩建幼儿园"),
    ("强化人才发展支撑", "一/9", "talent: 引才机制, 急需紧缺人才 ↔ 人才引进计划"),
    ("提升财政政策效能", "十/93", "government debt: 化解存量债务, 严控举债 ↔ 严控政府性债务"),
    ("深化金融政策支持", "二/18", "finance for firms: 金融辅导, 供应链金融 ↔ 产业链金融, 转贷"),
    ("优化环境容量配置", "四/37", "能耗 and 可再生能源消费 policy in both"),
]


def recall(ranked: dict[str, list[str]], pairs: list[tuple[str, str]], k: int) -> float:
    hits = sum(1 for up, low in pairs if low in ranked.get(up, [])[:k])
    return hits / len(pairs)

