"""Drawing primitives shared by the cell diagrams: a canvas, boxes, operator circles, arrows.

Coordinates are in canvas units (the canvas is ``width`` × ``height``), text is matplotlib
mathtext so that labels are the equations' symbols (``r"$x_{(t)}$"``). Drawing inside
``with part(name):`` tags what is drawn, so that ``highlight`` can fade the other parts and
``walk`` can draw a cell once per equation with that equation's parts in full.
"""
from contextlib import contextmanager

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

__all__ = ["canvas", "frame", "box", "op", "arrow", "path", "label", "state_line", "part",
           "highlight", "walk", "COLORS", "OKABE_ITO"]

# The part of the diagram being drawn (set by part()), stored as each artist's gid.
_PART = [None]

COLORS = {"sigmoid": "#f4a261", "tanh": "#e9c46a", "linear": "#a8dadc", "state": "#264653",
          "op": "#ffffff", "edge": "#333333", "peephole": "#e63946", "text": "#111111"}


def canvas(width, height, scale=0.9):
    """A blank figure whose axes span [0, width] × [0, height], no ticks."""
    fig, ax = plt.subplots(figsize=(width * scale, height * scale))
    frame(ax, width, height)
    return fig, ax


def frame(ax, width, height):
    """Make ``ax`` a blank [0, width] × [0, height] drawing area, no ticks."""
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")


@contextmanager
def part(name):
    """Tag everything drawn inside the ``with`` block as part ``name`` (see highlight)."""
    previous, _PART[0] = _PART[0], name
    try:
        yield
    finally:
        _PART[0] = previous


def _tag(*artists):
    for artist in artists:
        artist.set_gid(_PART[0])


def highlight(ax, parts, faded=0.13):
    """Fade every tagged artist of ``ax`` that is not in one of ``parts``."""
    for artist in [*ax.patches, *ax.lines, *ax.texts]:
        if artist.get_gid() is not None and artist.get_gid() not in parts:
            artist.set_alpha(faded)


def walk(draw, steps, width, height, scale=0.42):
    """A gate-by-gate walk: the diagram ``draw(ax)`` once per step, two panels a row, the
    step's parts (see part) drawn in full and the rest faded, the step's equation as the
    panel's title. ``steps`` lists ``(equation, parts)``. Returns (fig, axes)."""
    rows = (len(steps) + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(2 * width * scale, rows * (height + 0.9) * scale))
    for n, (ax, (equation, parts)) in enumerate(zip(axes.flat, steps)):
        frame(ax, width, height)
        draw(ax)
        highlight(ax, parts)
        ax.set_title(f"({'abcdefgh'[n]})  {equation}", fontsize=15, loc="left")
    fig.tight_layout()
    return fig, axes


def box(ax, x, y, w, h, text, color=COLORS["tanh"], fontsize=12):
    """A rounded box centred at (x, y)."""
    _tag(ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                     boxstyle="round,pad=0.02,rounding_size=0.12",
                                     fc=color, ec=COLORS["edge"], lw=1.2, zorder=3)),
         ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=4))


def op(ax, x, y, symbol, r=0.22, fontsize=12, color=COLORS["op"]):
    """A pointwise operation: a circle with ``symbol`` (e.g. r"$\\otimes$", "+", "tanh", "1−")."""
    _tag(ax.add_patch(Circle((x, y), r, fc=color, ec=COLORS["edge"], lw=1.2, zorder=3)),
         ax.text(x, y, symbol, ha="center", va="center", fontsize=fontsize, zorder=4))


def arrow(ax, start, end, color=COLORS["edge"], lw=1.4, style="-|>", shrink=0.0, **kw):
    """A straight arrow from ``start`` to ``end``."""
    _tag(ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=12,
                                      color=color, lw=lw, shrinkA=shrink, shrinkB=shrink,
                                      zorder=2, **kw)))


def path(ax, points, color=COLORS["edge"], lw=1.4, head=True, dashed=False):
    """A polyline through ``points``; with ``head`` its last segment ends in an arrow head."""
    xs, ys = zip(*points)
    ls = "--" if dashed else "-"
    _tag(*ax.plot(xs[:-1] if head else xs, ys[:-1] if head else ys, color=color, lw=lw, ls=ls,
                  zorder=2))
    if head:
        arrow(ax, points[-2], points[-1], color=color, lw=lw, linestyle=ls)


def label(ax, x, y, text, fontsize=12, color=COLORS["text"], **kw):
    """Text centred at (x, y)."""
    _tag(ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, color=color, zorder=5,
                 **kw))


def state_line(ax, y, x_start, x_end, ops, color=COLORS["state"], lw=2.2, r=0.22):
    """A horizontal state line at height ``y`` through pointwise operations.

    ``ops`` lists ``(x, symbol)`` in order; arrows join ``x_start``, each operation's circle
    (radius ``r``) and ``x_end``.
    """
    xs = [x_start] + [x for x, _ in ops] + [x_end]
    for k, (a, b) in enumerate(zip(xs[:-1], xs[1:])):
        arrow(ax, (a + (r if k else 0), y), (b - (r if k < len(ops) else 0), y), color=color, lw=lw)
    for x, symbol in ops:
        op(ax, x, y, symbol, r=r)


# The Okabe–Ito palette (colour-blind safe), for diagrams that colour their paths by meaning.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
             "black": "#000000"}
