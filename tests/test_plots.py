"""Tests for rnnbook.plots."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from rnnbook.plots import plot_heatmaps  # noqa: E402


def test_plot_heatmaps_panels_and_markers():
    mats = {"i": np.zeros((3, 10)), "f": np.ones((3, 10)), "o": np.eye(3, 10)}
    fig, axes = plot_heatmaps(mats, xlabel="t", col_marks=[2, 7], row_marks=[1], vmin=0, vmax=1)
    assert [ax.get_title() for ax in axes] == ["i", "f", "o"]
    assert axes[-1].get_xlabel() == "t"
    for ax in axes:
        assert len(ax.images) == 1 and ax.images[0].get_array().shape == (3, 10)
        marks = [(line.get_marker(), line.get_xdata()[0], line.get_ydata()[0]) for line in ax.lines]
        assert sorted(marks) == [(">", 0.0, 1), ("v", 2, 1.0), ("v", 7, 1.0)]
    plt.close(fig)
