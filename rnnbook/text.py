"""Characters as numbers (chapter 7): a vocabulary, one-hot codes, the book's corpus, the n-gram
baselines and the properties of Python source that a unit of a trained cell may track.

The corpus is Python source from CPython 3.11's standard library, shipped with the package in
``rnnbook/data/python311_stdlib.txt`` (PSF licence, ``rnnbook/data/LICENSE-PSF.txt``) so that it
is the same text on every machine and every Python version: fifteen small modules, each preceded
by a comment line ``# ---- name.py ----``. :data:`VALID_MODULES` are held out for validation.
"""
from pathlib import Path

import numpy as np

from .validation import check_dtype, check_positive_int

__all__ = ["Vocabulary", "one_hot", "CORPUS_FILE", "TRAIN_MODULES", "VALID_MODULES",
           "read_modules", "load_corpus", "ngram_bits_per_char", "text_properties",
           "PROPERTIES", "fold_lines"]

#: The corpus file (Python 3.11.7 standard-library source, PSF licence).
CORPUS_FILE = Path(__file__).parent / "data" / "python311_stdlib.txt"
#: Modules of the corpus used for training, in file order.
TRAIN_MODULES = ("textwrap", "string", "glob", "calendar", "graphlib", "reprlib", "linecache",
                 "abc", "numbers", "copy", "fnmatch", "colorsys", "bisect")
#: Modules held out for validation.
VALID_MODULES = ("queue", "sched")


class Vocabulary:
    """A fixed set of characters, each with an integer code 0 … size − 1.

    Parameters
    ----------
    chars : str
        The characters, each once; the code of ``chars[k]`` is k.
    """

    def __init__(self, chars):
        if not isinstance(chars, str) or not chars:
            raise TypeError(f"chars must be a non-empty str, got {chars!r}")
        if len(set(chars)) != len(chars):
            raise ValueError("chars must not repeat a character")
        self.chars = chars
        self._index = {ch: k for k, ch in enumerate(chars)}

    @classmethod
    def from_text(cls, text):
        """The vocabulary of the characters that occur in ``text``, sorted by code point."""
        if not isinstance(text, str) or not text:
            raise TypeError("text must be a non-empty str")
        return cls("".join(sorted(set(text))))

    @property
    def size(self):
        """Number of characters."""
        return len(self.chars)

    def __len__(self):
        return len(self.chars)

    def __repr__(self):
        return f"Vocabulary({self.size} characters)"

    def encode(self, text, name="text"):
        """The codes of ``text`` as an int64 array (len(text),).

        Raises ``ValueError`` naming ``name``, the first unknown character and its position.
        """
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a str, got {type(text).__name__}")
        try:
            return np.fromiter((self._index[ch] for ch in text), np.int64, len(text))
        except KeyError:
            pos = next(k for k, ch in enumerate(text) if ch not in self._index)
            raise ValueError(f"{name} has a character that is not in the vocabulary: "
                             f"{text[pos]!r} at position {pos}") from None

    def decode(self, codes):
        """The text of integer ``codes`` (any shape, read in C order)."""
        codes = np.asarray(codes)
        if codes.dtype.kind not in "iu":
            raise TypeError(f"codes must be integers, got dtype {codes.dtype}")
        if codes.size and (codes.min() < 0 or codes.max() >= self.size):
            raise ValueError(f"codes must lie in [0, {self.size}), got values in "
                             f"[{codes.min()}, {codes.max()}]")
        return "".join(self.chars[k] for k in codes.ravel())


def one_hot(codes, size, dtype=np.float64):
    """One-hot rows: ``out[..., k] = 1`` where ``codes[...] == k``; shape ``codes.shape + (size,)``.

    One-hot inputs make a recurrent layer's input kernel ``W_x`` a table of per-character
    columns: ``x_t W_x`` is the row of ``W_x`` for character ``x_t`` (an embedding).
    """
    size = check_positive_int("size", size)
    codes = np.asarray(codes)
    if codes.dtype.kind not in "iu":
        raise TypeError(f"codes must be integer character codes, got dtype {codes.dtype}")
    if codes.size and (codes.min() < 0 or codes.max() >= size):
        raise ValueError(f"codes must lie in [0, {size}), got values in "
                         f"[{codes.min()}, {codes.max()}]")
    return np.eye(size, dtype=check_dtype("dtype", dtype))[codes]


def read_modules(path=CORPUS_FILE):
    """The corpus as ``{module name: source text}``, in file order."""
    text = Path(path).read_text(encoding="ascii")
    modules = {}
    for part in text.split("# ---- ")[1:]:
        header, _, body = part.partition(" ----\n")
        modules[header.removesuffix(".py")] = "# ---- " + header + " ----\n" + body
    return modules


def load_corpus(path=CORPUS_FILE):
    """``(train_text, valid_text)``: the :data:`TRAIN_MODULES` and the :data:`VALID_MODULES`,
    each joined in order (every module starts with its ``# ---- name.py ----`` line)."""
    modules = read_modules(path)
    return ("".join(modules[m] for m in TRAIN_MODULES),
            "".join(modules[m] for m in VALID_MODULES))


def ngram_bits_per_char(train_codes, eval_codes, vocab_size, order, alpha=1.0):
    """Bits per character of an add-α smoothed n-gram model counted on ``train_codes``.

    ``order`` 1 is the unigram model p(x_t) = (N(x_t) + α) / (N + αV); ``order`` 2 the bigram
    model p(x_t | x_{t−1}) = (N(x_{t−1} x_t) + α) / (N(x_{t−1}·) + αV). Both are scored on the
    same characters as a language model that reads ``eval_codes[:-1]``: the targets
    ``eval_codes[1:]``. Returns the mean of −log₂ p over them.
    """
    V = check_positive_int("vocab_size", vocab_size)
    if order not in (1, 2):
        raise ValueError(f"order must be 1 (unigram) or 2 (bigram), got {order!r}")
    if not (isinstance(alpha, (int, float)) and alpha > 0):
        raise ValueError(f"alpha must be a positive number, got {alpha!r}")
    tr, ev = (np.asarray(c) for c in (train_codes, eval_codes))
    for name, c in (("train_codes", tr), ("eval_codes", ev)):
        if c.ndim != 1 or c.dtype.kind not in "iu" or len(c) < 2:
            raise ValueError(f"{name} must be a 1-d integer array of at least 2 codes")
        if c.min() < 0 or c.max() >= V:
            raise ValueError(f"{name} must lie in [0, {V})")
    if order == 1:
        counts = np.bincount(tr, minlength=V) + alpha  # (V,)
        p = counts[ev[1:]] / counts.sum()
    else:
        counts = np.zeros((V, V)) + alpha  # (V, V): counts[previous, next]
        np.add.at(counts, (tr[:-1], tr[1:]), 1)
        p = counts[ev[:-1], ev[1:]] / counts[ev[:-1]].sum(axis=1)
    return float(-np.mean(np.log2(p)))


#: The properties :func:`text_properties` computes, with a short description each.
PROPERTIES = {
    "column": "characters of the current line read so far (0 after a newline)",
    "indent": "leading spaces of the current line read so far",
    "in string": "1 inside a string literal (quotes included), else 0",
    "in comment": "1 inside a # comment, else 0",
    "bracket depth": "nesting depth of (, [, { outside strings and comments",
}


def text_properties(text):
    """Per-character properties of Python source, each an int64 array (len(text),).

    The value at position t describes the text *after reading* ``text[t]``, as a cell's state
    c_t does: after a newline the column and the indentation are 0; the opening quote of a
    string is inside it, and so is its closing quote. A small scanner, not Python's tokenizer,
    so that any slice of a file can be scanned: it knows ``'``, ``"``, triple quotes, backslash
    escapes and ``#`` comments, and ends an unterminated one-line string at the newline.
    Keys: see :data:`PROPERTIES`.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    out = {k: np.zeros(len(text), np.int64) for k in PROPERTIES}
    col = ind = depth = skip = 0
    at_indent, comment, escaped, quote = True, False, False, None
    for t, ch in enumerate(text):
        if ch == "\n":
            col, ind, at_indent, comment, escaped = 0, 0, True, False, False
            if quote in ("'", '"'):
                quote = None
        else:
            col += 1
            if at_indent and ch == " ":
                ind += 1
            else:
                at_indent = False
        inside = quote is not None  # a closing quote is still inside the string
        if skip:  # the 2nd and 3rd character of a triple quote belong to the string
            skip, inside = skip - 1, True
        elif ch == "\n" or comment:
            pass
        elif quote is not None:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif text.startswith(quote, t):
                skip, quote = len(quote) - 1, None
        elif ch == "#":
            comment = True
        elif ch in "'\"":
            quote = ch * 3 if text.startswith(ch * 3, t) else ch
            skip, inside = len(quote) - 1, True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        out["column"][t], out["indent"][t], out["bracket depth"][t] = col, ind, depth
        out["in string"][t] = int(inside or quote is not None)
        out["in comment"][t] = int(comment)
    return out


def fold_lines(text, width=80, mark="\u21aa"):
    """``text`` with every line longer than ``width`` cut into pieces of ``width`` characters,
    each continuation starting with ``mark`` (↪), for printing written text in a narrow
    column. Nothing else is changed: no spaces are added, removed or moved."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    width = check_positive_int("width", width)
    out = []
    for line in text.split("\n"):
        pieces = [line[k:k + width] for k in range(0, len(line), width)] or [""]
        out.append("\n".join([pieces[0]] + [mark + p for p in pieces[1:]]))
    return "\n".join(out)
