"""Bad input: a clear error naming the file, a non-zero exit, the other files still processed."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from policykg.cli import app


def test_bad_files_are_reported_and_good_ones_still_extracted(tmp_path, corpus_files):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    garbled = tmp_path / "latin.txt"
    garbled.write_bytes(bytes([0xC3, 0x28, 0xFF, 0xFD, 0x81, 0x30]) * 200)
    prose = tmp_path / "prose.txt"
    prose.write_text("这是一段没有任何编号条款的说明文字,不构成政策文件。\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "--format", "json", str(empty), str(binary), str(garbled),
                                 str(prose), str(corpus_files[0])])
    assert result.exit_code == 1
    stderr = result.stderr
    assert f"{empty}: the file is empty" in stderr
    assert f"{binary}: a binary file" in stderr
    assert f"{garbled}: unknown text encoding" in stderr
    assert f"{prose}: no numbered provisions" in stderr
    docs = json.loads(result.stdout)["documents"]
    assert [d["file"] for d in docs] == [corpus_files[0].name]


def test_gb18030_copy_gives_the_same_extraction(tmp_path, corpus_files, extracted):
    for f in corpus_files:
        copy = tmp_path / f.name
        copy.write_bytes(f.read_text(encoding="utf-8").encode("gb18030"))
        from policykg.ingest.extract import extract_file

        again = extract_file(copy)
        assert again.encoding == "gb18030"
        original = extracted[f.name]
        assert again.model_dump(exclude={"encoding"}) == original.model_dump(exclude={"encoding"})
