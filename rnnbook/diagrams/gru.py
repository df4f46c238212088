"""Diagram of the GRU cell (chapter 4), labelled with the symbols of its equations.

Drawn after Géron (2017, Fig. 14-14; 2019, Fig. 15-10): one state line h, the update gate z
mixing the old state (z ⊗ h_(t−1)) with the candidate ((1 − z) ⊗ g) — the black "1 −" circle
of the notes — and the reset gate r filtering h_(t−1) before the candidate's layer.
``draw_gru_walk`` draws the cell once per equation, that equation's part highlighted.
"""
from ._draw import COLORS, OKABE_ITO, arrow, box, canvas, label, op, part, path, state_line, walk

__all__ = ["draw_gru_cell", "draw_gru_walk", "draw_gru_backward", "WALK"]

WIDTH, HEIGHT = 10.6, 7.4  # the cell's canvas


def draw_gru_cell():
    """Draw the (reset-before) GRU cell of Eqs. gru-z, gru-r, gru-g, gru-h.

    Returns
    -------
    (fig, ax)
    """
    fig, ax = canvas(WIDTH, HEIGHT, scale=0.72)
    _draw_gru(ax)
    return fig, ax


def _draw_gru(ax):
    """The GRU cell drawn into ``ax``, each part tagged for :func:`_draw.highlight`: the state
    line "h", the inputs "x h", the layers and paths "z", "r", "g", the "1 −" branch "1-z" and
    the product (1 − z) ⊗ g "mix"."""
    top, y_box, h_bus, x_bus, y_mix = 6.4, 2.6, 1.35, 0.85, 4.3
    xz, xr, xg, x_rh = 3.0, 4.9, 8.0, 6.5
    s = COLORS["state"]
    with part("h"):  # the state line: h_(t−1) → z ⊗ h_(t−1) → ⊕ → h_(t) (= y_(t))
        label(ax, 0.45, top, r"$h_{(t-1)}$", fontsize=13)
        state_line(ax, top, 0.95, 9.85, [(xz, r"$\otimes$"), (xg, r"$\oplus$")], color=s,
                   lw=2.2)
        label(ax, 10.25, top, r"$h_{(t)}$", fontsize=13)
        path(ax, [(9.2, top), (9.2, 7.05)], color=s, lw=1.6)
        label(ax, 9.75, 7.05, r"$y_{(t)}$", fontsize=13)
    with part("x h"):
        # h_(t−1) down to the gates' layers, and on to r ⊗ h_(t−1)
        path(ax, [(1.1, top), (1.1, h_bus), (x_rh, h_bus), (x_rh, y_box - 0.22)], color=s)
        for xx in (xz + 0.25, xr + 0.25):
            arrow(ax, (xx, h_bus), (xx, y_box - 0.33))
        # x_(t) up to the three layers
        label(ax, 1.9, 0.2, r"$x_{(t)}$", fontsize=13)
        path(ax, [(1.9, 0.45), (1.9, x_bus), (xg - 0.25, x_bus)], head=False)
        for xx in (xz - 0.25, xr - 0.25, xg - 0.25):
            arrow(ax, (xx, x_bus), (xx, y_box - 0.33))
    with part("r"):  # r's layer; r ⊗ h_(t−1) into the candidate's layer
        box(ax, xr, y_box, 1.1, 0.6, r"$\sigma$", color=COLORS["sigmoid"], fontsize=14)
        path(ax, [(xr, y_box + 0.3), (xr, 3.35), (x_rh, 3.35), (x_rh, y_box + 0.22)])
        label(ax, xr - 0.35, 3.35, r"$r_{(t)}$")
        op(ax, x_rh, y_box, r"$\otimes$")
        arrow(ax, (x_rh + 0.22, y_box), (xg - 0.55, y_box))
    with part("z"):  # z's layer, straight up to z ⊗ h_(t−1)
        box(ax, xz, y_box, 1.1, 0.6, r"$\sigma$", color=COLORS["sigmoid"], fontsize=14)
        arrow(ax, (xz, y_box + 0.3), (xz, top - 0.22))
        label(ax, xz - 0.42, 3.55, r"$z_{(t)}$")
    with part("1-z"):  # through the black "1 −" circle to (1 − z) ⊗ g
        arrow(ax, (xz, y_mix), (5.75, y_mix))
        op(ax, 6.05, y_mix, "", r=0.3, color="black")
        label(ax, 6.05, y_mix, r"$1-$", color="white", fontsize=10)
        arrow(ax, (6.35, y_mix), (xg - 0.22, y_mix))
        label(ax, 7.0, y_mix + 0.3, r"$1-z_{(t)}$", fontsize=11)
    with part("g"):
        box(ax, xg, y_box, 1.1, 0.6, "tanh", color=COLORS["tanh"])
        arrow(ax, (xg, y_box + 0.3), (xg, y_mix - 0.22))
        label(ax, xg + 0.45, 3.4, r"$g_{(t)}$")
    with part("mix"):
        op(ax, xg, y_mix, r"$\otimes$")
        arrow(ax, (xg, y_mix + 0.22), (xg, top - 0.22))


#: list: The gate-by-gate walk of :func:`draw_gru_walk`: per panel, one equation of the
#: chapter (mathtext) and the parts of the diagram it computes.
WALK = [
    (r"$z_{(t)} = \sigma(x_{(t)} W_{xz} + h_{(t-1)} W_{hz} + b_z)$", {"x h", "z", "h"}),
    (r"$r_{(t)} = \sigma(x_{(t)} W_{xr} + h_{(t-1)} W_{hr} + b_r)$", {"x h", "r"}),
    (r"$g_{(t)} = \tanh(\ldots + (r_{(t)} \otimes h_{(t-1)})\, W_{hg} + \ldots)$",
     {"x h", "r", "g"}),
    (r"$h_{(t)} = z_{(t)} \otimes h_{(t-1)} + (1 - z_{(t)}) \otimes g_{(t)}$",
     {"h", "z", "1-z", "g", "mix"}),
]


def draw_gru_walk():
    """The GRU cell of :func:`draw_gru_cell` once per equation, the part of the cell it
    computes drawn in full (:data:`WALK`): the update gate and the state it multiplies; the
    reset gate; the candidate, which reads the reset state; the new state, the mix of the old
    state and the candidate.

    Returns
    -------
    (fig, axes)
    """
    return walk(_draw_gru, WALK, WIDTH, HEIGHT)


def draw_gru_backward():
    """Draw one step of the GRU's backward pass: δh_(t) → δh_(t−1) (chapter 4, gru-bptt).

    The state line on top multiplies the gradient by z_(t) only; the three paths below pass
    through the gates' derivatives and the recurrent weights. Gradients flow right to left.

    Returns
    -------
    (fig, ax)
    """
    fig, ax = canvas(11.4, 6.2, scale=0.72)
    blue, red, grey = OKABE_ITO["blue"], OKABE_ITO["vermillion"], COLORS["edge"]
    top, x_in, x_sum, x_split, x_fork = 5.0, 10.45, 1.6, 9.8, 6.5
    # the state line: δh_(t) ⊗ z_(t) straight back to the sum
    label(ax, 11.0, top, r"$\delta h_{(t)}$", fontsize=13)
    arrow(ax, (x_in, top), (6.02, top), color=blue, lw=2.6)
    op(ax, 5.8, top, r"$\otimes$")
    label(ax, 5.8, top + 0.55, r"$z_{(t)}$", color=blue)
    arrow(ax, (5.58, top), (x_sum + 0.22, top), color=blue, lw=2.6)
    label(ax, 3.7, top + 0.45, r"state line: $\delta h_{(t)} \otimes z_{(t)}$", color=blue,
          fontsize=11)
    op(ax, x_sum, top, r"$\oplus$")
    arrow(ax, (x_sum - 0.22, top), (1.0, top), color=blue, lw=2.6)
    label(ax, 0.5, top, r"$\delta h_{(t-1)}$", fontsize=13)
    label(ax, x_sum, 5.85, r"$\mathrm{dY}_{(t-1)}$", fontsize=11)
    arrow(ax, (x_sum, 5.65), (x_sum, top + 0.22))
    sky = OKABE_ITO["sky"]

    def chain(y, x_from, boxes, term, dy=-0.45):
        """Arrows right to left through ``boxes`` [(x, text, colour, width)], then to the sum."""
        right = x_from
        for x, text, color, w in boxes:
            arrow(ax, (right, y), (x + w / 2, y), color=red)
            box(ax, x, y, w, 0.55, text, color=color, fontsize=11)
            right = x - w / 2
        if term:
            path(ax, [(right, y), (x_sum, y), (x_sum, top - 0.22)], color=red, lw=1.6)
            ax.text(x_sum + 0.15, y + dy, term, ha="left", va="center", fontsize=10,
                    color=grey, zorder=5)
        return right

    # through z: σ' then W_hzᵀ
    arrow(ax, (x_split, top), (x_split, 2.0), color=red, lw=1.6, style="-")
    chain(3.8, x_split, [(8.4, r"$\sigma'$", OKABE_ITO["orange"], 1.0),
                         (5.6, r"$W_{hz}^\top$", sky, 1.0)], r"$\delta a_z W_{hz}^\top$", dy=0.4)
    # through g: tanh' then W_hgᵀ, giving δ(r ⊗ h_(t−1)), which forks to r and to h_(t−1)
    chain(2.0, x_split, [(8.9, "tanh'", OKABE_ITO["yellow"], 1.0),
                         (7.55, r"$W_{hg}^\top$", sky, 1.0)], None)
    path(ax, [(7.05, 2.0), (x_fork, 2.0), (x_fork, 2.9)], color=red, lw=1.6, head=False)
    path(ax, [(x_fork, 2.0), (x_fork, 1.0)], color=red, lw=1.6, head=False)
    chain(2.9, x_fork, [(5.45, r"$\otimes h_{(t-1)}$", sky, 1.3),
                        (4.05, r"$\sigma'$", OKABE_ITO["orange"], 1.0),
                        (2.8, r"$W_{hr}^\top$", sky, 1.0)], r"$\delta a_r W_{hr}^\top$")
    chain(1.0, x_fork, [(5.45, r"$\otimes r_{(t)}$", sky, 1.3)],
          r"$\delta(r \otimes h_{(t-1)}) \otimes r_{(t)}$")
    label(ax, 8.6, 0.4, "through the layers: gate derivatives, weights", fontsize=10,
          color=red)
    return fig, ax
