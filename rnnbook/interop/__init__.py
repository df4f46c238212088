"""TensorFlow and Keras: the only part of rnnbook that imports them.

Install them with ``pip install rnnbook[keras]`` and ``pip install --no-deps tf-keras`` (the
release of the installed TensorFlow: see :func:`require`); the cells need NumPy alone. Importing
this package without TensorFlow or Keras stops with an :class:`ImportError` that says what to
install, and so does importing :mod:`rnnbook.interop.tf1_peephole` without a matching tf-keras.

- :mod:`rnnbook.interop.keras`: weights to and from Keras 3 layers, and Keras's own outputs and
  gradients for the cross-checks;
- :mod:`rnnbook.interop.keras_peephole`: a Keras 3 peephole-LSTM cell written from chapter 3's
  equations;
- :mod:`rnnbook.interop.tf1_peephole`: TensorFlow's own TF1 peephole ``LSTMCell``, run in a child
  process.
"""
import importlib.util
import re
from importlib import metadata

__all__ = ["require", "install_lines"]

#: where readers install rnnbook from (pyproject.toml's Repository URL, as in _config.yml)
REPOSITORY = "https://github.com/rnnbook/rnnbook"
_TF_DISTS = ("tensorflow-cpu", "tensorflow", "tensorflow-macos", "tensorflow-intel")


def _version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _tf_version():
    """The installed TensorFlow's version (from its distribution's metadata; no import)."""
    if importlib.util.find_spec("tensorflow") is None:
        return None
    return next(filter(None, map(_version, _TF_DISTS)), None)


def _minor(version):
    return ".".join(version.split(".")[:2])


def _extra_tf_release():
    """The newest TensorFlow release the keras extra allows ("2.21" for ``<2.22``), or None."""
    try:
        reqs = metadata.requires("rnnbook") or []
    except metadata.PackageNotFoundError:
        return None
    for req in reqs:
        m = re.match(r"tensorflow-cpu\b[^;]*<\s*(\d+)\.(\d+)\b", req.replace(" ", ""))
        if m and int(m[2]) > 0:
            return f"{m[1]}.{int(m[2]) - 1}"
    return None


def install_lines(tf_version=None):
    """The two commands that install everything the chapters import.

    tf-keras's metadata requires the full ``tensorflow`` wheel (the GPU build, beside
    tensorflow-cpu), so it is installed without its dependencies, at the release of the
    installed TensorFlow (``tf_version``), or before that is installed, the newest release the
    keras extra allows (its upper bound; "X.Y" where rnnbook's metadata does not say).
    """
    release = _minor(tf_version) if tf_version else _extra_tf_release()
    tf_keras = f"{release}.*" if release else "X.Y.*"
    return [f'pip install "rnnbook[keras] @ git+{REPOSITORY}"',
            f'pip install --no-deps "tf-keras=={tf_keras}"']


def require(tf_keras=False):
    """Raise an ImportError that says what to install unless TensorFlow and Keras (and, with
    ``tf_keras=True``, tf-keras of the same release as TensorFlow) are installed.

    Checks what is installed without importing TensorFlow.
    """
    tf_version = _tf_version()
    missing = [name for name, ok in (("tensorflow-cpu", tf_version is not None),
                                     ("keras", importlib.util.find_spec("keras") is not None))
               if not ok]
    problem = None
    if tf_keras and importlib.util.find_spec("tf_keras") is None:
        missing.append("tf-keras")
    elif tf_keras and tf_version and _version("tf-keras"):
        if _minor(_version("tf-keras")) != _minor(tf_version):
            problem = (f"tf-keras {_version('tf-keras')} does not match TensorFlow "
                       f"{tf_version} (each tf-keras release works with one TensorFlow release).")
    if not missing and problem is None:
        return
    lines = install_lines(tf_version)
    if "X.Y" in lines[1]:
        lines[1] += "   # X.Y: the TensorFlow release the first line installed"
    if problem is None:
        problem = (f"This needs TensorFlow, Keras and tf-keras (chapter 3's TF1 cell); "
                   f"not installed: {', '.join(missing)}.")
    raise ImportError(
        problem + " Install the book's Keras extra and tf-keras, then restart the kernel:\n\n"
        + "\n".join("    " + line for line in lines)
        + "\n\n(tf-keras goes without its dependencies: its metadata asks for the full "
        "`tensorflow` wheel, the GPU build. In a clone of the book's repository, `make` "
        "installs the whole pinned environment.)")


require()
