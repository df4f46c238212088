"""The four shapes of a recurrent model (chapter 6), drawn unrolled through time.

After Géron (2019, Fig. 15-4): sequence-to-sequence, sequence-to-vector, vector-to-sequence and
encoder–decoder. Boxes are copies of one recurrent layer at successive steps (the horizontal
arrows carry the state); an input drawn below a box is x_(t), an output above it is y_(t) (or
ŷ for a decoder's output); greyed outputs are computed but ignored.
"""
import matplotlib.pyplot as plt

from ._draw import COLORS, arrow, box, label

__all__ = ["SHAPES", "draw_shapes"]

#: One (title, Keras spelling shown under the panel) pair per panel, in the order drawn.
SHAPES = (
    ("sequence-to-sequence", "return_sequences=True"),
    ("sequence-to-vector", "return_sequences=False"),
    ("vector-to-sequence", "RepeatVector, then a layer"),
    ("encoder–decoder", "encoder, RepeatVector, decoder"),
)
_IGNORED = "#bbbbbb"


def _chain(ax, xs, y, color, inputs, outputs, fontsize):
    """Boxes at ``xs`` joined left to right; ``inputs``/``outputs`` are a label or None each
    (``("ignored", text)`` draws a greyed output)."""
    for k, x in enumerate(xs):
        box(ax, x, y, 0.62, 0.5, "", color=color)
        if k:
            arrow(ax, (xs[k - 1] + 0.31, y), (x - 0.31, y), color=COLORS["state"], lw=1.6)
        if inputs[k] is not None:
            arrow(ax, (x, y - 0.75), (x, y - 0.25))
            label(ax, x, y - 0.98, inputs[k], fontsize=fontsize)
        if outputs[k] is not None:
            ignored = isinstance(outputs[k], tuple)
            text = outputs[k][1] if ignored else outputs[k]
            c = _IGNORED if ignored else COLORS["edge"]
            arrow(ax, (x, y + 0.25), (x, y + 0.75), color=c)
            label(ax, x, y + 0.98, text, fontsize=fontsize, color=c if ignored else COLORS["text"])


def draw_shapes(T=4, fontsize=11):
    """Draw the four shapes in a 2 × 2 grid, each unrolled over ``T`` steps (the encoder–decoder:
    ``T − 1`` steps in, ``T − 1`` out).

    Returns
    -------
    fig, axes : matplotlib Figure and the array of four Axes, in the order of :data:`SHAPES`.
    """
    if not isinstance(T, int) or isinstance(T, bool) or T < 3:
        raise ValueError(f"T must be an int >= 3 (steps drawn), got {T!r}")
    fig, axes = plt.subplots(2, 2, figsize=(7.2, 5.0))
    axes = axes.ravel()
    xs = [0.6 + k for k in range(T)]
    x_ = [rf"$x_{{({t})}}$" for t in range(T)]
    y_ = [rf"$y_{{({t})}}$" for t in range(T)]
    layer, dec = COLORS["tanh"], COLORS["linear"]
    # 1. sequence-to-sequence: an output at every step
    _chain(axes[0], xs, 1.5, layer, x_, y_, fontsize)
    # 2. sequence-to-vector: only the last output is used
    _chain(axes[1], xs, 1.5, layer, x_, [("ignored", y) for y in y_[:-1]] + [y_[-1]], fontsize)
    # 3. vector-to-sequence: one vector x fed at every step
    _chain(axes[2], xs, 1.5, layer, [r"$x$"] * T, y_, fontsize)
    # 4. encoder–decoder: the encoder's last output, repeated, is the decoder's input
    step = (T + 0.3 - 0.8) / (2 * (T - 1))
    enc_xs = [0.4 + k * step for k in range(T - 1)]
    dec_xs = [enc_xs[-1] + (1.2 + k) * step for k in range(T - 1)]
    ax = axes[3]
    for k, x in enumerate(enc_xs):
        box(ax, x, 0.95, 0.5, 0.42, "", color=layer)
        if k:
            arrow(ax, (enc_xs[k - 1] + 0.25, 0.95), (x - 0.25, 0.95), color=COLORS["state"],
                  lw=1.6)
        arrow(ax, (x, 0.3), (x, 0.74))
        label(ax, x, 0.08, x_[k], fontsize=fontsize)
    for k, x in enumerate(dec_xs):
        box(ax, x, 2.05, 0.5, 0.42, "", color=dec)
        if k:
            arrow(ax, (dec_xs[k - 1] + 0.25, 2.05), (x - 0.25, 2.05), color=COLORS["state"],
                  lw=1.6)
        arrow(ax, (enc_xs[-1] + 0.25, 0.95), (x, 1.84), color=COLORS["edge"], lw=0.9)
        arrow(ax, (x, 2.26), (x, 2.65))
        label(ax, x, 2.88, rf"$\hat y_{{({k})}}$", fontsize=fontsize)
    label(ax, enc_xs[0], 1.45, "encoder", fontsize=fontsize - 1)
    label(ax, dec_xs[0] - 0.95, 2.05, "decoder", fontsize=fontsize - 1)
    for ax, (title, keras) in zip(axes, SHAPES):
        ax.set_xlim(0, T + 0.3)
        ax.set_ylim(-0.35, 3.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=fontsize + 1)
        ax.text(0.5, -0.04, f"Keras: {keras}", transform=ax.transAxes, ha="center",
                va="top", fontsize=fontsize - 2)
    fig.tight_layout()
    return fig, axes
