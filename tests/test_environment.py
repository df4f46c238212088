"""The environment: the locks against their sources, and rnnbook.interop's install message."""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402


def locked(name):
    return {k: v.split("==", 1)[1].split()[0] for k, v in
            lock.split_entries((ROOT / name).read_text()).items()}


def test_the_lock_pins_every_direct_requirement_as_requirements_in_does():
    pins = {**locked("requirements.txt"), **locked("requirements-nodeps.txt")}
    for name, version in lock.direct_pins(ROOT / "requirements.in").items():
        assert pins.get(name) == version, name


def test_every_locked_line_is_pinned_with_a_hash():
    for name in ("requirements.txt", "requirements-nodeps.txt", "requirements-compat.txt"):
        for entry in lock.split_entries((ROOT / name).read_text()).values():
            assert re.match(r"^[A-Za-z0-9_.-]+==\S+ \\", entry), entry
            assert "--hash=sha256:" in entry, entry


def test_requirements_txt_is_closed_without_tensorflow():
    # Binder runs a plain `pip install -r requirements.txt`: nothing in it may ask for the full
    # tensorflow wheel (tf-keras does, so it lives in requirements-nodeps.txt).
    main = locked("requirements.txt")
    assert "tensorflow" not in main and "tf-keras" not in main
    assert "tensorflow-cpu" in main
    assert list(locked("requirements-nodeps.txt")) == ["tf-keras"]


def test_the_compat_lock_is_the_declared_floor():
    pins = locked("requirements-compat.txt")
    floors = lock.floors()
    assert set(floors) == {"numpy", "matplotlib", "tensorflow-cpu", "keras"}
    for name, version in floors.items():
        assert pins[name] == version, name
    assert pins["tf-keras"].startswith(".".join(floors["tensorflow-cpu"].split(".")[:2]) + ".")


def test_the_readers_install_lines_match_the_lock():
    # README's tf-keras line names the lock's release, which is the newest TensorFlow that the
    # keras extra allows (its upper bound), so the reader's two lines agree with each other.
    minor = ".".join(locked("requirements-nodeps.txt")["tf-keras"].split(".")[:2])
    assert locked("requirements.txt")["tensorflow-cpu"].startswith(minor + ".")
    readme = (ROOT / "README.md").read_text()
    assert f'pip install --no-deps "tf-keras=={minor}.*"' in readme
    assert 'pip install "rnnbook[keras] @ git+https://github.com/rnnbook/rnnbook"' in readme
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    major, m = map(int, minor.split("."))
    floor = lock.floors()["tensorflow-cpu"]
    assert f"tensorflow-cpu>={floor},<{major}.{m + 1}" in project["optional-dependencies"]["keras"]


def test_the_repository_url_is_the_books():
    config = (ROOT / "_config.yml").read_text()
    url = re.search(r"^repository:\s*\n\s+url:\s*(\S+)", config, re.M)[1]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Repository"] == url
    from rnnbook.interop import REPOSITORY
    assert REPOSITORY == url


def first_cell(code):
    """Run a chapter's import cell in a fresh interpreter; returns (returncode, stderr)."""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    return proc.returncode, proc.stderr


HIDE = "import sys\nfor m in {mods!r}: sys.modules[m] = None   # as if not installed\n"


@pytest.mark.parametrize("mods, module, missing", [
    (["tensorflow"], "rnnbook.interop.keras", "tensorflow-cpu"),
    (["keras"], "rnnbook.interop.keras", "keras"),
    (["tf_keras"], "rnnbook.interop.tf1_peephole", "tf-keras"),
])
def test_a_chapter_without_the_extra_stops_with_what_to_install(mods, module, missing):
    rc, err = first_cell(HIDE.format(mods=mods) + f"import rnnbook\nimport {module}\n")
    assert rc == 1
    last = err.strip().splitlines()
    assert any(line.startswith("ImportError: This needs TensorFlow") for line in last), err
    assert f"not installed: {missing}." in err
    assert 'pip install "rnnbook[keras] @ git+https://github.com/rnnbook/rnnbook"' in err
    import rnnbook.interop as interop  # the installed TensorFlow's release, else the extra's
    assert interop.install_lines(None if "tensorflow" in mods else interop._tf_version())[1] in err
    assert "X.Y" not in err
    # raised by rnnbook.interop itself, before anything deep inside TensorFlow runs
    assert "site-packages/tensorflow" not in err and "site-packages/keras" not in err


def test_the_tf_keras_line_names_the_installed_tensorflows_release(monkeypatch):
    import rnnbook.interop as interop
    monkeypatch.setattr(interop, "_version",
                        {"tensorflow-cpu": "2.21.0", "tf-keras": "2.19.0"}.get)
    with pytest.raises(ImportError, match=r"tf-keras 2\.19\.0 does not match TensorFlow 2\.21"
                                          r"\.0(.|\n)*tf-keras==2\.21\.\*"):
        interop.require(tf_keras=True)
    interop.require()                     # chapters without the TF1 cell need no tf-keras
    assert interop.install_lines("2.16.1")[1] == 'pip install --no-deps "tf-keras==2.16.*"'
    # before TensorFlow is installed: the release the extra installs, its upper bound's
    minor = ".".join(locked("requirements-nodeps.txt")["tf-keras"].split(".")[:2])
    assert interop.install_lines()[1] == f'pip install --no-deps "tf-keras=={minor}.*"'


def test_the_installed_environment_passes():
    import rnnbook.interop as interop
    interop.require(tf_keras=True)
