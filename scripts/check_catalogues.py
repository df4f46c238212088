"""Fail when any page's catalogue is behind its page, or a translation lost what it must keep.

Compares the templates of the current sources (_build/gettext/**/*.pot, from
``python scripts/build_edition.py gettext``) with locales/<lang>/LC_MESSAGES/**/*.po, without
updating anything (``make gettext`` updates). Per page: messages, translated, untranslated
(empty, or missing from the .po: an English paragraph changed), fuzzy, obsolete (in the .po, no
longer in the page, or kept as #~), and two checks of each translation:

- markup: the roles, glued numbers, maths, code and notes' quotations of the English message,
  unchanged (scripts/po_markup.py);
- terms: an English term of the glossary (scripts/terms.py) in the message, its Chinese in the
  translation.

Exit status 1 unless every count but translated is 0.

    python scripts/check_catalogues.py [zh_CN] [--counts]   # --counts: report, never fail
"""
import re
import sys
from pathlib import Path

import po_markup
import terms
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "_build" / "gettext"
# catalogues of the theme's labels, not of a page
NOT_PAGES = {"sphinx.po", "booktheme.po"}


def read(path):
    with open(path, "rb") as f:
        return read_po(f)


def term_problems(message, table) -> list[str]:
    """English terms of the glossary in the message whose Chinese is not in the translation."""
    # the notes' own words, and the English gloss in brackets after them (dropped in zh)
    prose = po_markup.without_glosses(message.id)
    prose = po_markup.NOTES.sub(" ", po_markup.ROLE.sub(" ", prose))
    prose = po_markup.CODE.sub(" ", po_markup.MATH.sub(" ", prose))
    # words in quotation marks are somebody's (the notes' in English, Keras's names)
    prose = re.sub(r'"[^"]*"|“[^”]*”', " ", prose)
    out = []
    # longest first: "candidate state" is its own term, not the term "candidate"
    pairs = sorted(((t, forms) for english, forms in table for t in english),
                   key=lambda pair: -len(pair[0]))
    for term, forms in pairs:
        if term.isupper():   # RNN, LSTM, BPTT: the same letters in both editions
            continue
        pattern = rf"\b{re.escape(term)}s?\b"
        if re.search(pattern, prose, re.I):
            prose = re.sub(pattern, " ", prose, flags=re.I)
            if not any(form in message.string for form in forms):
                out.append(f"{term!r} without {forms[0]!r}")
    return out


def main(lang="zh_CN", counts_only=False, pot=POT, po_dir=None, table=None) -> int:
    po_dir = po_dir or ROOT / "locales" / lang / "LC_MESSAGES"
    pots = {p.relative_to(pot).with_suffix(""): p for p in pot.rglob("*.pot")}
    pos = {p.relative_to(po_dir).with_suffix(""): p for p in po_dir.rglob("*.po")
           if p.name not in NOT_PAGES}
    table = terms.table() if table is None else table
    bad, details = 0, []
    head = ("msgs", "words", "done", "untr", "fuzzy", "obsol", "markup", "terms")
    print(f"{'page':24} " + " ".join(f"{h:>6}" for h in head))
    total = [0] * len(head)
    for page in sorted(set(pots) | set(pos)):
        template = {m.id for m in read(pots[page]) if m.id} if page in pots else set()
        catalogue = read(pos[page]) if page in pos else None
        entries = {m.id: m for m in catalogue if m.id} if catalogue else {}
        done = [entries[i] for i in template
                if i in entries and entries[i].string and not entries[i].fuzzy]
        fuzzy = sum(1 for i in template if i in entries and entries[i].fuzzy)
        untranslated = len(template) - len(done) - fuzzy
        obsolete = len(set(entries) - template) + (len(catalogue.obsolete) if catalogue else 0)
        markup = [(m, p) for m in done for p in po_markup.problems(m)]
        wrong_terms = [(m, p) for m in done for p in term_problems(m, table)]
        details += [f"{page}: {m.id[:60]!r}: {p}" for m, p in markup + wrong_terms]
        words = sum(len(i.split()) for i in template)
        row = [len(template), words, len(done), untranslated, fuzzy, obsolete,
               len(markup), len(wrong_terms)]
        total = [a + b for a, b in zip(total, row)]
        bad += sum(row[3:])
        print(f"{str(page):24} " + " ".join(f"{n:>6}" for n in row))
    print(f"{'total':24} " + " ".join(f"{n:>6}" for n in total))
    print("\n".join(details))
    if bad and not counts_only:
        print(f"{bad} problems: update the catalogues (make gettext), translate what is new or "
              f"changed, and keep each message's markup and terms", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(*args, counts_only="--counts" in sys.argv))
