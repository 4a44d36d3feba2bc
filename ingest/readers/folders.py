"""Which files of the given files and folders to ingest: recursive, with include and exclude globs.

Files named on the command line are always taken (their content decides the
format). In folders, documents are the files with a known document
extension (.txt .docx .pdf .html .htm …) and the formats policykg cannot
read but people have (.doc, .wps, .ofd …: those are reported with what to
do, not silently passed over); ``--include`` replaces that choice with
globs. Hidden files and folders, Word's lock files (~$name.docx) and the
resource folder a browser saves beside a web page (name_files/) are
skipped. Everything else is counted as ignored, by extension, so nothing
vanishes unseen.

Globs match a file's path relative to the folder given (``drafts/*``,
``**/附件*``) or its name (``*.pdf``); ``*`` also crosses folders.
"""
from __future__ import annotations

import fnmatch
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import FORMATS, UNSUPPORTED

_JUNK_NAMES = {"thumbs.db", "desktop.ini"}


@dataclass
class Selection:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # arguments that do not exist
    excluded: list[str] = field(default_factory=list)  # matched an exclude glob
    ignored: Counter = field(default_factory=Counter)  # not documents, by extension
    skipped_resources: list[str] = field(default_factory=list)  # saved-page resource folders


def _matches(rel: str, name: str, globs: tuple[str, ...]) -> bool:
    for g in globs:
        if fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g):
            return True
        if g.startswith("**/") and (fnmatch.fnmatch(rel, g[3:]) or fnmatch.fnmatch(name, g[3:])):
            return True
    return False


def is_document_name(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in FORMATS or suffix in UNSUPPORTED


def select(paths: list[Path], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
           recursive: bool = True) -> Selection:
    sel = Selection()
    seen: set[str] = set()

    def take(path: Path) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            sel.files.append(path)

    for arg in paths:
        arg = Path(arg)
        if arg.is_file():
            take(arg)
            continue
        if not arg.is_dir():
            sel.missing.append(str(arg))
            continue
        for root, dirs, names in os.walk(arg, followlinks=False):
            here = Path(root)
            pages = {Path(n).stem for n in names if Path(n).suffix.lower() in (".html", ".htm", ".mht", ".mhtml")}
            kept_dirs = []
            for d in sorted(dirs):
                if d.startswith("."):
                    continue
                stem = d[:-6] if d.endswith("_files") else d[:-6] if d.endswith(".files") else None
                if stem is not None and stem in pages:
                    sel.skipped_resources.append(str(here / d))
                    continue
                rel_dir = (here / d).relative_to(arg).as_posix()
                if exclude and (_matches(rel_dir, d, exclude) or _matches(rel_dir + "/", d + "/", exclude)):
                    sel.excluded.append(str(here / d) + "/")
                    continue
                kept_dirs.append(d)
            dirs[:] = kept_dirs if recursive else []
            for name in sorted(names):
                path = here / name
                rel = path.relative_to(arg).as_posix()
                if name.startswith(".") or name.startswith("~$") or name.lower() in _JUNK_NAMES:
                    continue
                if exclude and _matches(rel, name, exclude):
                    sel.excluded.append(str(path))
                    continue
                wanted = _matches(rel, name, include) if include else is_document_name(name)
                if not wanted:
                    sel.ignored[Path(name).suffix.lower() or "(no extension)"] += 1
                    continue
                if path.is_file():
                    take(path)
    return sel
