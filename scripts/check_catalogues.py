"""Fail when any page's catalogue is behind its page: untranslated, fuzzy or obsolete messages.

Compares the templates of the current sources (_build/gettext/**/*.pot, from
``python scripts/build_edition.py gettext``) with locales/<lang>/LC_MESSAGES/**/*.po, without
updating anything (``make gettext`` updates). Per page: messages, translated, untranslated
(empty, or missing from the .po: an English paragraph changed), fuzzy, obsolete (in the .po, no
longer in the page, or kept as #~). Exit status 1 unless every count but translated is 0.

    python scripts/check_catalogues.py [zh_CN] [--counts]   # --counts: report, never fail
"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "_build" / "gettext"
# catalogues of the theme's labels, not of a page
NOT_PAGES = {"sphinx.po", "booktheme.po"}


def read(path):
    with open(path, "rb") as f:
        return read_po(f)


def main(lang="zh_CN", counts_only=False) -> int:
    po_dir = ROOT / "locales" / lang / "LC_MESSAGES"
    pots = {p.relative_to(POT).with_suffix(""): p for p in POT.rglob("*.pot")}
    pos = {p.relative_to(po_dir).with_suffix(""): p for p in po_dir.rglob("*.po")
           if p.name not in NOT_PAGES}
    bad = 0
    print(f"{'page':28} {'msgs':>5} {'words':>6} {'done':>5} {'untr':>5} {'fuzzy':>5} {'obsol':>5}")
    total = [0] * 6
    for page in sorted(set(pots) | set(pos)):
        template = {m.id for m in read(pots[page]) if m.id} if page in pots else set()
        catalogue = read(pos[page]) if page in pos else None
        entries = {m.id: m for m in catalogue if m.id} if catalogue else {}
        done = sum(1 for i in template if i in entries and entries[i].string and not entries[i].fuzzy)
        fuzzy = sum(1 for i in template if i in entries and entries[i].fuzzy)
        untranslated = len(template) - done - fuzzy
        obsolete = len(set(entries) - template) + (len(catalogue.obsolete) if catalogue else 0)
        words = sum(len(i.split()) for i in template)
        row = [len(template), words, done, untranslated, fuzzy, obsolete]
        total = [a + b for a, b in zip(total, row)]
        bad += untranslated + fuzzy + obsolete
        print(f"{str(page):28} " + " ".join(f"{n:>{w}}" for n, w in zip(row, (5, 6, 5, 5, 5, 5))))
    print(f"{'total':28} " + " ".join(f"{n:>{w}}" for n, w in zip(total, (5, 6, 5, 5, 5, 5))))
    if bad and not counts_only:
        print(f"{bad} messages untranslated, fuzzy or obsolete: update the catalogues "
              f"(make gettext) and translate them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(main(*args, counts_only="--counts" in sys.argv))
