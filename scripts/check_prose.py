"""The prose check (``make test``): no number in a page's text is typed by hand.

A number a reader sees in the prose of a chapter is one of:

- **glued** from the cell that computed it: ``{glue:text}`02_lstm.ipynb::key:.2f``` (the
  document-qualified form, which also resolves in the Chinese edition). The check proves that
  the notebook named stores that key and that the format specification applies to its value;
- **mathematics** (``$T = 100$``, ``$$ … $$``, ``{math}``) or **code** (```` `n_units=20` ````);
- a **reference** to the book's own structure: chapter, section (§), figure, equation,
  exercise or table numbers, and list markers;
- a **quotation** (a ``>`` block: the notes, quoted verbatim);
- an **external figure**, listed in ``chapters/external_numbers.toml`` with its source: a key
  of ``references.bib``, cited (``{cite}``) in the same markdown cell, or a file of the
  repository that contains the figure (for versions the environment pins).

The same holds for the figure captions and alt text that a code cell's metadata holds
(``metadata.mystnb.figure.caption``, ``metadata.mystnb.image.alt``, ``…figure.alt``): MyST-NB
renders a caption with MyST, so it is checked exactly like a markdown cell. Alt text is plain
text (MyST-NB passes it to the image unparsed), so a role or ``$…$`` there would show verbatim;
it is reported, and alt text states no number at all (describe the figure in words).

Anything else is reported with its page, cell and context, and the exit status is 1. So are
listed external figures that no page uses any more, unknown citation keys and glue references
that do not resolve.

Usage: python scripts/check_prose.py [pages …]  (default: every page of _toc.yml)
"""
import ast
import json
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT / "chapters" / "external_numbers.toml"
BIB = ROOT / "references.bib"
GLUE_MIME = "application/papermill.record/text/plain"

# What a reader sees as a number: digits, thousands separators, a decimal part, a sign. Digits
# inside a word or identifier (float32, x86-64, h1, 3-D, seq2seq) are not numbers in prose.
NUMBER = re.compile(r"(?<![\w.\-/])[-−]?\d[\d,]*(?:\.\d+)?(?![\w]|-[A-Za-z]|\.\d)")
# The book's own structure: "chapter 2", "chapters 2–5", "§6.3", "Fig. 3.2", "Eq. (2.10)",
# "Exercise 2.4", "Table 5.1", "Figs. 2.5 and 2.6".
REF_WORDS = (r"(?:chapters?|ch\.|sections?|§|figs?\.|figures?|eqs?\.|equations?|exercises?|"
             r"tables?|parts?|items?|terms?|listing)")
REF_NUMBER = r"\(?\d+(?:[.\-–]\d+)*\)?"
STRUCTURE = re.compile(
    rf"{REF_WORDS}\s*{REF_NUMBER}(?:\s*(?:,|and|or|to|–|-)\s*{REF_NUMBER})*", re.IGNORECASE)
# A list item's number: one or two digits at the start of a line, then text on the same line.
LIST_MARKER = re.compile(r"^([ \t]*)\d{1,2}[.)](?=[ \t]+\S)", re.MULTILINE)
CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
GLUE_ROLE = re.compile(r"\{glue(?::\w*)?\}`([^`]*)`")
# Stripped before looking for numbers: math, code, roles, link targets, tags, labels.
STRIP = [
    re.compile(r"^(```+|:::+)\{(?:math|code-cell|literalinclude|code|glue:\w*)\}.*?^\1",
               re.MULTILINE | re.DOTALL),
    re.compile(r"^(```+)(?![`{]).*?^\1(?!`)", re.MULTILINE | re.DOTALL),  # fenced code
    re.compile(r"\$\$.*?\$\$", re.DOTALL),
    re.compile(r"(?<!\\)\$(?:[^$\n]|\n(?!\s*\n))+?(?<!\\)\$"),  # inline, within a paragraph
    re.compile(r"\{[\w:-]+\}`[^`]*`"),                                 # roles: glue, cite, ref…
    re.compile(r"`[^`\n]*`"),                                          # inline code
    re.compile(r"^(?:```+|:::+)\{[\w:-]+\}.*$", re.MULTILINE),         # directive line + args
    re.compile(r"^:[\w-]+:.*$", re.MULTILINE),                         # directive options
    re.compile(r"^\s*>.*$", re.MULTILINE),                             # quotations
    re.compile(r"^\([\w-]+\)=\s*$", re.MULTILINE),                     # labels
    re.compile(r"\]\([^)]*\)"),                                        # link targets
    re.compile(r"\[\^[\w-]+\]"),                                       # footnote marks
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<[^>\n]+>"),                                          # HTML tags (not text)
]


@dataclass
class Problem:
    page: str
    cell: int
    message: str

    def __str__(self):
        return f"{self.page} [cell {self.cell}]: {self.message}"


def toc_pages():
    """The pages of _toc.yml, as paths (chapters/xx.ipynb or .md)."""
    names = re.findall(r"(?:root|file):\s*(\S+)", (ROOT / "_toc.yml").read_text())
    pages = []
    for name in names:
        for suffix in (".ipynb", ".md"):
            if (ROOT / (name + suffix)).exists():
                pages.append(ROOT / (name + suffix))
    return pages


def markdown_cells(path):
    """(index, source) of each markdown cell; a .md page is one cell."""
    if path.suffix == ".md":
        return [(0, path.read_text())]
    nb = json.loads(path.read_text())
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"])
            if c["cell_type"] == "markdown"]


# Keys of a code cell's metadata whose text a reader sees: MyST-NB's figure caption (rendered
# with MyST) and image or figure alt text (plain text).
CAPTION_KEYS = ("caption",)
ALT_KEYS = ("alt",)
# What alt text cannot hold: it is not parsed, so a role, maths or code would show verbatim.
NOT_PLAIN = re.compile(r"\{[\w:-]+\}`[^`]*`|`[^`\n]*`|(?<!\\)\$")


def metadata_texts(path):
    """(index, field, text) of each caption and alt text in a notebook's code cells' metadata.

    ``field`` is the dotted path in the cell's metadata, e.g. ``mystnb.figure.caption``.
    """
    if path.suffix != ".ipynb":
        return []
    found = []

    def walk(index, node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key in CAPTION_KEYS + ALT_KEYS:
                    found.append((index, ".".join(where + (key,)), value))
                else:
                    walk(index, value, where + (key,))
        elif isinstance(node, list):
            for item in node:
                walk(index, item, where)

    for index, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] == "code":
            walk(index, cell.get("metadata", {}), ())
    return found


def page_texts(path):
    """(index, field, text) of everything a reader sees as prose: markdown cells (field ``""``),
    then captions and alt text in code cells' metadata."""
    return ([(index, "", source) for index, source in markdown_cells(path)]
            + metadata_texts(path))


def stored_glue(path):
    """{key: stored text} of the glue outputs a notebook holds."""
    if path.suffix != ".ipynb" or not path.exists():
        return {}
    found = {}
    for cell in json.loads(path.read_text())["cells"]:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook")
            if meta and GLUE_MIME in out.get("data", {}):
                found[meta["name"]] = "".join(out["data"][GLUE_MIME])
    return found


def format_glued(text, spec):
    """Apply a glue format specification as MyST-NB does (raises where MyST-NB would fail)."""
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError):
        value = text
    kind = spec[-1] if spec else "s"
    if kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    else:
        value = str(value)
    return format(value, spec)


def check_glue(path, index, source, cache, where=""):
    page = path.stem
    problems = []
    for ref in GLUE_ROLE.findall(source):
        # parsed as MyST-NB parses it: the format after the last colon, then doc::key
        target, spec = ref.rsplit(":", 1) if ":" in ref else (ref, "s")
        if "::" not in target:
            problems.append(Problem(page, index, f"{where}glue reference {ref!r} is not document-"
                                    "qualified with a format (notebook.ipynb::key:.2f)"))
            continue
        doc, key = target.split("::", 1)
        target = (path.parent / doc).resolve()
        if target not in cache:
            cache[target] = stored_glue(target)
        if key not in cache[target]:
            problems.append(Problem(page, index, f"{where}glue key {key!r} not stored in {doc}"))
            continue
        try:
            format_glued(cache[target][key], spec)
        except (TypeError, ValueError) as exc:
            problems.append(Problem(page, index, f"{where}glue {ref!r}: {exc}"))
    return problems


def prose_numbers(source):
    """The numbers a reader sees in a markdown cell's prose, with some context each."""
    text = source
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    text = STRUCTURE.sub(" ", text)
    text = LIST_MARKER.sub(r"\1", text)
    found = []
    for m in NUMBER.finditer(text):
        context = " ".join(text[max(0, m.start() - 40):m.end() + 25].split())
        found.append((m.group().lstrip("-−"), context))
    return found


def load_external(path=EXTERNAL):
    """{(page stem, number): source} from external_numbers.toml."""
    entries = tomllib.loads(path.read_text()).get("number", []) if path.exists() else []
    return {(e["page"], e["text"]): e["source"] for e in entries}


def check_pages(pages, external=None, bib_keys=None):
    external = load_external() if external is None else external
    bib_keys = set(re.findall(r"^@\w+\{([^,]+),", BIB.read_text(), re.MULTILINE)) \
        if bib_keys is None else bib_keys
    problems, used, cache = [], set(), {}
    checked_stems = {Path(p).stem for p in pages}
    for path in map(Path, pages):
        page = path.stem
        for index, field, source in page_texts(path):
            where = f"{field}: " if field else ""
            is_alt = field.rsplit(".", 1)[-1] in ALT_KEYS
            if is_alt:
                for m in NOT_PLAIN.finditer(source):
                    context = " ".join(source[max(0, m.start() - 40):m.end() + 25].split())
                    problems.append(Problem(page, index, f"{where}alt text is plain text, "
                                            f"{m.group()!r} would show verbatim: …{context}…"))
            problems += check_glue(path, index, source, cache, where)
            cited = {k.strip() for keys in CITE.findall(source) for k in keys.split(",")}
            for number, context in prose_numbers(source):
                source_of = external.get((page, number))
                if source_of is None:
                    fix = ("alt text cannot glue: say it in words" if is_alt
                           else "glue it from the cell that computes it")
                    problems.append(Problem(page, index, f"{where}typed number {number!r} "
                                            f"({fix}): …{context}…"))
                    continue
                used.add((page, number))
                if source_of.startswith("file:"):
                    file = ROOT / source_of[5:]
                    if not file.exists() or number not in file.read_text():
                        problems.append(Problem(page, index, f"{number!r} is not in {file}"))
                elif source_of not in bib_keys:
                    problems.append(Problem(page, index, f"{number!r}: source {source_of!r} "
                                            "is not a key of references.bib"))
                elif source_of not in cited:
                    problems.append(Problem(page, index, f"{where}external figure {number!r} "
                                            f"without its citation {{cite}}`{source_of}` in the "
                                            f"cell: …{context}…"))
    for page, number in sorted(set(external) - used):
        if page in checked_stems:
            problems.append(Problem(page, -1, f"external_numbers.toml lists {number!r}, "
                                    "which the page no longer states"))
    return problems


def main(argv):
    pages = [Path(p).resolve() for p in argv] or toc_pages()
    problems = check_pages(pages)
    for problem in problems:
        print(problem)
    print(f"prose check: {len(pages)} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
