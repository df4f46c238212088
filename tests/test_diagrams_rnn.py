"""Tests for rnnbook.diagrams.rnn: both figures draw and carry the equations' symbols."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from rnnbook.diagrams.rnn import draw_bptt, draw_rnn  # noqa: E402


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_draw_rnn_labels_and_arguments():
    fig, ax = draw_rnn(T=3)
    texts = _texts(ax)
    assert all(rf"$x_{{({t})}}$" in texts for t in ("t-2", "t-1", "t"))
    assert texts.count(r"$\varphi$") == 4          # the looped layer and three copies
    plt.close(fig)
    for bad in (0, 6, True, 2.0):
        with pytest.raises(ValueError):
            draw_rnn(T=bad)


def test_draw_bptt_shows_both_paths_into_delta():
    fig, ax = draw_bptt()
    assert isinstance(fig, plt.Figure) and ax.figure is fig
    texts = _texts(ax)
    steps = ("t-1", "t", "t+1")
    # at every step: the loss's own gradient, φ'(a_(t)), a sum and a product, δ_(t)
    for t in steps:
        assert rf"$\partial L/\partial Y_{{({t})}}$" in texts
        assert rf"$\varphi'(a_{{({t})}})$" in texts
        assert rf"$\delta_{{({t})}}$" in texts
    assert r"$\delta_{(t+2)}$" in texts                # the chain comes from further right
    assert texts.count("+") == 3 and texts.count(r"$\otimes$") == 3
    assert texts.count(r"$W_y^\intercal$") == 3        # δ_(t+1) W_yᵀ, into each sum
    assert any(r"\delta_{(t+1)} W_y^\intercal" in s for s in texts)  # the equation, step t
    assert all(t.get_fontsize() >= 9 for t in ax.texts)
    plt.close(fig)
