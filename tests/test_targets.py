"""Quantified targets: unit behaviour and an F1 floor against the gold files.

Run ``python tests/test_targets.py`` for the per-document scores and a list of
the misses and false alarms.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from policykg.ingest.normalize import clean_document
from policykg.ingest.outline import build_outline
from policykg.ingest.targets import FoundTarget, find_targets, year_handed_down

GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"
CORPUS = ROOT / "policykg" / "sample_corpus"
DOCS = sorted(p.name for p in CORPUS.glob("*.txt"))


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", ROOT / "tests" / "fixtures" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --- the harness ---------------------------------------------------------------------

_ADDRESSEE = re.compile(r"^[^。\t]{2,120}[:：]$")
_YEAR_PLAN = re.compile(r"(20\d{2})年(?:度)?(?:重点)?(?:工作)?(?:任务|要点|计划|安排)")


def _preamble_start(text: str, limit: int) -> int:
    pos = 0
    for line in text[:limit].split("\n"):
        end = pos + len(line)
        if _ADDRESSEE.match(line):
            return min(end + 1, limit)
        pos = end + 1
    return 0


def plan_year(text: str) -> int | None:
    """A year-specific work plan ("…2023年重点工作任务") gives its targets that year."""
    head = "\n".join(text.split("\n")[:12])
    m = _YEAR_PLAN.search(head)
    return int(m.group(1)) if m else None


def provision_texts(text: str) -> list[tuple[str, str]]:
    """(task number, provision text) for every provision, the preamble first (number "")."""
    lines = text.split("\n")
    if sum(1 for line in lines if line.count("\t") >= 2) >= 5:
        # a division-of-labour table: the content cell of each data row, numbered by position
        first_row = next(i for i, line in enumerate(lines) if "\t" in line)
        offset = sum(len(line) + 1 for line in lines[:first_row])
        out = [("", text[_preamble_start(text, offset):offset])]
        header = None
        n = 0
        for line in lines[first_row:]:
            cells = line.split("\t")
            if len(cells) < 2:
                continue
            if header is None:
                header = cells[1]
                continue
            if cells[1] == header:
                continue
            n += 1
            out.append((str(n), cells[1]))
        return out
    outline = build_outline(text)
    out = [("", text[_preamble_start(text, outline.body_start):outline.body_start])]
    for p in outline.provisions:
        out.append((p.number, text[p.title_start:p.end]))
    return out


def provision_years(text: str, provisions: list[tuple[str, str]], plan: int | None) -> dict[str, int | None]:
    """The default year of each provision: the plan's year, else the year its nearest
    ancestor hands down ("到2025年，主要目标是：" above a numbered list)."""
    handed = {number: year_handed_down(ptext) for number, ptext in provisions}
    out = {}
    for number, _ in provisions:
        year = plan
        parts = number.split("/") if number else []
        while year is None and len(parts) > 1:
            parts = parts[:-1]
            year = handed.get("/".join(parts))
        out[number] = year
    return out


def predict(name: str) -> tuple[list[dict], float]:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    text = clean_document(raw).text
    t1 = time.perf_counter()
    provisions = provision_texts(text)
    years = provision_years(text, provisions, plan_year(text))
    preds = []
    for number, ptext in provisions:
        for t in find_targets(ptext, default_year=years[number]):
            preds.append({"task": number, "text": t.text, "metric": t.metric, "value": t.value,
                          "unit": t.unit, "qualifier": t.qualifier, "year": t.year})
    return preds, time.perf_counter() - t1


def evaluate() -> dict:
    score = _scorer()
    acc: dict = {}
    per_doc = {}
    elapsed = 0.0
    for name in DOCS:
        gold = json.loads((GOLD_DIR / f"{name}.gold.json").read_text(encoding="utf-8"))
        preds, dt = predict(name)
        elapsed += dt
        doc_acc: dict = {}
        score.score_doc(gold, {"targets": preds}, doc_acc)
        score.score_doc(gold, {"targets": preds}, acc)
        per_doc[name] = {k: score.prf(*doc_acc[k]) for k in ("targets", "targets.loose", "targets.placed")}
    overall = {k: score.prf(*acc[k]) for k in ("targets", "targets.loose", "targets.placed")}
    return {"docs": per_doc, "overall": overall, "seconds": elapsed}


def _diff(name: str) -> None:
    gold = json.loads((GOLD_DIR / f"{name}.gold.json").read_text(encoding="utf-8"))["targets"]
    preds, _ = predict(name)
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
            print(f"  EXTRA      [{p['task']}] {p['value']} {p['unit']} {p['year']}  {p['text']}")


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


def test_offsets_point_at_the_text():
    text = "(三)工作目标。\n到2025年,新能源产业营业收入达到500亿元,装机规模达到700万千瓦以上;到2027年,分别达到700亿元、800万千瓦。"
    got: list[FoundTarget] = find_targets(text)
    assert len(got) == 4
    for t in got:
        assert text[t.start:t.end] == t.text
    assert [t.metric for t in got] == ["新能源产业营业收入", "装机规模", "新能源产业营业收入", "装机规模"]
    assert got[2].text == "到2027年,分别达到700亿元、800万千瓦"


def test_gold_f1_floor():
    result = evaluate()
    assert result["overall"]["targets"]["f1"] >= 0.85, result
    assert result["overall"]["targets.loose"]["f1"] >= 0.85, result
    assert result["seconds"] < 0.2, result


def main() -> None:
    result = evaluate()
    for name, r in result["docs"].items():
        t, lo, pl = r["targets"], r["targets.loose"], r["targets.placed"]
        print(f"{name}: F1 {t['f1']:.3f} (p {t['p']:.3f} r {t['r']:.3f}, {t['tp']}/{t['pred']}/{t['gold']})"
              f"  loose {lo['f1']:.3f}  placed {pl['tp']}/{pl['gold']}")
        if "-v" in sys.argv:
            _diff(name)
    o = result["overall"]
    print(f"OVERALL: F1 {o['targets']['f1']:.4f} (p {o['targets']['p']} r {o['targets']['r']})  "
          f"loose {o['targets.loose']['f1']:.4f}  placed {o['targets.placed']['tp']}/{o['targets.placed']['gold']}"
          f"  time {result['seconds'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
