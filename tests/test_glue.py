"""rnnbook.glue writes what MyST-NB's glue writes, with NumPy scalars as plain numbers."""
import numpy as np
import pytest

from rnnbook.glue import glue


def _captured(monkeypatch, target, call):
    seen = []
    monkeypatch.setattr(target, lambda obj, **kw: seen.append((obj, kw)))
    call()
    (out,) = seen
    return out


@pytest.mark.parametrize("value", [3.25, 7, "GRU"])
def test_same_output_as_myst_nb(monkeypatch, value):
    myst_glue = pytest.importorskip("myst_nb.ext.glue")
    ours = _captured(monkeypatch, "IPython.display.display", lambda: glue("k", value))
    theirs = _captured(monkeypatch, "myst_nb.ext.glue.ipy_display",
                       lambda: myst_glue.glue("k", value, display=False))
    assert ours == theirs


@pytest.mark.parametrize("value, text", [(np.float32(0.5), "0.5"), (np.int64(12), "12"),
                                         (np.float64(3.66), "3.66")])
def test_numpy_scalars_stored_as_python_numbers(monkeypatch, value, text):
    bundle, _ = _captured(monkeypatch, "IPython.display.display", lambda: glue("k", value))
    assert bundle == {"application/papermill.record/text/plain": text}


@pytest.mark.parametrize("name, value, match", [("", 1.0, "name"), (3, 1.0, "name"),
                                                ("k", np.ones(2), "value"),
                                                ("k", True, "value")])
def test_bad_input(name, value, match):
    with pytest.raises(TypeError, match=match):
        glue(name, value)


@pytest.mark.parametrize("values, fmt, lang, text", [
    ([0.5, 0.25, 1.0], ".2f", "en", "0.50, 0.25 and 1.00"),
    ([0.5, 0.25, 1.0], ".2f", "zh", "0.50、0.25 和 1.00"),
    ([0, 2], "d", "en", "0 and 2"), ([0, 2], "d", "zh", "0 和 2"),
    ([1], "d", "en", "1"), ([-0.38, 0.26], "+.2f", "en", "-0.38 and +0.26")])
def test_listed(values, fmt, lang, text):
    from rnnbook.glue import listed
    assert listed(values, fmt, lang) == text


def test_listed_bad_input():
    from rnnbook.glue import listed
    with pytest.raises(ValueError, match="lang"):
        listed([1], lang="fr")
    with pytest.raises(ValueError, match="values"):
        listed([])


def test_glue_list_glues_both_languages(monkeypatch):
    from rnnbook.glue import glue_list
    seen = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: seen.append((obj, kw)))
    glue_list("drop", [0, 2], "d", en="seeds {}", zh="种子 {}")
    names = [kw["metadata"]["scrapbook"]["name"] for _, kw in seen]
    texts = [next(iter(obj.values())) for obj, _ in seen]
    assert names == ["drop", "drop_zh"] and texts == ["'seeds 0 and 2'", "'种子 0 和 2'"]
