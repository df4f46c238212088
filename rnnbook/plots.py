"""Plot helpers for the chapters' experiments: each takes data and returns ``(fig, ax)``."""
import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_curves", "plot_heatmap"]


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
