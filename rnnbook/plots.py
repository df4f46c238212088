"""Plot helpers for the chapters' experiments: each takes data and returns ``(fig, ax)``."""
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np

from .cells import REGISTRY

__all__ = ["CELL_STYLE", "SEED_LINE", "plot_curves", "plot_seeds", "plot_heatmap",
           "plot_heatmaps", "plot_text_values"]

# Okabe–Ito colours, which colour-blind readers can tell apart, each with its own dash pattern
# and marker so that the lines differ in grey-scale print too; the n-th registered cell takes
# the n-th style (after eight they repeat).
_COLORS = ["#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9", "#000000",
           "#F0E442"]
_DASHES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1)),
           (0, (5, 5))]
_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


class _CellStyles(Mapping):
    """The line style of each cell of :data:`rnnbook.cells.REGISTRY`, by its place there, so
    that a newly registered cell has one of its own with no edit here."""

    def __getitem__(self, name):
        names = list(REGISTRY)
        if name not in names:
            raise KeyError(name)
        k = names.index(name) % len(_COLORS)
        return dict(color=_COLORS[k], ls=_DASHES[k], marker=_MARKERS[k])

    def __iter__(self):
        return iter(REGISTRY)

    def __len__(self):
        return len(REGISTRY)


#: Mapping: One line style per cell (keys of :data:`rnnbook.cells.REGISTRY`), the same in every
#: figure. Use as ``ax.plot(x, y, **CELL_STYLE["LSTM"])``.
CELL_STYLE = _CellStyles()

#: dict: The thin line of one seed in :func:`plot_seeds`; also for a legend entry drawn by hand.
SEED_LINE = dict(lw=0.7, alpha=0.35)


def plot_curves(curves, *, xlabel="", ylabel="", title="", logy=False, ax=None, **line_kw):
    """One line per entry of ``curves``: ``{label: (x, y)}``."""
    fig, ax = plt.subplots(figsize=(6.4, 3.8)) if ax is None else (ax.figure, ax)
    for label, (x, y) in curves.items():
        ax.plot(x, y, label=label, **line_kw)
    if logy:
        ax.set_yscale("log")
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.grid(True, alpha=0.3)
    if len(curves) > 1:
        ax.legend(fontsize="small")
    return fig, ax


def plot_seeds(ax, x, curves, name, *, label=None, **median_kw):
    """A many-seed experiment's curves: each seed's as a thin line, their median as a thick one.

    ``curves`` is (seeds, len(x)); the median is taken over the seeds at every x. Both take
    the cell's colour from :data:`CELL_STYLE`; the median also its dashes and marker, so the
    figure reads in grey-scale too. ``median_kw`` overrides the median line's style (e.g.
    ``color="black", marker=None``). Returns the median, (len(x),).
    """
    if name not in CELL_STYLE:
        raise ValueError(f"name must be one of {sorted(CELL_STYLE)}, got {name!r}")
    curves = np.asarray(curves, dtype=float)
    if curves.ndim != 2 or curves.shape[1] != len(x):
        raise ValueError(f"curves must be (seeds, len(x)) = (seeds, {len(x)}), got shape "
                         f"{curves.shape}")
    style = CELL_STYLE[name]
    ax.plot(x, curves.T, color=style["color"], **SEED_LINE)
    median = np.median(curves, axis=0)
    ax.plot(x, median, **{**style, "lw": 2, "ms": 4, "markevery": max(1, len(x) // 10),
                          **median_kw}, label=label)
    return median


def plot_heatmap(matrix, *, xlabel="", ylabel="", title="", ax=None, vmin=None, vmax=None,
                 cmap="viridis", colorbar=True):
    """``matrix`` (rows, columns) as an image; rows run down the y axis."""
    fig, ax = plt.subplots(figsize=(6.4, 2.6)) if ax is None else (ax.figure, ax)
    im = ax.imshow(np.asarray(matrix), aspect="auto", interpolation="nearest", cmap=cmap,
                   vmin=vmin, vmax=vmax)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    if colorbar:
        fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02)
    return fig, ax


def plot_heatmaps(matrices, *, xlabel="", col_marks=(), row_marks=(), vmin=None, vmax=None,
                  cmap="viridis", height=1.9):
    """Heatmaps stacked vertically on a shared x axis, one per entry of ``{title: matrix}``.

    Each matrix is (rows, columns) with the columns on the x axis (e.g. units × time steps).
    ``col_marks`` (e.g. marker steps) are flagged by red triangles above every panel and
    ``row_marks`` (e.g. a unit) by red triangles left of it, outside the image so that no
    cell is hidden. Returns ``(fig, axes)``.
    """
    fig, axes = plt.subplots(len(matrices), 1, figsize=(6.4, height * len(matrices)),
                             sharex=True, squeeze=False)
    axes = axes[:, 0]
    for ax, (title, m) in zip(axes, matrices.items()):
        plot_heatmap(m, title=title, ax=ax, vmin=vmin, vmax=vmax, cmap=cmap)
        for x in col_marks:
            ax.plot(x, 1.0, marker="v", color="red", ms=7, clip_on=False,
                    transform=ax.get_xaxis_transform())
        for y in row_marks:
            ax.plot(0.0, y, marker=">", color="red", ms=7, clip_on=False,
                    transform=ax.get_yaxis_transform())
    axes[-1].set_xlabel(xlabel)
    fig.tight_layout()
    return fig, axes


def _text_grid(text, width):
    """Row and column of every character of ``text`` laid out in lines of at most ``width``
    characters: a newline ends its row (it is drawn as ``↵``), a longer line wraps."""
    rows, cols, r, c = [], [], 0, 0
    for ch in text:
        if c == width:
            r, c = r + 1, 0
        rows.append(r)
        cols.append(c)
        if ch == "\n":
            r, c = r + 1, 0
        else:
            c += 1
    return np.array(rows, int), np.array(cols, int)


def plot_text_values(text, values, *, width=64, vmin=None, vmax=None, cmap="RdBu_r",
                     colorbar_label="", fontsize=9, ax=None):
    """``text`` drawn in a grid of characters, each on a background coloured by its value.

    Parameters
    ----------
    text : str
        The passage; newlines start a new row (drawn as ``↵``), lines longer than ``width`` wrap.
    values : array_like (len(text),)
        One number per character, e.g. a unit's c_t after reading that character.
    width : int
        Characters per row.
    vmin, vmax : float or None
        Colour limits; by default symmetric about 0, at plus and minus the largest absolute
        value.
    """
    values = np.asarray(values, dtype=float)
    if not isinstance(text, str) or values.shape != (len(text),):
        raise ValueError(f"values must have one entry per character of text ({len(text)}), "
                         f"got shape {values.shape}")
    rows, cols = _text_grid(text, width)
    n_rows = int(rows.max()) + 1 if len(text) else 1
    grid = np.full((n_rows, width), np.nan)
    grid[rows, cols] = values
    if vmax is None:
        vmax = float(np.nanmax(np.abs(values))) if len(text) else 1.0
        vmin = -vmax if vmin is None else vmin
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.1 * width + 0.9, 0.17 * n_rows + 0.5))
    else:
        fig = ax.figure
    im = ax.imshow(grid, aspect="auto", interpolation="nearest", cmap=cmap, vmin=vmin,
                   vmax=vmax)
    for ch, r, c in zip(text, rows, cols):
        if ch != " ":
            ax.text(c, r, "\u21b5" if ch == "\n" else ch, ha="center", va="center",
                    family="monospace", fontsize=fontsize)
    ax.set_xticks([])
    ax.set_yticks([])
    cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
    cb.set_label(colorbar_label)
    return fig, ax
