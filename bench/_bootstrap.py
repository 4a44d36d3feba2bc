"""Imported first by every benchmark script.

Run as ``python bench/x.py``, bench/ is sys.path[0], and bench/ingest.py and
bench/api.py would shadow the ``ingest`` and ``api`` packages: take bench/
off the path and put the repository root on it.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent))
