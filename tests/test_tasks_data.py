import numpy as np
import pytest

from rnnbook.tasks import adding, reber, recall, series


def test_geron_series_reproduces_the_naive_forecast_mse():
    s = series.geron_time_series(10000, 51)
    assert s.shape == (10000, 51, 1) and s.dtype == np.float32
    X_valid, y_valid = s[7000:9000, :50], s[7000:9000, -1]
    assert round(float(np.mean((X_valid[:, -1] - y_valid) ** 2)), 4) == 0.0202  # Géron's value


def test_geron_series_leaves_the_global_stream_alone():
    np.random.seed(0)
    expected = np.random.rand()
    np.random.seed(0)
    series.geron_time_series(5, 3)
    assert np.random.rand() == expected


def test_recall_task_target_is_the_lagged_symbol():
    X, y = recall.recall_task(50, 8, 3, n_symbols=5, rng=0)
    assert X.shape == (50, 8, 5)
    np.testing.assert_array_equal(X.sum(-1), 1.0)
    np.testing.assert_array_equal(X[:, 8 - 1 - 3].argmax(-1), y)
    with pytest.raises(ValueError, match=r"lag must be an int in \[0, T=8\)"):
        recall.recall_task(5, 8, 8)
    with pytest.raises(ValueError, match=r"lag must be an int in \[0, T=8\), got True"):
        recall.recall_task(5, 8, True)
    _, y64 = recall.recall_task(50, 8, np.int64(3), n_symbols=5, rng=0)  # NumPy ints are ints
    np.testing.assert_array_equal(y64, y)


def test_adding_problem():
    X, y = adding.adding_problem(2000, 20, rng=0)
    assert X.shape == (2000, 20, 2) and y.shape == (2000, 1)
    np.testing.assert_array_equal(X[:, :10, 1].sum(1), 1)  # one marker in each half
    np.testing.assert_array_equal(X[:, 10:, 1].sum(1), 1)
    np.testing.assert_allclose(y[:, 0], (X[..., 0] * X[..., 1]).sum(1))
    assert abs(np.mean((y - 1.0) ** 2) - 1 / 6) < 0.01  # constant-prediction baseline


def test_embedded_reber_generator_and_checker():
    rng = np.random.default_rng(0)
    good = [reber.embedded_reber_string(rng) for _ in range(300)]
    assert all(reber.is_embedded_reber(s) for s in good)
    assert all(s[1] == s[-2] and s[0] == "B" and s[-1] == "E" for s in good)
    for s in good[:50]:  # the hard negatives: only the second-to-last symbol differs
        flipped = s[:-2] + {"T": "P", "P": "T"}[s[-2]] + s[-1]
        assert not reber.is_embedded_reber(flipped)
    for bad in ["", "BTBTXSE", "BTBTSXETE", "BTBTXSEPE", "BTBPVVETEE", "XTBPVVETE"]:
        assert not reber.is_embedded_reber(bad)
    assert reber.is_embedded_reber("BTBPVVETE") and reber.is_embedded_reber("BTBTXSETE")
    corrupted = [reber.corrupted_embedded_reber_string(rng) for _ in range(300)]
    assert sum(map(reber.is_embedded_reber, corrupted)) < 30


def test_flip_embedded_branch_is_the_hard_negative():
    rng = np.random.default_rng(1)
    assert reber.flip_embedded_branch("BTBPVVETE") == "BTBPVVEPE"
    assert reber.flip_embedded_branch("BPBTXSEPE") == "BPBTXSETE"
    for s in [reber.embedded_reber_string(rng) for _ in range(100)]:
        flipped = reber.flip_embedded_branch(s)
        assert len(flipped) == len(s) and not reber.is_embedded_reber(flipped)
        assert [k for k in range(len(s)) if s[k] != flipped[k]] == [len(s) - 2]
        assert {s[-2], flipped[-2]} == {"T", "P"}
        assert reber.breaks_only_the_branch_pair(flipped)
        with pytest.raises(ValueError, match="s must be a valid embedded Reber string"):
            reber.flip_embedded_branch(flipped)  # not valid, so not flipped back
    for bad in ["", "BTE", "BTBTXSEPE", "btbpvvete"]:
        with pytest.raises(ValueError, match=f"valid embedded Reber string, got {bad!r}"):
            reber.flip_embedded_branch(bad)
    with pytest.raises(TypeError, match="s must be a str, got list"):
        reber.flip_embedded_branch(list("BTBPVVETE"))


def test_breaks_only_the_branch_pair_on_every_one_symbol_change():
    """Of all one-symbol changes of valid strings, exactly the T <-> P switches of the second
    or the second-to-last symbol break only the branch pair."""
    rng = np.random.default_rng(2)
    for s in [reber.embedded_reber_string(rng) for _ in range(20)]:
        assert not reber.breaks_only_the_branch_pair(s)
        for k in range(len(s)):
            for c in reber.REBER_CHARS.replace(s[k], ""):
                changed = s[:k] + c + s[k + 1:]
                expected = k in (1, len(s) - 2) and {s[k], c} == {"T", "P"}
                assert reber.breaks_only_the_branch_pair(changed) is expected, (s, changed)
    for short in ["", "B", "BT", "BTP"]:
        assert reber.breaks_only_the_branch_pair(short) is False
    assert not reber.breaks_only_the_branch_pair("BTBTSEPE")  # pair broken, inner string too
    with pytest.raises(TypeError, match="s must be a str, got bytes"):
        reber.breaks_only_the_branch_pair(b"BTBPVVEPE")


def test_encode_strings_left_pads():
    X = reber.encode_strings(["BE", "BTE"])
    assert X.shape == (2, 3, 7)
    np.testing.assert_array_equal(X[0, 0], 0)
    assert reber.REBER_CHARS[X[0, 1].argmax()] == "B" and reber.REBER_CHARS[X[1, 2].argmax()] == "E"
    with pytest.raises(ValueError, match=r"strings\[0\] has symbol 'Z'"):
        reber.encode_strings(["BZE"])
    with pytest.raises(ValueError, match="T must be at least the longest"):
        reber.encode_strings(["BTE"], T=2)
    for bad in ([], ["BTE", 3]):
        with pytest.raises(TypeError, match="strings must be a non-empty sequence of str"):
            reber.encode_strings(bad)


def test_geron_series_rejects_a_non_int_seed():
    with pytest.raises(TypeError, match="seed must be an int, got str"):
        series.geron_time_series(2, 3, seed="42")


def test_multi_step_targets_follow_geron():
    s = series.geron_time_series(10000, 50 + 10)
    X, Y, Y_seq = series.multi_step_targets(s, 50, 10)
    assert X.shape == (10000, 50, 1) and Y.shape == (10000, 10) and Y_seq.shape == (10000, 50, 10)
    np.testing.assert_array_equal(Y_seq[:, -1], Y)
    np.testing.assert_array_equal(Y_seq[:, 7, 2], s[:, 7 + 3, 0])  # 3 steps after step 7
    naive = series.naive_forecast(X[7000:9000], 10)
    assert naive.shape == (2000, 10)
    assert round(float(np.mean((naive - Y[7000:9000]) ** 2)), 4) == 0.2570  # Géron's value
    with pytest.raises(ValueError, match=r"series must have shape \(n_series, n_steps \+ ahead, "
                                         r"1\) = \(n_series, 61, 1\), got \(10000, 60, 1\)"):
        series.multi_step_targets(s, 51, 10)
    with pytest.raises(ValueError, match="ahead must be a positive integer"):
        series.naive_forecast(X, 0)
    with pytest.raises(ValueError, match=r"X must have shape \(n_series, n_steps, 1\)"):
        series.naive_forecast(X[..., 0], 3)


def test_noisy_sines():
    X, Y = series.noisy_sines(500, 40, noise=0.2, seed=3)
    assert X.shape == Y.shape == (500, 40, 1)
    assert 0.035 < np.var(X - Y) < 0.045  # noise variance 0.04
    assert np.abs(Y).max() <= 0.7
    X2, Y2 = series.noisy_sines(500, 40, noise=0.0, seed=3)
    np.testing.assert_array_equal(X2, Y2)
    np.testing.assert_array_equal(Y2, Y)
    with pytest.raises(ValueError, match="noise must be a non-negative number"):
        series.noisy_sines(5, 4, noise=-1)
    with pytest.raises(TypeError, match="seed must be an int"):
        series.noisy_sines(5, 4, seed=1.5)


def test_reverse_task():
    from rnnbook.tasks.reverse import reverse_task
    X, Y = reverse_task(1000, 6, rng=0)
    assert X.shape == Y.shape == (1000, 6, 1)
    np.testing.assert_array_equal(Y[:, 0], X[:, -1])
    np.testing.assert_array_equal(Y[:, ::-1], X)
    assert abs(np.mean(Y ** 2) - 1 / 3) < 0.02  # predicting 0 scores 1/3
    with pytest.raises(ValueError, match="T must be a positive integer"):
        reverse_task(3, 0)
