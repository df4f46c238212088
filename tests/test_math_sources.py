"""TeX in the chapters' prose that MathJax would read differently from what it says.

``\\begin{aligned}`` followed by ``[`` takes the bracket as the environment's optional argument:
the cheat-sheet's reset-after GRU lost its left-hand side ``[z, r]`` that way, and the equation
began with "=". Brace it: ``{[z, r]}``.
"""
import json
import re
from pathlib import Path

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
OPTIONAL_ARGUMENT = re.compile(r"\\begin\{(aligned|alignedat|gathered|array)\}\s*\[")


def markdown_sources():
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        for k, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {k}", "".join(cell["source"])
    for path in sorted(CHAPTERS.glob("*.md")):
        yield path.name, path.read_text()


def bracket_after_begin(text):
    return [m.group(0) for m in OPTIONAL_ARGUMENT.finditer(text)]


def test_no_bracket_right_after_an_environment():
    found = {where: hits for where, text in markdown_sources()
             if (hits := bracket_after_begin(text))}
    assert not found, found


def test_the_check_sees_the_cheatsheet_bug():
    assert bracket_after_begin("\\begin{aligned}\n[\\,z_{(t)},\\ r_{(t)}\\,] &= 1")
    assert not bracket_after_begin("\\begin{aligned}\n{[\\,z_{(t)},\\ r_{(t)}\\,]} &= 1")
