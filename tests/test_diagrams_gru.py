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


def test_backward_diagram():
    """The backward pass: a state line × z only, three paths through the layers."""
    from rnnbook.diagrams.gru import OKABE_ITO, draw_gru_backward

    fig, ax = draw_gru_backward()
    texts = [t.get_text() for t in ax.texts]
    for sym in [r"$\delta h_{(t)}$", r"$\delta h_{(t-1)}$", r"$z_{(t)}$",
                r"$\mathrm{dY}_{(t-1)}$", r"$\delta a_z W_{hz}^\top$",
                r"$\delta a_r W_{hr}^\top$", r"$\delta(r \otimes h_{(t-1)}) \otimes r_{(t)}$"]:
        assert sym in texts, sym
    assert any(t.startswith("state line") for t in texts)
    # one ⊗ z on the state line, one sum; the layers' derivatives and weights in boxes
    assert texts.count(r"$\otimes$") == 1 and texts.count(r"$\oplus$") == 1
    assert texts.count(r"$\sigma'$") == 2 and texts.count("tanh'") == 1
    for w in ("hz", "hr", "hg"):
        assert texts.count(rf"$W_{{{w}}}^\top$") == 1
    # Okabe–Ito colours, no text below 9 pt
    assert {t.get_color() for t in ax.texts} - {"#111111", "#333333", "black"} <= set(
        OKABE_ITO.values())
    assert min(t.get_fontsize() for t in ax.texts) >= 9
    plt.close(fig)


def test_walk_highlights_one_equation_per_panel():
    from rnnbook.diagrams.gru import WALK, draw_gru_walk
    fig, axes = draw_gru_walk()
    assert len(axes.flat) == len(WALK) == 4
    drawn = {a.get_gid() for a in axes.flat[0].texts + axes.flat[0].patches}
    for ax, (equation, parts) in zip(axes.flat, WALK):
        assert parts <= drawn and equation in ax.get_title(loc="left")
        artists = ax.texts + ax.patches + ax.lines
        shown = {a.get_gid() for a in artists if a.get_alpha() is None}
        faded = {a.get_gid() for a in artists if a.get_alpha() is not None}
        assert shown == parts and faded == drawn - parts
    # the reset gate's panel shows r, not z; the last panel shows the "1 −" branch
    r_panel = {t.get_text() for t in axes.flat[1].texts if t.get_alpha() is None}
    assert r"$r_{(t)}$" in r_panel and r"$z_{(t)}$" not in r_panel
    assert r"$1-z_{(t)}$" in {t.get_text() for t in axes.flat[3].texts if t.get_alpha() is None}
    fig.canvas.draw()
    plt.close(fig)
