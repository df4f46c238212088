"""Numbers for the prose: store a value in the notebook so that a page's text can quote it.

A number that a chapter's text states is computed by a cell and *glued* from it, never typed:
the cell calls ``glue("lstm_acc", acc)`` and the text says
``{glue:text}`02_lstm.ipynb::lstm_acc:.2f```.
A re-execution that moves the result moves the sentence with it, and the Chinese edition
quotes the same stored value. The document-qualified form (``02_lstm.ipynb::key``) is the one
that also resolves inside a translated paragraph.

This writes exactly what MyST-NB's ``myst_nb.glue(name, value, display=False)`` writes (a
display output carrying ``scrapbook`` metadata; tested against it), so the chapters need no
book-building package to run on Binder or Colab. Unlike MyST-NB's, it stores NumPy scalars as
plain Python numbers, whose text (``0.25``, not ``np.float64(0.25)``) the page's format
specification (``:.2f``) can read.
"""
import numbers

import numpy as np

__all__ = ["glue", "glue_list", "listed"]

_PREFIX = "application/papermill.record/"


def glue(name, value):
    """Store ``value`` under ``name`` for ``{glue:text}`` in the page's prose; display nothing.

    Parameters
    ----------
    name : str
        The key, unique within the notebook.
    value : int, float, str or NumPy scalar
        What the prose will quote. Booleans and arrays are refused: the prose quotes numbers
        and words, and an array has no one text.
    """
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty str, got {name!r}")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, str)):
        raise TypeError(f"value must be a number or a str, got {type(value).__name__}")
    from IPython.display import display  # only where a notebook runs it

    display({_PREFIX + "text/plain": repr(value)}, raw=True,
            metadata={"scrapbook": {"name": name, "mime_prefix": _PREFIX}})


def listed(values, fmt="", lang="en"):
    """``values`` formatted with ``fmt`` and joined as a sentence lists them.

    >>> listed([0.5, 0.25, 1.0], ".2f")
    '0.50, 0.25 and 1.00'
    >>> listed([0, 2], "d", lang="zh")
    '0 和 2'
    >>> listed([1], "d")
    '1'
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', got {lang!r}")
    texts = [format(v, fmt) for v in values]
    if not texts:
        raise ValueError("values must not be empty")
    comma, last = (", ", " and ") if lang == "en" else ("、", " 和 ")
    return texts[0] if len(texts) == 1 else comma.join(texts[:-1]) + last + texts[-1]


def glue_list(name, values, fmt="", en="{}", zh="{}"):
    """Glue a list in words twice: ``name`` for the English prose and ``name_zh`` for the
    Chinese edition, whose translation quotes ``name_zh`` (scripts/po_markup.py). ``en`` and
    ``zh`` wrap the list, e.g. ``en="seeds {}"``, ``zh="种子 {}"``."""
    glue(name, en.format(listed(values, fmt)))
    glue(name + "_zh", zh.format(listed(values, fmt, lang="zh")))
