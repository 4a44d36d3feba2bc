"""The same documents in the shapes real inputs take: the responsibilities must not change.

Each variant rewrites a sample document the way converters, OCR and other
issuers do (clauses on lines of their own, half-width punctuation, markdown
tables, page breaks inside names, full-width digits), and the extraction must
give the same responsibility edges as the original.
"""
from __future__ import annotations

import random
import re

import pytest

from policykg.ingest.extract import extract_bytes


def edges(doc) -> set[tuple]:
    out = set()
    for t in doc.tasks:
        for role, names in (("lead", t.leads), ("cooperate", t.cooperates), ("implement", t.implementers)):
            out.update((t.number, role, n) for n in names)
    return out


def raw(corpus_files, prefix: str) -> str:
    return next(f for f in corpus_files if f.name.startswith(prefix)).read_text(encoding="utf-8")


def test_clauses_on_lines_of_their_own(corpus_files, extracted):
    text = raw(corpus_files, "003")
    moved = re.sub(r"[（(]牵头单位[：:]([^；;]+)[；;]参与单位[：:]([^）)]+)[）)]",
                   lambda m: f"\n牵头单位：{m.group(1)}\n配合单位：{m.group(2)}", text)
    assert moved.count("配合单位：") > 80
    assert edges(extract_bytes(moved.encode(), "v.txt")) == edges(extracted["003_a6d61ab50cb7c05a.txt"])


def test_half_width_punctuation_throughout(corpus_files, extracted):
    text = raw(corpus_files, "000").translate(str.maketrans("（），：；", "(),:;"))
    variant = extract_bytes(text.encode(), "v.txt")
    assert edges(variant) == edges(extracted["000_b0e7ef96dca0a357.txt"])


def test_division_of_labour_table_as_markdown(corpus_files, extracted):
    lines = []
    for line in raw(corpus_files, "001").split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            lines.append("| " + " | ".join(cells) + " |")
            if cells[1:2] == ["省级方案内容"]:
                lines.append("|" + "---|" * len(cells))
        else:
            lines.append(line)
    variant = extract_bytes("\n".join(lines).encode(), "v.txt")
    original = extracted["001_eac2c624b6a1218d.txt"]
    assert edges(variant) == edges(original)
    assert len(variant.cascades) == 35


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_page_breaks_inside_names_and_words(corpus_files, extracted, seed):
    rng = random.Random(seed)
    text = raw(corpus_files, "004")
    # split some department names the way a page break does: "市工业和信息化\n\n局"
    names = sorted({n for t in extracted["004_fe847ffb49a6497f.txt"].tasks for n in t.leads if len(n) > 4})

    def cut(m):
        name = m.group()
        k = rng.randrange(2, len(name) - 1)
        return name[:k] + "\n\n" + name[k:] if rng.random() < 0.5 else name

    broken = re.sub("|".join(map(re.escape, names)), cut, text)
    assert broken != text
    assert edges(extract_bytes(broken.encode(), "v.txt")) == edges(extracted["004_fe847ffb49a6497f.txt"])


def test_full_width_digits_and_ideographic_spaces(corpus_files, extracted):
    text = raw(corpus_files, "003")
    wide = text.translate(str.maketrans("0123456789", "０１２３４５６７８９")).replace("，", "，\u3000")
    variant = extract_bytes(wide.encode(), "v.txt")
    original = extracted["003_a6d61ab50cb7c05a.txt"]
    assert edges(variant) == edges(original)
    assert {(t.value, t.unit, t.year) for t in variant.targets} == {(t.value, t.unit, t.year) for t in original.targets}


@pytest.mark.parametrize("seed", [4, 5])
def test_table_cells_broken_across_lines(corpus_files, extracted, seed):
    """A row continued on the next line: each cell's tail sits under the cell it belongs to."""
    rng = random.Random(seed)
    out = []
    for line in raw(corpus_files, "001").split("\n"):
        cells = line.split("\t")
        if len(cells) == 4 and re.fullmatch(r"\w{1,2}", cells[0]) and cells[1] != "省级方案内容" and rng.random() < 0.6:
            heads, tails = [cells[0]], [""]
            for cell in cells[1:]:
                # cut between two units or inside running text, never inside a unit's name
                cuts = [m.end() for m in re.finditer(r"[、,。]", cell)] or [len(cell)]
                k = rng.choice(cuts)
                heads.append(cell[:k])
                tails.append(cell[k:])
            out.append("\t".join(heads))
            out.append("\t".join(tails))
        else:
            out.append(line)
    variant = extract_bytes("\n".join(out).encode(), "v.txt")
    assert edges(variant) == edges(extracted["001_eac2c624b6a1218d.txt"])
