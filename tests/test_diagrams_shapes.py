"""Tests for rnnbook.diagrams.shapes: four panels, each with its inputs and outputs."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from rnnbook.diagrams.shapes import SHAPES, draw_shapes  # noqa: E402


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_four_panels_with_their_inputs_and_outputs():
    fig, axes = draw_shapes(T=4)
    assert [ax.get_title() for ax in axes] == [title for title, _ in SHAPES]
    seq2seq, seq2vec, vec2seq, encdec = (_texts(ax) for ax in axes)
    xs = [rf"$x_{{({t})}}$" for t in range(4)]
    ys = [rf"$y_{{({t})}}$" for t in range(4)]
    assert all(s in seq2seq for s in xs + ys)
    assert all(s in seq2vec for s in xs + ys)  # outputs drawn; all but the last greyed
    grey = [t.get_text() for t in axes[1].texts
            if t.get_text().startswith("$y") and t.get_color() != "#111111"]
    assert grey == ys[:3]
    assert vec2seq.count("$x$") == 4 and all(s in vec2seq for s in ys)
    assert all(s in encdec for s in xs[:3]) and encdec.count(r"$\hat y_{(0)}$") == 1
    assert "encoder" in encdec and "decoder" in encdec
    for ax, (_, keras) in zip(axes, SHAPES):
        assert f"Keras: {keras}" in _texts(ax)
    plt.close(fig)


def test_bad_T():
    with pytest.raises(ValueError, match="T must be an int >= 3"):
        draw_shapes(T=2)
