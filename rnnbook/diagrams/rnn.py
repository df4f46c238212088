"""Diagram of the simple recurrent layer (chapter 1): the layer with its loop, and the same
layer unrolled through time, labelled with the symbols of Eqs. (1.1) and (1.2); and the
backward pass of that unrolled layer, the recursion of δ (chapter 1, Eq. (1.4)).

Drawn after Géron (2017, Fig. 14-1; 2019, Fig. 15-1): the output y_(t) is fed back, through
W_y, as an input of the next step; unrolled, the loop becomes a chain of copies of one layer
that share W_x, W_y, b and φ.
"""
from ._draw import COLORS, OKABE_ITO, arrow, box, canvas, label, op, path

__all__ = ["draw_rnn", "draw_bptt"]


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


def draw_bptt():
    """Draw the backward pass through three unrolled steps t−1, t, t+1: the δ recursion.

    At every step two gradients meet in a sum: the loss's own ∂L/∂Y_(t) (from above) and
    δ_(t+1) W_yᵀ coming back from the next step (from the right); the sum is multiplied
    entrywise by φ'(a_(t)) (from below) and gives δ_(t), which travels on to the previous
    step. The flow runs right to left, backwards in time.

    Returns
    -------
    (fig, ax)
    """
    loss, back, deriv = OKABE_ITO["orange"], OKABE_ITO["blue"], OKABE_ITO["green"]
    step, x0, y = 4.4, 1.9, 2.6
    steps = ["t-1", "t", "t+1"]
    width = x0 + step * (len(steps) - 1) + 3.2
    fig, ax = canvas(width, 5.2, scale=0.52)
    # step t, the one the δ recursion (1.4) is written for, on a light background
    xt = x0 + step
    ax.add_patch(_highlight((xt - 1.55, 0.45), 3.0, 4.35))
    for k, t in enumerate(steps):
        x = x0 + step * k
        xp, xm = x + 0.7, x - 0.7                       # the sum, then the product
        nxt = "t+2" if t == "t+1" else steps[k + 1]
        # from the next step: δ_(t+1), through W_yᵀ, into the sum
        arrow(ax, (xp + 1.95, y), (xp + 1.75, y), color=back, lw=2.0)
        box(ax, xp + 1.35, y, 0.8, 0.62, r"$W_y^\intercal$", color="#ffffff", fontsize=11)
        arrow(ax, (xp + 0.95, y), (xp + 0.22, y), color=back, lw=2.0)
        if k == len(steps) - 1:                        # the chain goes on to the right
            path(ax, [(xp + 2.7, y), (xp + 1.95, y)], color=back, lw=2.0, head=False)
            label(ax, xp + 2.45, y + 0.5, rf"$\delta_{{({nxt})}}$", fontsize=12,
                  color=back)
        # the loss's own gradient, from above
        label(ax, xp, 4.45, rf"$\partial L/\partial Y_{{({t})}}$", fontsize=12, color=loss)
        arrow(ax, (xp, 4.1), (xp, y + 0.22), color=loss, lw=2.0)
        op(ax, xp, y, "+", fontsize=13)
        # the sum, times φ'(a_(t)) from below
        arrow(ax, (xp - 0.22, y), (xm + 0.22, y), color=back, lw=2.0)
        op(ax, xm, y, r"$\otimes$", fontsize=13)
        label(ax, xm, 0.75, rf"$\varphi'(a_{{({t})}})$", fontsize=12, color=deriv)
        arrow(ax, (xm, 1.1), (xm, y - 0.22), color=deriv, lw=2.0)
        # δ_(t) leaves to the left, towards the previous step
        arrow(ax, (xm - 0.22, y), (xm - 1.0, y), color=back, lw=2.0)
        label(ax, xm - 0.5, y + 0.5, rf"$\delta_{{({t})}}$", fontsize=12, color=back)
    xl = x0 - 0.7 - 1.0                                # the chain goes on to the left
    path(ax, [(xl, y), (xl - 0.5, y)], color=back, lw=2.0)
    label(ax, xl - 0.25, y - 0.45, r"$\cdots$", fontsize=12, color=back)
    label(ax, xt - 0.05, 4.98, r"step $t$: $\delta_{(t)} = (\partial L/\partial Y_{(t)}"
          r" + \delta_{(t+1)} W_y^\intercal) \otimes \varphi'(a_{(t)})$", fontsize=11)
    label(ax, width / 2, 0.15, "backwards in time: right to left", fontsize=10,
          style="italic")
    return fig, ax


def _highlight(xy, w, h):
    """A light rounded background patch (the highlighted step)."""
    from matplotlib.patches import FancyBboxPatch
    return FancyBboxPatch(xy, w, h, boxstyle="round,pad=0.02,rounding_size=0.2",
                          fc="#f2f2f2", ec="none", zorder=0)
