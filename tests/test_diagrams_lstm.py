"""Tests for rnnbook.diagrams.lstm: the diagram carries the equations' symbols."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from rnnbook.diagrams.lstm import draw_lstm_cell  # noqa: E402

SYMBOLS = [r"$c_{(t-1)}$", r"$c_{(t)}$", r"$h_{(t-1)}$", r"$h_{(t)}$", r"$y_{(t)}$", r"$x_{(t)}$",
           r"$f_{(t)}$", r"$i_{(t)}$", r"$g_{(t)}$", r"$o_{(t)}$"]
PEEPS = [r"$p_i$", r"$p_f$", r"$p_o$"]


@pytest.mark.parametrize("peepholes", [False, True])
def test_labels(peepholes):
    fig, ax = draw_lstm_cell(peepholes=peepholes)
    texts = [t.get_text() for t in ax.texts]
    for sym in SYMBOLS:
        assert sym in texts
    assert all((p in texts) == peepholes for p in PEEPS)
    assert texts.count(r"$\otimes$") == 3 and texts.count(r"$\oplus$") == 1
    plt.close(fig)


def test_backward_diagram_draws_both_paths():
    from rnnbook.diagrams.lstm import GRADIENT_COLORS, draw_lstm_backward
    fig, ax = draw_lstm_backward()
    texts = [t.get_text() for t in ax.texts]
    for sym in SYMBOLS + [r"$\delta c_{(t)}$", r"$\delta c_{(t-1)}$", r"$\times\, f_{(t)}$",
                          r"$\delta h_{(t)}$", r"$\delta h_{(t-1)}$"]:
        assert sym in texts
    assert any(r"W_h^{\top}" in t for t in texts)
    colours = {t.get_color().lower() for t in ax.texts}
    assert {c.lower() for c in GRADIENT_COLORS.values()} <= colours
    assert min(t.get_fontsize() for t in ax.texts) >= 9
    fig.canvas.draw()                         # renders (mathtext parses)
    plt.close(fig)


def test_walk_highlights_one_step_per_panel():
    from rnnbook.diagrams.lstm import WALK, draw_lstm_walk
    fig, axes = draw_lstm_walk()
    assert len(axes.flat) == len(WALK) == 4
    drawn = {a.get_gid() for a in axes.flat[0].texts + axes.flat[0].patches}
    for ax, (equation, parts) in zip(axes.flat, WALK):
        assert parts <= drawn                        # every named part exists in the diagram
        assert equation in ax.get_title(loc="left")
        artists = ax.texts + ax.patches + ax.lines
        faded = {a.get_gid() for a in artists if a.get_alpha() is not None and a.get_alpha() < 1}
        shown = {a.get_gid() for a in artists if a.get_alpha() is None}
        assert shown == parts and faded == drawn - parts
    # the forget gate's panel shows f and the long-term state, not the output gate
    f_panel = axes.flat[0]
    visible = {t.get_text() for t in f_panel.texts if t.get_alpha() is None}
    assert {r"$f_{(t)}$", r"$c_{(t-1)}$"} <= visible and r"$o_{(t)}$" not in visible
    fig.canvas.draw()
    plt.close(fig)
