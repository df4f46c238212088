"""Each chapter's first cells: the hidden Colab cell installs what the chapters import, and the
import cell reaches rnnbook.interop (whose check says what to install) before TensorFlow or Keras.
"""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def code_cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]
            if c["cell_type"] == "code"]


def tf_keras_release():
    text = (ROOT / "requirements-nodeps.txt").read_text()
    return ".".join(re.search(r"^tf-keras==(\S+)", text, re.M)[1].split(".")[:2])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_colab_cell_installs_the_extra_and_tf_keras(path):
    url = re.search(r"^repository:\s*\n\s+url:\s*(\S+)", (ROOT / "_config.yml").read_text(), re.M)[1]
    colab = code_cells(path)[0]
    assert "google.colab" in colab
    assert f'%pip install --quiet "rnnbook[keras] @ git+{url}"' in colab
    assert f'%pip install --quiet --no-deps "tf-keras=={tf_keras_release()}.*"' in colab


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_import_cell_checks_the_install_before_tensorflow(path):
    lines = code_cells(path)[1].splitlines()
    first = lambda pattern: next((i for i, line in enumerate(lines)  # noqa: E731
                                  if re.match(pattern, line)), len(lines))
    assert first(r"\s*(import|from) rnnbook\.interop") < first(r"\s*(import|from) (tensorflow|keras)\b")
