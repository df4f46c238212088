"""Plot helpers for the chapters' experiments: each takes data and returns ``(fig, ax)``."""
import matplotlib.pyplot as plt
import numpy as np

__all__ = ["CELL_STYLE", "plot_curves", "plot_heatmap", "plot_heatmaps"]

#: dict: One line style per cell (keys of :data:`rnnbook.cells.REGISTRY`), the same in every
#: figure: Okabe–Ito colours, which colour-blind readers can tell apart, each with its own dash
#: pattern and marker so that the lines differ in grey-scale print too. Use as
#: ``ax.plot(x, y, **CELL_STYLE["LSTM"])``.
CELL_STYLE = {
    "simple RNN": dict(color="#0072B2", ls="-", marker="o"),
    "LSTM": dict(color="#D55E00", ls="--", marker="s"),
    "peephole LSTM": dict(color="#CC79A7", ls=":", marker="^"),
    "GRU": dict(color="#009E73", ls="-.", marker="D"),
    "GRU, reset_after": dict(color="#E69F00", ls=(0, (5, 1, 1, 1)), marker="v"),
}


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
