"""Diagram of the simple recurrent layer (chapter 1): the layer with its loop, and the same
layer unrolled through time, labelled with the symbols of Eqs. (1.1) and (1.2).

Drawn after Géron (2017, Fig. 14-1; 2019, Fig. 15-1): the output y_(t) is fed back, through
W_y, as an input of the next step; unrolled, the loop becomes a chain of copies of one layer
that share W_x, W_y, b and φ.
"""
from ._draw import COLORS, arrow, box, canvas, label, path

__all__ = ["draw_rnn"]


def _time(k, T):
    """Label of unrolled step k of T, counted back from t: 't−2', 't−1', 't'."""
    back = T - 1 - k
    return "t" if back == 0 else f"t-{back}"


def _layer(ax, x, y_box, bw, bh, t):
    """One copy of the layer at x: the φ box, x_(t) and W_x below it, y_(t) above it."""
    box(ax, x, y_box, bw, bh, r"$\varphi$", fontsize=15)
    label(ax, x, 0.35, rf"$x_{{({t})}}$", fontsize=13)
    arrow(ax, (x, 0.6), (x, y_box - bh / 2))
    label(ax, x - 0.35, 1.5, r"$W_x$", fontsize=11)
    arrow(ax, (x, y_box + bh / 2), (x, 4.95), color=COLORS["state"], lw=2.0)
    label(ax, x, 5.25, rf"$y_{{({t})}}$", fontsize=13)


def draw_rnn(T=3):
    """Draw the recurrent layer with its loop (left) and unrolled over ``T`` steps (right).

    Parameters
    ----------
    T : int
        Number of time steps of the unrolled panel (1 to 5).

    Returns
    -------
    (fig, ax)
    """
    if isinstance(T, bool) or not isinstance(T, int) or not 1 <= T <= 5:
        raise ValueError(f"T must be an int from 1 to 5, got {T!r}")
    x_unroll, step = 8.0, 2.5
    width = x_unroll + step * (T - 1) + 1.6
    fig, ax = canvas(width, 5.6, scale=0.72)
    s = COLORS["state"]
    y_box, bw, bh = 2.8, 1.0, 0.8

    # --- left: the layer and its loop ------------------------------------------------------
    xc = 1.8
    _layer(ax, xc, y_box, bw, bh, "t")
    # the loop: y_(t) leaves at the top, comes back one step later as y_(t−1)
    path(ax, [(xc, 4.2), (3.2, 4.2), (3.2, 1.5), (xc + 0.25, 1.5), (xc + 0.25, y_box - bh / 2)],
         color=s, lw=1.6)
    label(ax, 3.75, 3.15, r"$y_{(t-1)}$", fontsize=11)
    label(ax, 3.6, 2.5, r"$W_y$", fontsize=11)
    arrow(ax, (0.55, y_box), (xc - bw / 2, y_box))
    label(ax, 0.4, y_box + 0.3, r"$b$", fontsize=12)
    label(ax, 5.05, y_box + 0.5, "unrolled\nthrough time", fontsize=10)
    arrow(ax, (4.45, y_box - 0.1), (5.65, y_box - 0.1), lw=1.2)

    # --- right: T copies of the same layer -------------------------------------------------
    label(ax, x_unroll - 1.45, y_box + 0.35, rf"$y_{{({_time(-1, T)})}}$", fontsize=11)
    for k in range(T):
        x = x_unroll + step * k
        _layer(ax, x, y_box, bw, bh, _time(k, T))
        # the previous output enters from the left, through W_y
        start = (x - step + 0.25, 4.2) if k else (x - 1.75, y_box)
        pts = [start, (x - 1.0, 4.2), (x - 1.0, y_box), (x - bw / 2, y_box)] if k else \
              [start, (x - bw / 2, y_box)]
        path(ax, pts, color=s, lw=1.6)
        label(ax, x - 1.35 if k else x - 0.8, y_box + 0.45 if k else y_box - 0.3, r"$W_y$",
              fontsize=11)
        if k:
            path(ax, [(x - step, 4.2), (x - step + 0.25, 4.2)], color=s, lw=1.6, head=False)
    label(ax, x_unroll + step * (T - 1) / 2, 0.0 - 0.05,
          r"every box is the same layer: one $W_x$, $W_y$, $b$, $\varphi$", fontsize=9,
          style="italic")
    return fig, ax
