"""The terminology of both editions: the intro's glossary, read as an English -> 中文 table.

Each glossary entry gives one or more English terms (one per line) and, first in its
definition, the Chinese term as ``<span lang="zh">...</span>``, possibly with a short form in
full-width brackets: ``<span lang="zh">截断的随时间反向传播（截断 BPTT）</span>``.
An entry whose first Chinese is a quotation of the notes (in “...”) has no term of its own
and is skipped. The table feeds the Chinese search's word list (scripts/build_edition.py) and
the catalogue check (scripts/check_catalogues.py: a translated message that uses an English
term uses its Chinese).

    python scripts/terms.py          # print the table
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "chapters" / "intro.md"
ZH = re.compile(r'<span lang="zh">([^<“”]+)</span>')


def table(path=GLOSSARY) -> list[tuple[list[str], list[str]]]:
    """[(English terms, Chinese forms)] in the glossary's order; the first form is the term."""
    text = path.read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries = []
    for chunk in re.split(r"\n\s*\n", block.strip("\n")):
        lines = chunk.splitlines()
        english = [line.strip() for line in lines if line and not line[0].isspace()]
        definition = " ".join(line.strip() for line in lines if line[:1].isspace())
        first = re.search(r'<span lang="zh">([^<]*)</span>', definition)
        if english and first and ZH.fullmatch(first.group(0)):
            forms = [f.strip() for f in re.split(r"[（）]", first.group(1)) if f.strip()]
            entries.append((english, forms))
    return entries


def words() -> list[str]:
    """The Chinese terms as single words (for the search's word splitter)."""
    return [form for _, forms in table() for form in forms]


if __name__ == "__main__":
    rows = table()
    for english, forms in rows:
        print(f"{' / '.join(english):42} {' / '.join(forms)}")
    print(f"{len(rows)} terms")
