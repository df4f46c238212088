"""What a translation must carry over from its English message unchanged.

A translated message is re-parsed on its own by Sphinx, so whatever it drops is silently gone
from the Chinese page: a glued number, a citation, an equation, a cross-reference. Per message,
the translation must hold the same

- roles with their targets: ``{glue:text}`02_lstm.ipynb::key:.2f```, ``{cite}`...```,
  ``{eq}`...```, ``{doc}`...```; for ``{ref}`` and ``{numref}`` only the label after ``<``
  (the link text is translated). A glued string written in words has a Chinese twin that the
  same cell glues as ``key_zh`` ("seeds 0 and 2" / "种子 0 和 2"); either counts as ``key``;
- inline maths ``$...$`` and ``$$...$$``, inline code, link targets ``](...)``;
- the notes' own words, ``<span lang="zh">...</span>``, verbatim (the English gloss in
  brackets right after them is not carried over: the Chinese reader reads the original).

scripts/check_catalogues.py applies this to every translated message.
"""
import re
from collections import Counter

ROLE = re.compile(r"\{([a-z:]+)\}`([^`]*)`")
LABELLED = {"ref", "numref", "term"}   # link text translated, target kept
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$", re.S)
CODE = re.compile(r"(?<![}`])`([^`]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
NOTES = re.compile(r'<span lang="zh">.*?</span>', re.S)
# the English gloss right after the notes' words: "</span> (gloss)" or "</span>, *gloss*"
GLOSS = re.compile(r"(</span>)(?:\s*\([^)]*\)|,\s*\*[^*]+\*)")


def without_glosses(text: str) -> str:
    return GLOSS.sub(r"\1", text)


def protected(text: str) -> Counter:
    """The parts of one message that must survive translation, as a multiset."""
    found = Counter()
    text = without_glosses(text)
    for role, target in ROLE.findall(text):
        if role in LABELLED:
            target = target.rsplit("<", 1)[-1].rstrip(">").strip()
        if role.startswith("glue"):   # key_zh: the same value, glued in Chinese words
            target = re.sub(r"_zh(?=:[^:]*$|$)", "", target)
        found[f"{{{role}}}{target}"] += 1
    bare = ROLE.sub(" ", text)
    found.update(f"math {m}" for m in MATH.findall(bare))
    found.update(f"code {c}" for c in CODE.findall(MATH.sub(" ", bare)))
    found.update(f"link {u}" for u in LINK.findall(text))
    found.update(f"notes {s}" for s in NOTES.findall(text))
    return found


def problems(message) -> list[str]:
    """What the translation of one Babel message lost or added."""
    if not message.id or not message.string:
        return []
    source, target = protected(message.id), protected(message.string)
    return [f"lost {k!r}" for k in source - target] + [f"added {k!r}" for k in target - source]
