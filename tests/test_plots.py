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


def test_plot_curves_one_line_per_entry():
    from rnnbook.plots import plot_curves
    x = np.arange(5)
    fig, ax = plot_curves({"a": (x, x ** 2 + 1), "b": (x, x + 1)}, xlabel="step", ylabel="loss",
                          title="t", logy=True)
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), x ** 2 + 1)
    assert ax.get_yscale() == "log" and ax.get_legend() is not None
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_title()) == ("step", "loss", "t")
    plt.close(fig)
    fig, ax = plot_curves({"only": (x, x)})
    assert ax.get_legend() is None and ax.get_yscale() == "linear"  # one curve: no legend
    plt.close(fig)


def test_plot_heatmap_rows_down_the_y_axis():
    from rnnbook.plots import plot_heatmap
    m = np.arange(6.0).reshape(2, 3)
    fig, ax = plot_heatmap(m, vmin=0, vmax=5, colorbar=False)
    np.testing.assert_array_equal(ax.images[0].get_array(), m)
    assert ax.images[0].get_clim() == (0, 5) and len(fig.axes) == 1  # no colour bar
    plt.close(fig)
    fig, ax = plot_heatmap(m)
    assert len(fig.axes) == 2  # with its colour bar
    plt.close(fig)


def test_cell_styles_cover_the_registry_and_differ():
    from rnnbook.cells import REGISTRY
    from rnnbook.plots import CELL_STYLE
    assert set(CELL_STYLE) == set(REGISTRY)
    for key in ("color", "ls", "marker"):
        values = [str(style[key]) for style in CELL_STYLE.values()]
        assert len(set(values)) == len(values), key


def test_plot_text_values_grid_and_colours():
    import pytest

    from rnnbook.plots import _text_grid, plot_text_values
    rows, cols = _text_grid("ab\ncdefg", 3)
    assert rows.tolist() == [0, 0, 0, 1, 1, 1, 2, 2] and cols.tolist() == [0, 1, 2, 0, 1, 2, 0, 1]
    fig, ax = plot_text_values("ab\ncd", [0.0, 1.0, 2.0, -1.0, 3.0], width=4)
    grid = ax.images[0].get_array()
    assert grid.shape == (2, 4) and grid[0, 1] == 1.0 and grid[1, 1] == 3.0
    assert np.ma.is_masked(grid[0, 3]) or np.isnan(grid[0, 3])
    assert [t.get_text() for t in ax.texts] == ["a", "b", "\u21b5", "c", "d"]
    assert ax.images[0].get_clim() == (-3.0, 3.0)
    plt.close(fig)
    with pytest.raises(ValueError, match="one entry per character"):
        plot_text_values("abc", [1.0, 2.0])


def test_plot_seeds_thin_seeds_and_their_median():
    from rnnbook.plots import CELL_STYLE, plot_seeds
    x = np.arange(4)
    curves = np.array([[4.0, 3, 2, 1], [1, 1, 1, 1], [2, 2, 9, 0]])
    fig, ax = plt.subplots()
    median = plot_seeds(ax, x, curves, "LSTM", label="LSTM (median)", color="black")
    np.testing.assert_array_equal(median, [2, 2, 2, 1])
    *seeds, line = ax.lines
    assert len(seeds) == 3 and all(s.get_linewidth() < line.get_linewidth() for s in seeds)
    assert {s.get_color() for s in seeds} == {CELL_STYLE["LSTM"]["color"]}
    np.testing.assert_array_equal(line.get_ydata(), median)
    assert line.get_color() == "black" and line.get_label() == "LSTM (median)"
    assert line.get_marker() == CELL_STYLE["LSTM"]["marker"]
    import pytest
    with pytest.raises(ValueError, match="name must be one of"):
        plot_seeds(ax, x, curves, "lstm")
    with pytest.raises(ValueError, match=r"curves must be \(seeds, len\(x\)\)"):
        plot_seeds(ax, x, curves[:, :3], "LSTM")
    plt.close(fig)
