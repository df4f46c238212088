"""Diagram of the LSTM cell (chapter 2) and of the peephole LSTM (chapter 3).

Drawn after Géron (2017, Fig. 14-13; 2019, Fig. 15-9): the long-term state line
c_(t−1) → ⊗ f_(t) → ⊕ i_(t) ⊗ g_(t) → c_(t) along the top, the four fully connected layers fed by
x_(t) and h_(t−1) at the bottom, and the read-out tanh(c_(t)) ⊗ o_(t) → h_(t) = y_(t). With
``peepholes=True`` the peephole connections (Gers & Schmidhuber 2000) are drawn dashed:
c_(t−1) into the input and forget gates' layers, the new c_(t) into the output gate's layer.
``draw_lstm_walk`` draws the cell once per step of the equations, that step's part highlighted.
"""
from ._draw import (
    COLORS,
    OKABE_ITO,
    arrow,
    box,
    canvas,
    label,
    op,
    part,
    path,
    state_line,
    walk,
)

__all__ = ["draw_lstm_cell", "draw_lstm_walk", "draw_lstm_backward", "GRADIENT_COLORS", "WALK"]

WIDTH, HEIGHT = 12.0, 8.0  # the cell's canvas

#: dict: The Okabe–Ito colours of the two backward paths, along c (vermillion) and through W_h
#: (blue).
GRADIENT_COLORS = {"c": OKABE_ITO["vermillion"], "h": OKABE_ITO["blue"]}


def draw_lstm_cell(peepholes=False):
    """Draw the LSTM cell of eqs. Eqs. (2.1)–(2.6) (chapter 2), or with ``peepholes`` the
    peephole LSTM of chapter 3.

    Parameters
    ----------
    peepholes : bool
        Also draw the diagonal peephole connections p_i, p_f (from c_(t−1)) and p_o (from c_(t)).

    Returns
    -------
    (fig, ax)
    """
    fig, ax = canvas(WIDTH, HEIGHT, scale=0.68)
    _draw_lstm(ax, peepholes)
    return fig, ax


def _draw_lstm(ax, peepholes=False):
    """The LSTM cell drawn into ``ax``, each part tagged for :func:`_draw.highlight`: the
    long-term state line "c", the inputs "x h", the layers and paths "f", "i", "g", "o", the
    product "i*g", the output "h" and the peepholes "p"."""
    top, y_box, h_bus, x_bus = 7.2, 2.7, 1.35, 0.8
    xf, xi, xg, xo = 3.0, 4.6, 6.1, 7.9  # the four layers, Géron's order f, g, i, o
    y_ig, x_out, y_out = 4.9, 9.3, 4.1  # i ⊗ g; the output ⊗
    s, pc = COLORS["state"], COLORS["peephole"]
    with part("c"):  # the long-term state line: c_(t−1) → ⊗ → ⊕ → c_(t)
        label(ax, 0.55, top, r"$c_{(t-1)}$", fontsize=13)
        state_line(ax, top, 1.1, 11.0, [(xf, r"$\otimes$"), (xg, r"$\oplus$")], color=s, lw=2.4)
        label(ax, 11.45, top, r"$c_{(t)}$", fontsize=13)
    with part("h"):  # read-out: c_(t) → tanh → ⊗ o_(t) → h_(t) = y_(t)
        path(ax, [(x_out, top), (x_out, 5.93)], color=s)
        op(ax, x_out, 5.65, "tanh", r=0.28, fontsize=9)
        arrow(ax, (x_out, 5.37), (x_out, y_out + 0.22))
        op(ax, x_out, y_out, r"$\otimes$")
        path(ax, [(x_out + 0.22, y_out), (11.0, y_out)], color=s)
        label(ax, 11.45, y_out, r"$y_{(t)}$", fontsize=13)
        path(ax, [(10.3, y_out), (10.3, h_bus), (11.0, h_bus)], color=s)
        label(ax, 11.45, h_bus, r"$h_{(t)}$", fontsize=13)
    with part("x h"):  # h_(t−1) and x_(t) into the four layers
        label(ax, 0.55, h_bus, r"$h_{(t-1)}$", fontsize=13)
        path(ax, [(1.1, h_bus), (xo + 0.25, h_bus)], color=s, head=False)
        label(ax, 2.0, 0.15, r"$x_{(t)}$", fontsize=13)
        path(ax, [(2.0, 0.4), (2.0, x_bus), (xo - 0.25, x_bus)], head=False)
        for xx in (xf, xi, xg, xo):
            arrow(ax, (xx + 0.25, h_bus), (xx + 0.25, y_box - 0.33), color=s)
            arrow(ax, (xx - 0.25, x_bus), (xx - 0.25, y_box - 0.33))
    for xx, gate, text, color in ((xf, "f", r"$\sigma$", COLORS["sigmoid"]),
                                  (xi, "i", r"$\sigma$", COLORS["sigmoid"]),
                                  (xg, "g", "tanh", COLORS["tanh"]),
                                  (xo, "o", r"$\sigma$", COLORS["sigmoid"])):
        with part(gate):
            box(ax, xx, y_box, 1.1, 0.6, text, color=color,
                fontsize=14 if color != COLORS["tanh"] else 12)
    with part("f"):  # f_(t) up to the forget ⊗
        arrow(ax, (xf, y_box + 0.3), (xf, top - 0.22))
        label(ax, xf + 0.4, 4.3, r"$f_{(t)}$")
    with part("i"):  # i_(t) to the product with g_(t)
        path(ax, [(xi, y_box + 0.3), (xi, y_ig), (xg - 0.22, y_ig)])
        label(ax, xi + 0.4, 4.3, r"$i_{(t)}$")
    with part("g"):
        arrow(ax, (xg, y_box + 0.3), (xg, y_ig - 0.22))
        label(ax, xg + 0.42, 3.7, r"$g_{(t)}$")
    with part("i*g"):  # i_(t) ⊗ g_(t) up to ⊕
        op(ax, xg, y_ig, r"$\otimes$")
        arrow(ax, (xg, y_ig + 0.22), (xg, top - 0.22))
    with part("o"):  # o_(t) to the output ⊗
        path(ax, [(xo, y_box + 0.3), (xo, y_out), (x_out - 0.22, y_out)])
        label(ax, xo + 0.42, 3.55, r"$o_{(t)}$")
    if peepholes:
        with part("p"):
            xp = 1.7  # c_(t−1) → f's and i's layers
            path(ax, [(xp, top), (xp, y_box), (xf - 0.55, y_box)], color=pc, dashed=True)
            path(ax, [(xp, 3.45), (xi - 0.3, 3.45), (xi - 0.3, y_box + 0.3)], color=pc,
                 dashed=True)
            label(ax, xp - 0.3, 4.6, r"$p_f$", color=pc)
            label(ax, 2.45, 3.7, r"$p_i$", color=pc)
            xq = 7.05  # the new c_(t) → o's layer
            path(ax, [(xq, top), (xq, 3.5), (xo - 0.3, 3.5), (xo - 0.3, y_box + 0.3)],
                 color=pc, dashed=True)
            label(ax, xq - 0.3, 4.3, r"$p_o$", color=pc)


#: list: The gate-by-gate walk of :func:`draw_lstm_walk`: per panel, its equations (the
#: chapter's, in mathtext) and the parts of the diagram they compute.
WALK = [
    (r"$f_{(t)} = \sigma(x_{(t)} W_{xf} + h_{(t-1)} W_{hf} + b_f)$", {"x h", "f", "c"}),
    (r"$i_{(t)} = \sigma(\ldots),\quad g_{(t)} = \tanh(\ldots)$", {"x h", "i", "g", "i*g"}),
    (r"$c_{(t)} = f_{(t)} \otimes c_{(t-1)} + i_{(t)} \otimes g_{(t)}$", {"c", "f", "i*g"}),
    (r"$o_{(t)} = \sigma(\ldots),\quad h_{(t)} = o_{(t)} \otimes \tanh(c_{(t)})$",
     {"x h", "o", "h", "c"}),
]


def draw_lstm_walk():
    """The LSTM cell of :func:`draw_lstm_cell` four times, one step of Eqs. (2.1)–(2.6) per
    panel with the part of the cell it computes highlighted (:data:`WALK`): the forget gate
    and what it multiplies; the input gate and the candidate; the new long-term state; the
    output gate and the short-term state.

    Returns
    -------
    (fig, axes)
    """
    return walk(_draw_lstm, WALK, WIDTH, HEIGHT)


def draw_lstm_backward():
    """The LSTM cell of :func:`draw_lstm_cell` with the two ways back of BPTT (Eqs.
    (2.8)–(2.9), chapter 2): along the long-term state, δc_(t) → δc_(t−1), multiplied by
    f_(t) only; and through the four layers, δa_(t) W_h^⊤ → δh_(t−1).

    Returns
    -------
    (fig, ax)
    """
    fig, ax = draw_lstm_cell()
    cc, hc = GRADIENT_COLORS["c"], GRADIENT_COLORS["h"]
    ax.set_ylim(-0.9, HEIGHT + 0.9)             # room above and below the cell
    fig.set_size_inches(WIDTH * 0.68, (HEIGHT + 1.8) * 0.68)
    top, xf = 7.2, 3.0
    # along c: δc_(t) comes in on the right, leaves on the left multiplied by f_(t) only
    arrow(ax, (11.0, top + 0.6), (1.1, top + 0.6), color=cc, lw=2.6)
    label(ax, 11.45, top + 0.6, r"$\delta c_{(t)}$", fontsize=13, color=cc)
    label(ax, 0.5, top + 0.6, r"$\delta c_{(t-1)}$", fontsize=13, color=cc)
    label(ax, xf, top + 1.05, r"$\times\, f_{(t)}$", fontsize=13, color=cc)
    label(ax, 7.2, top + 1.05, "gradient along the long-term state", fontsize=12, color=cc)
    # through the layers: δh_(t) reaches o, c and so every gate's δa_(t); back through W_h
    path(ax, [(11.0, -0.45), (7.9, -0.45), (1.1, -0.45)], color=hc, lw=2.6)
    label(ax, 11.45, -0.45, r"$\delta h_{(t)}$", fontsize=13, color=hc)
    label(ax, 0.5, -0.45, r"$\delta h_{(t-1)}$", fontsize=13, color=hc)
    label(ax, 5.6, -0.05, r"$\delta a_{(t)}\, W_h^{\top}$: through all four layers",
          fontsize=12, color=hc)
    for xx in (3.0, 4.6, 6.1, 7.9):             # every layer sends its δa back
        arrow(ax, (xx, 2.4 - 0.02), (xx, -0.45 + 0.05), color=hc, lw=1.0, style="-")
    return fig, ax
