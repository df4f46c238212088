"""Diagram of the GRU cell (chapter 4), labelled with the symbols of its equations.

Drawn after Géron (2017, Fig. 14-14; 2019, Fig. 15-10): one state line h, the update gate z
mixing the old state (z ⊗ h_(t−1)) with the candidate ((1 − z) ⊗ g) — the black "1 −" circle
of the notes — and the reset gate r filtering h_(t−1) before the candidate's layer.
"""
from ._draw import COLORS, arrow, box, canvas, label, op, path, state_line

__all__ = ["draw_gru_cell"]


def draw_gru_cell():
    """Draw the (reset-before) GRU cell of Eqs. gru-z, gru-r, gru-g, gru-h.

    Returns
    -------
    (fig, ax)
    """
    fig, ax = canvas(10.6, 7.4, scale=0.72)
    top, y_box, h_bus, x_bus, y_mix = 6.4, 2.6, 1.35, 0.85, 4.3
    xz, xr, xg, x_rh = 3.0, 4.9, 8.0, 6.5
    s = COLORS["state"]
    # the state line: h_(t−1) → z ⊗ h_(t−1) → ⊕ → h_(t) (= y_(t))
    label(ax, 0.45, top, r"$h_{(t-1)}$", fontsize=13)
    state_line(ax, top, 0.95, 9.85, [(xz, r"$\otimes$"), (xg, r"$\oplus$")], color=s, lw=2.2)
    label(ax, 10.25, top, r"$h_{(t)}$", fontsize=13)
    path(ax, [(9.2, top), (9.2, 7.05)], color=s, lw=1.6)
    label(ax, 9.75, 7.05, r"$y_{(t)}$", fontsize=13)
    # h_(t−1) down to the gates' layers; through r ⊗ h_(t−1) to the candidate's layer
    path(ax, [(1.1, top), (1.1, h_bus), (x_rh, h_bus), (x_rh, y_box - 0.22)], color=s)
    for xx in (xz + 0.25, xr + 0.25):
        arrow(ax, (xx, h_bus), (xx, y_box - 0.33))
    # x_(t) up to the three layers
    label(ax, 1.9, 0.2, r"$x_{(t)}$", fontsize=13)
    path(ax, [(1.9, 0.45), (1.9, x_bus), (xg - 0.25, x_bus)], head=False)
    for xx in (xz - 0.25, xr - 0.25, xg - 0.25):
        arrow(ax, (xx, x_bus), (xx, y_box - 0.33))
    # the three fully connected layers
    box(ax, xz, y_box, 1.1, 0.6, r"$\sigma$", color=COLORS["sigmoid"], fontsize=14)
    box(ax, xr, y_box, 1.1, 0.6, r"$\sigma$", color=COLORS["sigmoid"], fontsize=14)
    box(ax, xg, y_box, 1.1, 0.6, "tanh", color=COLORS["tanh"])
    # r ⊗ h_(t−1) → candidate layer
    path(ax, [(xr, y_box + 0.3), (xr, 3.35), (x_rh, 3.35), (x_rh, y_box + 0.22)])
    label(ax, xr - 0.35, 3.35, r"$r_{(t)}$")
    op(ax, x_rh, y_box, r"$\otimes$")
    arrow(ax, (x_rh + 0.22, y_box), (xg - 0.55, y_box))
    # z: straight up to z ⊗ h_(t−1); through the black "1 −" circle to (1 − z) ⊗ g
    arrow(ax, (xz, y_box + 0.3), (xz, top - 0.22))
    label(ax, xz - 0.42, 3.55, r"$z_{(t)}$")
    arrow(ax, (xz, y_mix), (5.75, y_mix))
    op(ax, 6.05, y_mix, "", r=0.3, color="black")
    label(ax, 6.05, y_mix, r"$1-$", color="white", fontsize=10)
    arrow(ax, (6.35, y_mix), (xg - 0.22, y_mix))
    label(ax, 7.0, y_mix + 0.3, r"$1-z_{(t)}$", fontsize=11)
    arrow(ax, (xg, y_box + 0.3), (xg, y_mix - 0.22))
    label(ax, xg + 0.45, 3.4, r"$g_{(t)}$")
    op(ax, xg, y_mix, r"$\otimes$")
    arrow(ax, (xg, y_mix + 0.22), (xg, top - 0.22))
    return fig, ax
