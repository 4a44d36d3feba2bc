"""The workload plot for reports: tasks led, cooperated on and targets owned by department (SVG or PNG).

Department names are Chinese, so the plot needs a font with CJK glyphs: the
first one matplotlib finds among the usual families (Debian's fonts-noto-cjk
gives "Noto Sans CJK SC"). Without one the plot is still drawn, and
``cjk_font()`` returning None lets callers say so.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "Microsoft YaHei", "SimHei",
                "PingFang SC", "Noto Sans CJK JP", "Noto Serif CJK SC")
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def _first_cjk(names: set[str]) -> str | None:
    return next((family for family in CJK_FAMILIES if family in names), None)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first CJK family matplotlib can use; None when there is none.

    matplotlib lists the system's fonts once and caches the list: a CJK font installed after that (fonts-noto-cjk
    after the first plot) stays unknown to it and every Chinese name is drawn as boxes. So when no CJK family is
    known, the font files on the system are listed again, the new ones added and the cache written anew."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    found = _first_cjk({f.name for f in manager.ttflist})
    if found is None:
        known = {f.fname for f in manager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # a file FreeType cannot read: not a font we need
                    continue
        found = _first_cjk({f.name for f in manager.ttflist})
        if found is not None:
            _save_font_cache(manager)
    return found


def _save_font_cache(manager) -> None:
    import matplotlib
    from matplotlib import font_manager

    try:
        path = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
        font_manager.json_dump(manager, path)
    except OSError:  # a read-only cache folder: this process still has the font
        pass


def system_cjk_fonts() -> list[str]:
    """CJK font families fontconfig knows (empty when fc-list is missing): tells "not installed" from "installed
    but unusable"."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})


def missing_font_note() -> str | None:
    """What to tell a user whose plot will draw Chinese names as boxes, or None when it will not."""
    if cjk_font() is not None:
        return None
    installed = system_cjk_fonts()
    if installed:
        return (f"CJK fonts are installed ({', '.join(installed[:3])}) but matplotlib cannot use them: department "
                "names in the plot may show as boxes")
    return "no CJK font found (install fonts-noto-cjk): department names in the plot may show as boxes"


def workload_plot(rows: Sequence[Mapping[str, Any]], fmt: str = "svg", top: int = 20,
                  title: str = "Workload by department", fonts: Sequence[str] | None = None) -> bytes:
    """Horizontal bars per department, busiest at the top: tasks led, cooperated on, targets owned.

    ``fonts``: the font families to draw with, in order (default: the CJK family found, then DejaVu Sans)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    chosen = list(rows[:top]) if top else list(rows)
    names = [r["department"] for r in chosen][::-1]
    series = [("led", "tasks led", "#1e3a8a"), ("cooperated", "tasks cooperated on", "#94a3b8"),
              ("targets_owned", "targets owned", "#22c55e")]
    height = max(3.0, 0.42 * len(chosen) + 1.4)
    family = cjk_font()
    rc: Any = {"font.family": list(fonts) if fonts else [family, "DejaVu Sans"] if family else ["DejaVu Sans"], "svg.fonttype": "path",  # glyphs as outlines: the SVG looks the same without the font
          "svg.hashsalt": "policykg"}
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing glyphs when no CJK font is installed
        fig = Figure(figsize=(9, height), dpi=110)
        ax = fig.add_subplot()
        bar = 0.27
        ys = range(len(chosen))
        for i, (key, label, colour) in enumerate(series):
            values = [r.get(key, 0) or 0 for r in chosen][::-1]
            positions = [y + (1 - i) * bar for y in ys]
            bars = ax.barh(positions, values, height=bar, color=colour, label=label)
            ax.bar_label(bars, padding=2, fontsize=7, color="#334155", labels=[str(v) if v else "" for v in values])
        ax.set_yticks(list(ys), names, fontsize=9)
        ax.set_xlabel("count")
        ax.set_title(title + (f" (top {len(chosen)})" if top and len(rows) > len(chosen) else ""), fontsize=12)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color="#e2e8f0", linewidth=0.6)
        ax.set_axisbelow(True)
        if not chosen:
            ax.text(0.5, 0.5, "no departments", ha="center", va="center", transform=ax.transAxes)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()
