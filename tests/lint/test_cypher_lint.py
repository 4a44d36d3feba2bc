"""The offline Neo4j 5 Cypher check (queries/lint/lint.mjs) and the query catalog.

Runs the node script as CI does. Needs `node` and `npm ci --prefix queries/lint`;
skips (saying which is missing) without them.
Each bad sample in queries/lint/testdata/bad carries `// expect: SEVERITY TEXT`:
the diagnostic it must raise and its severity without --strict.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = ROOT / "queries" / "lint"
SCRIPT = LINT_DIR / "lint.mjs"
TESTDATA = LINT_DIR / "testdata"
NODE = shutil.which("node")

if NODE is None:
    pytest.skip("`node` is not on PATH (install Node.js >= 20)", allow_module_level=True)
if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
    pytest.skip(
        "queries/lint/node_modules is not installed: run `npm ci --prefix queries/lint`",
        allow_module_level=True,
    )

BAD_FILES = sorted((TESTDATA / "bad").glob("*.cypher"))
GOOD_FILES = sorted((TESTDATA / "good").glob("*.cypher"))
LINE = re.compile(r"^(?P<file>.+?\.cypher):(?P<line>\d+):(?P<col>\d+) (?P<sev>error|warning|info|hint) (?P<msg>.*)$")


def lint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NODE, str(SCRIPT), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def diagnostics(proc: subprocess.CompletedProcess[str]) -> dict[str, list[re.Match[str]]]:
    """Output lines grouped by file name; every stdout line must parse."""
    by_file: dict[str, list[re.Match[str]]] = {}
    for line in proc.stdout.splitlines():
        m = LINE.match(line)
        assert m, f"unparsable output line: {line!r}"
        by_file.setdefault(Path(m["file"]).name, []).append(m)
    return by_file


def expectation(path: Path) -> tuple[str, str]:
    m = re.search(r"^// expect: (error|warning) (.+)$", path.read_text("utf-8"), re.M)
    assert m, f"{path} has no `// expect: SEVERITY TEXT` line"
    return m[1], m[2]


# One run per mode over all samples: each run costs ~2 s of start-up.
@pytest.fixture(scope="module")
def plain() -> subprocess.CompletedProcess[str]:
    return lint(TESTDATA)


@pytest.fixture(scope="module")
def strict() -> subprocess.CompletedProcess[str]:
    return lint("--strict", TESTDATA)


def test_samples_exist():
    assert len(GOOD_FILES) >= 3 and len(BAD_FILES) >= 4


def test_runs_and_fails_on_bad_samples(plain, strict):
    for proc in (plain, strict):
        assert proc.returncode == 1, proc.stderr
        assert "file(s)" in proc.stderr  # the summary line


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.stem)
def test_good_sample_is_clean_even_strict(strict, path):
    # Also proves `$param`s are not reported: every good sample uses some.
    assert path.name not in diagnostics(strict), strict.stdout


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_bad_sample_reports_expected_diagnostic(plain, strict, path):
    severity, text = expectation(path)
    found = [m for m in diagnostics(plain).get(path.name, []) if text in m["msg"]]
    assert found, f"{path.name}: no diagnostic containing {text!r}:\n{plain.stdout}"
    assert found[0]["sev"] == severity
    # --strict makes every diagnostic an error.
    strict_found = [m for m in diagnostics(strict).get(path.name, []) if text in m["msg"]]
    assert strict_found and all(m["sev"] == "error" for m in strict_found)


def test_position_is_one_based_and_counts_header_lines(plain):
    (m,) = diagnostics(plain)["misspelled_label.cypher"]
    # Line 3 is `MATCH (d:Department)-[:LEADS]->(t:Taks)`; `Taks` starts at column 35.
    assert (m["line"], m["col"]) == ("3", "35")


def test_unknown_label_passes_without_strict():
    proc = lint(TESTDATA / "bad" / "misspelled_label.cypher")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " warning Label Taks " in proc.stdout


def test_schema_option_is_used(tmp_path):
    schema = json.loads((LINT_DIR / "schema.json").read_text("utf-8"))
    schema["labels"].remove("Document")
    custom = tmp_path / "schema.json"
    custom.write_text(json.dumps(schema), "utf-8")
    proc = lint("--strict", "--schema", custom, TESTDATA / "good" / "tasks_led_by_department.cypher")
    assert proc.returncode == 1
    assert "Label Document is not present" in proc.stdout


def test_setup_problems_exit_2(tmp_path):
    bad_schema = tmp_path / "schema.json"
    # A misspelt key would silently turn a check off, so it is refused.
    bad_schema.write_text(json.dumps({"labels": [], "relationshipType": [], "propertyKeys": []}))
    for args in (["--schema", bad_schema, TESTDATA], ["--schema", tmp_path / "nope.json", TESTDATA], []):
        proc = lint(*args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "usage:" in proc.stderr


def test_catalog_is_clean():
    """The real catalog, queries/**/*.cypher (testdata is skipped), as CI checks it."""
    proc = lint("--strict", ROOT / "queries")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_store_codes_own_cypher_is_neo4j_5_cypher_too(tmp_path):
    """Statements the store code writes itself, outside the catalog, run on Neo4j as well: the relink's flat reads
    (each list with every relationship type it may name) and the store's version and format marks."""
    from policykg.graph import repository
    from policykg.graph.linking import store

    texts = {"tasks_of": store._TASKS_OF, "documents_of": store._DOCUMENTS_OF,
             "version": repository.STORE_VERSION, "stamp": repository.STORE_STAMP,
             "format_read": repository.STORE_FORMAT_READ, "format_mark": repository.STORE_FORMAT_MARK}
    for column, (types, query) in store._LISTS.items():
        texts[f"list_{column}"] = query.replace("{types}", "|".join(types)) + store._COLLECT
    for name, text in texts.items():
        (tmp_path / f"{name}.cypher").write_text(text + "\n", "utf-8")
    proc = lint("--strict", tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(texts)} file(s)" in proc.stderr
