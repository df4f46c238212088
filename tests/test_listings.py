"""The package code that chapters show with ``literalinclude`` fits the page's code column.

At desktop widths the book's code is 12.5 px (``_static/rnnbook.css``): 87 columns fit the
article column at 1280 px. A longer line scrolls, and what scrolls out of view is usually the
comment that names the equation.
"""
import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 87
DIRECTIVE = re.compile(r"```\{literalinclude\}\s+\.\./(\S+)\n((?::\w+:.*\n)*)")


def listings():
    """(notebook, path, pyobject or None) for every literalinclude of a chapter."""
    found = []
    for nb_path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(nb_path.read_text())["cells"]:
            for m in DIRECTIVE.finditer("".join(cell["source"])):
                obj = re.search(r":pyobject: (\S+)", m.group(2))
                found.append((nb_path.name, m.group(1), obj.group(1) if obj else None))
    return found


def listed_lines(path, obj):
    source = (ROOT / path).read_text()
    lines = source.splitlines()
    if obj is None:
        return lines
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == obj:
            first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            return lines[first - 1:node.end_lineno]
    raise LookupError(f"{path} has no {obj}")


def test_chapters_show_package_code():
    assert len(listings()) >= 15   # the parser found the directives


@pytest.mark.parametrize("notebook, path, obj", listings())
def test_listing_fits_the_column(notebook, path, obj):
    long_lines = [line for line in listed_lines(path, obj) if len(line) > WIDTH]
    assert not long_lines, f"{notebook} shows {path}:{obj} with lines over {WIDTH} columns"
