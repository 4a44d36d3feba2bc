"""The two consoles every command prints to: results on stdout, errors on stderr.

soft_wrap: a line of text is never broken at the terminal's width (tables still fit it),
so messages stay greppable and copy-pasteable commands stay whole.
"""
from rich.console import Console

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
