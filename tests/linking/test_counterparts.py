"""Department counterparts across levels: derived from names, extended by data."""
from __future__ import annotations

import pytest

from policykg.graph.linking.counterparts import DATA_FILE, CounterpartTable, default_table

from .compare import sample_docs


@pytest.mark.parametrize("upper, lower", [
    ("省工业和信息化厅", "市工业和信息化局"),
    ("省发展改革委", "市发展改革委"),
    ("省科技厅", "市科技局"),
    ("省政府办公厅", "市政府办公室"),
    ("省委组织部", "市委组织部"),
    ("省委编办", "市委编办"),
    ("省自然资源厅", "市自然资源和规划局"),  # [lines]
    ("省水利厅", "市水务局"),
    ("省委金融办", "市地方金融监管局"),  # the 2024 reform
    ("人民银行山东省分行", "人行菏泽市分行"),  # [[normalise]]: region in the name
    ("山东金融监管局", "国家金融监督管理总局菏泽监管分局"),
    ("省能源局", "市发展改革委"),  # [[pair]]
    ("省工业和信息化厅", "县工业和信息化局"),  # province → county too
])
def test_counterparts(upper, lower):
    assert default_table().are_counterparts(upper, lower)


@pytest.mark.parametrize("upper, lower", [
    ("省工业和信息化厅", "市科技局"),
    ("省发展改革委", "省发展改革委"),  # same level: not a counterpart
    ("省有关部门", "市有关部门"),  # collectives are nobody's counterpart
    ("省财政厅", "各县区政府、管委会"),
    ("省地方金融监管局", "国家金融监督管理总局菏泽监管分局"),  # local regulator ≠ national regulator's branch
])
def test_not_counterparts(upper, lower):
    assert not default_table().are_counterparts(upper, lower)


def test_the_division_of_labour_table_is_explained():
    """The provincial leads of the sample table's rows have their counterparts among the row's city leads
    (all but one: row 18 gives 省发展改革委's part to nobody at the city level, it lists 市自然资源和规划局 and
    市林业局), and the table suggests no pair the data does not derive."""
    table = default_table()
    (doc,) = [d for d in sample_docs() if d.cascades]
    missing, total = [], 0
    for c in doc.cascades:
        for up in c.province_leads:
            total += bool(table.key(up))
            if table.key(up) and not any(table.are_counterparts(up, low) for low in c.city_leads):
                missing.append((c.number, up))
    assert total > 80
    assert missing == [("18", "省发展改革委")]
    assert not table.suggest((c.province_leads, c.city_leads) for c in doc.cascades)


def test_suggest_finds_what_the_names_do_not_show():
    table = CounterpartTable.load(DATA_FILE)
    rows = [(["省体育局", "省发展改革委"], ["市文化和旅游局", "市发展改革委"])] * 2
    assert table.suggest(rows) == {("省体育局", "市文化和旅游局"): 2}


def test_extendable_with_another_file(tmp_path):
    extra = tmp_path / "more.toml"
    extra.write_text('[lines]\n"文化和旅游" = ["体育"]\n\n[[pair]]\nupper = "省粮食和储备局"\nlower = ["市发展改革委"]\n',
                     encoding="utf-8")
    table = CounterpartTable.load(DATA_FILE, extra)
    assert table.are_counterparts("省体育局", "市文化和旅游局")
    assert table.are_counterparts("省粮食和储备局", "市发展改革委")
    assert not default_table().are_counterparts("省体育局", "市文化和旅游局")


def test_bad_data_is_reported(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[normalise]]\npattern = "("\nto = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml"):
        CounterpartTable.load(bad)
