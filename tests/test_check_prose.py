"""The prose check (scripts/check_prose.py) fails on typed numbers and uncited external figures."""
import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_prose.py"
spec = importlib.util.spec_from_file_location("check_prose", SCRIPT)
check_prose = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_prose)

GLUE = "application/papermill.record/text/plain"


def notebook(path, markdown, glued=None):
    """A two-cell notebook: a code cell storing ``glued`` ({key: text}), then ``markdown``."""
    outputs = [{"output_type": "display_data", "data": {GLUE: text},
                "metadata": {"scrapbook": {"name": key, "mime_prefix": GLUE[:-10]}}}
               for key, text in (glued or {}).items()]
    cells = [{"cell_type": "code", "source": "", "metadata": {}, "outputs": outputs,
              "execution_count": 1},
             {"cell_type": "markdown", "source": markdown, "metadata": {}}]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}))
    return path


def problems(tmp_path, markdown, glued=None, external=None):
    page = notebook(tmp_path / "ch.ipynb", markdown, glued)
    return [p.message for p in check_prose.check_pages([page], external or {}, {"geron2019"})]


def test_a_number_ending_a_line_is_not_a_list_marker(tmp_path):
    (msg,) = problems(tmp_path, "The read-out brings the count to\n4110.\n")
    assert "typed number '4110'" in msg


def test_numbers_inside_a_directive_are_prose(tmp_path):
    md = "````{exercise} A title\n:label: ex-1\n\nWhen did it fall below 0.01?\n````"
    (msg,) = problems(tmp_path, md)
    assert "typed number '0.01'" in msg


def test_typed_number_fails(tmp_path):
    (msg,) = problems(tmp_path, "The LSTM reached an accuracy of 0.93 on the task.")
    assert "typed number '0.93'" in msg


def test_glued_number_passes(tmp_path):
    md = "The LSTM reached an accuracy of {glue:text}`ch.ipynb::acc:.2f` on the task."
    assert problems(tmp_path, md, {"acc": "0.9312"}) == []


@pytest.mark.parametrize("md, fragment", [
    ("accuracy {glue:text}`ch.ipynb::missing:.2f`", "not stored"),
    ("accuracy {glue:text}`acc:.2f`", "not document-qualified"),
    ("accuracy {glue:text}`ch.ipynb::acc`", "not document-qualified"),
    ("accuracy {glue:text}`ch.ipynb::name:.2f`", "could not convert"),
])
def test_broken_glue_fails(tmp_path, md, fragment):
    (msg,) = problems(tmp_path, md, {"acc": "0.93", "name": "'GRU'"})
    assert fragment in msg


def test_external_figure_needs_its_citation(tmp_path):
    external = {("ch", "0.0275"): "geron2019"}
    (msg,) = problems(tmp_path, "Géron's iterative forecast scored 0.0275.", external=external)
    assert "without its citation" in msg
    cited = "Géron's iterative forecast scored 0.0275 {cite}`geron2019`."
    assert problems(tmp_path, cited, external=external) == []


def test_external_figure_with_unknown_source_fails(tmp_path):
    external = {("ch", "0.0275"): "nobody2020"}
    (msg,) = problems(tmp_path, "scored 0.0275 {cite}`nobody2020`.", external=external)
    assert "not a key of references.bib" in msg


def test_stale_external_entry_fails(tmp_path):
    (msg,) = problems(tmp_path, "No figure here.", external={("ch", "0.0275"): "geron2019"})
    assert "no longer states" in msg


@pytest.mark.parametrize("md", [
    "$T = 100$ steps and $$h_{(t)} = 0.5$$",
    "In chapter 2, §6.3, Fig. 3.2, Eq. (2.10) and Exercise 2.4; chapters 2–5.",
    "Call `init_params(2, 20)` on float32 data, a 3-D input, on x86-64.",
    "> <span lang=\"zh\">LSTM 于 1997 年被提出</span>",
    "1. first\n2. second",
    "```python\nx = 42\n```",
])
def test_what_is_not_a_typed_number(tmp_path, md):
    assert problems(tmp_path, md) == []



def test_external_list_read_with_or_without_entries(tmp_path):
    listed = tmp_path / "external.toml"
    listed.write_text("# nothing listed yet\n")
    assert check_prose.load_external(listed) == {}
    listed.write_text('[[number]]\npage = "ch"\ntext = "0.0275"\nsource = "geron2019"\n')
    assert check_prose.load_external(listed) == {("ch", "0.0275"): "geron2019"}


def figure_notebook(path, caption=None, alt=None, glued=None):
    """A notebook whose code cell stores ``glued`` and carries a MyST-NB figure caption and alt."""
    notebook(path, "No number here.", glued)
    nb = json.loads(path.read_text())
    mystnb = {"figure": {"name": "fig-x"}, "image": {}}
    if caption is not None:
        mystnb["figure"]["caption"] = caption
    if alt is not None:
        mystnb["image"]["alt"] = alt
    nb["cells"][0]["metadata"] = {"mystnb": mystnb}
    path.write_text(json.dumps(nb))
    return path


def figure_problems(tmp_path, **kwargs):
    page = figure_notebook(tmp_path / "ch.ipynb", **kwargs)
    return [str(p) for p in check_prose.check_pages([page], {}, {"geron2019"})]


def test_typed_number_in_a_metadata_caption_fails(tmp_path):
    (msg,) = figure_problems(tmp_path, caption="Accuracy after 400 updates, against the lag.")
    assert "[cell 0]: mystnb.figure.caption: typed number '400'" in msg


def test_glued_number_in_a_metadata_caption_passes(tmp_path):
    caption = "Accuracy after {glue:text}`ch.ipynb::updates:d` updates, against the lag."
    assert figure_problems(tmp_path, caption=caption, glued={"updates": "400"}) == []


def test_glue_in_a_metadata_caption_is_validated(tmp_path):
    caption = "Accuracy of a {glue:text}`ch.ipynb::missing:d`-unit RNN."
    (msg,) = figure_problems(tmp_path, caption=caption, glued={"units": "16"})
    assert "mystnb.figure.caption: glue key 'missing' not stored" in msg


def test_alt_text_states_no_number(tmp_path):
    (msg,) = figure_problems(tmp_path, alt="Curves that fall to about 0.011.")
    assert "mystnb.image.alt: typed number '0.011'" in msg
    # alt text is not parsed: a glue role there would show verbatim
    alt = "Curves that fall to about {glue:text}`ch.ipynb::mse:.3f`."
    (msg,) = figure_problems(tmp_path, alt=alt, glued={"mse": "0.011"})
    assert "alt text is plain text" in msg
    assert figure_problems(tmp_path, alt="Curves that fall well below the naive level.") == []
