"""Random and mutated documents through the readers and the parsers: every failure is a reported error.

hypothesis mutates the sample corpus (truncated, lines shuffled, dropped and
repeated, random bytes spliced in, huge lines, random encodings, wrapped in
Word and web pages, damaged PDFs) and makes documents from nothing (random
bytes, random text). Reading and extracting any of them either gives a
document or raises ReadError / ExtractionError, whose message names the file;
no other exception may escape, and none may take long.

The examples are drawn from a fixed seed (derandomize) so that CI sees the
same ones every run; POLICYKG_HYPOTHESIS_EXAMPLES raises their number for a
longer hunt (with POLICYKG_HYPOTHESIS_RANDOM=1 for fresh ones).
"""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from policykg.corpus import sample_corpus_files
from policykg.ingest.extract import ExtractionError
from policykg.ingest.readers import extract_document
from policykg.ingest.reading import ReadError

from . import recipes

EXAMPLES = int(os.environ.get("POLICYKG_HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=30_000, derandomize=not os.environ.get("POLICYKG_HYPOTHESIS_RANDOM"),
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SAMPLES = [f.read_text(encoding="utf-8") for f in sample_corpus_files()]
NAME = "/inbox/文件.txt"


def check(data: bytes, name: str = NAME) -> None:
    try:
        doc, read = extract_document(data, Path(name).name, where=name)
    except (ReadError, ExtractionError) as exc:
        assert name in str(exc), f"the error does not name the file: {exc}"
        return
    assert doc.content_hash and read.text is not None


# -- mutations of a sample's text -------------------------------------------------------------

def truncate(text: str, r: random.Random) -> str:
    return text[: r.randrange(0, len(text) + 1)]


def shuffle_lines(text: str, r: random.Random) -> str:
    lines = text.split("\n")
    r.shuffle(lines)
    return "\n".join(lines)


def drop_and_repeat_lines(text: str, r: random.Random) -> str:
    out = []
    for line in text.split("\n"):
        k = r.random()
        out += [] if k < 0.2 else [line, line] if k > 0.85 else [line]
    return "\n".join(out)


def huge_line(text: str, r: random.Random) -> str:
    pieces = ["（牵头单位：市发展改革委；参与单位：", "一、", "1.", "\t", "市科技局、", "到2025年达到100亿元", "（",
              "〔2024〕", "|", "序号\t内容\t牵头单位", "x" * 50, "。"]
    line = "".join(r.choice(pieces) for _ in range(r.randrange(2_000, 40_000)))
    lines = text.split("\n")
    lines.insert(r.randrange(len(lines) + 1), line)
    return "\n".join(lines)


def splice_chars(text: str, r: random.Random) -> str:
    chars = list(text)
    for _ in range(r.randrange(1, 200)):
        pos = r.randrange(len(chars) + 1)
        chars.insert(pos, chr(r.choice([r.randrange(0x20, 0x7f), r.randrange(0x4e00, 0x9fff), r.randrange(0x3000, 0x3040),
                                        r.randrange(0xff00, 0xffef), r.randrange(0x2460, 0x24ff), 0x09, 0x0a, 0x0d,
                                        r.randrange(0x10000, 0x10ffff)])))
    return "".join(chars)


def tables_everywhere(text: str, r: random.Random) -> str:
    return "\n".join(line.replace("，", "\t", r.randrange(0, 3)) if r.random() < 0.3 else line
                     for line in text.split("\n"))


TEXT_MUTATIONS = [truncate, shuffle_lines, drop_and_repeat_lines, huge_line, splice_chars, tables_everywhere]


def to_bytes(text: str, r: random.Random) -> bytes:
    codec = r.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
    return text.encode(codec, errors="replace") if codec != "gb18030" else text.encode(codec, errors="ignore")


def damage_bytes(data: bytes, r: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(r.randrange(1, 50)):
        op = r.random()
        pos = r.randrange(len(b) + 1)
        if op < 0.4 and b:
            b[min(pos, len(b) - 1)] = r.randrange(256)
        elif op < 0.7:
            b[pos:pos] = bytes(r.randrange(256) for _ in range(r.randrange(1, 20)))
        else:
            del b[pos:pos + r.randrange(1, 200)]
    return bytes(b)


@SETTINGS
@given(sample=st.integers(0, len(SAMPLES) - 1), mutations=st.lists(st.sampled_from(TEXT_MUTATIONS), max_size=3),
       seed=st.integers(0, 2**32 - 1), damage=st.booleans())
def test_mutated_text_documents(sample, mutations, seed, damage):
    r = random.Random(seed)
    text = SAMPLES[sample]
    for mutate in mutations:
        text = mutate(text, r)
    data = to_bytes(text, r)
    if damage:
        data = damage_bytes(data, r)
    check(data)


@SETTINGS
@given(data=st.binary(max_size=5000))
def test_random_bytes(data):
    check(data)


TOKENS = list("一二三四五六七八九十（）()、.．:：;；，。\n\t| 市省县局委厅0123456789〔〕号年") + [
    "牵头单位：", "参与单位：", "责任单位:", "配合", "1.", "（一）", "第一条", "序号", "内容", "牵头单位", "市发展改革委",
    "各县区政府、管委会", "等部门按职责分工负责", "到2025年", "达到", "亿元", "%以上", "菏政办字〔2024〕7号", "\n\n"]


@SETTINGS
@given(text=st.lists(st.sampled_from(TOKENS), max_size=1500).map("".join))
def test_random_policy_shaped_text(text):
    check(text.encode("utf-8"))


@settings(SETTINGS, max_examples=max(10, EXAMPLES // 4))
@given(sample=st.integers(0, len(SAMPLES) - 1), mutations=st.lists(st.sampled_from(TEXT_MUTATIONS), max_size=2),
       fmt=st.sampled_from(["docx", "html"]), seed=st.integers(0, 2**32 - 1), damage=st.booleans())
def test_mutated_word_and_web_documents(sample, mutations, fmt, seed, damage):
    r = random.Random(seed)
    text = SAMPLES[sample]
    for mutate in mutations:
        text = mutate(text, r)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc.{fmt}"
        try:
            if fmt == "docx":
                # Word cannot hold control characters: the recipe refuses them as Word would
                clean = "".join(c for c in text if c in "\t\n" or (ord(c) >= 0x20 and not 0xD800 <= ord(c) < 0xE000))
                recipes.to_docx(clean, path)
            else:
                recipes.to_html(text, path, encoding=r.choice(["utf-8", "gb18030"]))
        except (UnicodeEncodeError, ValueError):
            assume(False)  # the mutated text cannot be written in this format: draw another
        data = path.read_bytes()
    if damage:
        data = damage_bytes(data, r)
    check(data, f"/inbox/文件.{fmt}")


_PDF: list[bytes] = []


def pdf_bytes() -> bytes:
    if not _PDF:
        with tempfile.TemporaryDirectory() as tmp:
            _PDF.append(recipes.to_pdf(SAMPLES[2], Path(tmp) / "s.pdf").read_bytes())
    return _PDF[0]


@settings(SETTINGS, max_examples=max(10, EXAMPLES // 4))
@given(seed=st.integers(0, 2**32 - 1), cut=st.booleans())
def test_damaged_pdfs(seed, cut):
    r = random.Random(seed)
    data = pdf_bytes()
    data = data[: r.randrange(10, len(data))] if cut else damage_bytes(data, r)
    check(data, "/inbox/文件.pdf")
