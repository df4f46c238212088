"""Tests for rnnbook.diagrams.gru: the diagram carries the equations' symbols."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from rnnbook.diagrams.gru import draw_gru_cell  # noqa: E402

SYMBOLS = [r"$h_{(t-1)}$", r"$h_{(t)}$", r"$y_{(t)}$", r"$x_{(t)}$", r"$z_{(t)}$", r"$r_{(t)}$",
           r"$g_{(t)}$", r"$1-z_{(t)}$", r"$1-$", "tanh"]


def test_labels():
    fig, ax = draw_gru_cell()
    texts = [t.get_text() for t in ax.texts]
    for sym in SYMBOLS:
        assert sym in texts
    # z ⊗ h_(t−1), r ⊗ h_(t−1), (1 − z) ⊗ g; one ⊕; two sigmoid layers, no output gate
    assert texts.count(r"$\otimes$") == 3 and texts.count(r"$\oplus$") == 1
    assert texts.count(r"$\sigma$") == 2
    assert not any("o_" in t or "c_" in t for t in texts)
    plt.close(fig)
