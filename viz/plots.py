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
from typing import Any

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "Microsoft YaHei", "SimHei",
                "PingFang SC", "Noto Sans CJK JP", "Noto Serif CJK SC")
FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in names), None)


def workload_plot(rows: Sequence[Mapping[str, Any]], fmt: str = "svg", top: int = 20,
                  title: str = "Workload by department") -> bytes:
    """Horizontal bars per department, busiest at the top: tasks led, cooperated on, targets owned."""
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
    rc = {"font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"], "svg.fonttype": "path",  # glyphs as outlines: the SVG looks the same without the font
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
