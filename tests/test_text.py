import numpy as np
import pytest

from rnnbook import text
from rnnbook.text import Vocabulary, ngram_bits_per_char, one_hot, text_properties


def test_vocabulary_round_trip_and_codes():
    v = Vocabulary.from_text("hello world\n")
    assert v.chars == "\n dehlorw" and v.size == len(v) == 9
    codes = v.encode("hello")
    assert codes.dtype == np.int64 and codes.tolist() == [4, 3, 5, 5, 6]
    assert v.decode(codes) == "hello"
    assert v.decode(codes.reshape(1, 5)) == "hello"


def test_unknown_character_names_argument_and_position():
    v = Vocabulary("abc")
    with pytest.raises(ValueError, match=r"prompt .*'x' at position 2"):
        v.encode("abxc", name="prompt")
    with pytest.raises(TypeError, match="text must be a str"):
        v.encode(["a"])
    with pytest.raises(ValueError, match=r"codes must lie in \[0, 3\)"):
        v.decode([0, 3])
    with pytest.raises(ValueError, match="repeat"):
        Vocabulary("aba")
    with pytest.raises(TypeError, match="non-empty"):
        Vocabulary("")


def test_one_hot():
    X = one_hot(np.array([[2, 0]]), 3, np.float32)
    assert X.dtype == np.float32 and X.shape == (1, 2, 3)
    np.testing.assert_array_equal(X[0], [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match=r"codes must lie in \[0, 3\)"):
        one_hot([3], 3)
    with pytest.raises(TypeError, match="integer"):
        one_hot([0.5], 3)


def test_corpus_is_the_shipped_stdlib_text():
    modules = text.read_modules()
    assert list(modules) == list(text.TRAIN_MODULES) + list(text.VALID_MODULES)
    train, valid = text.load_corpus()
    assert train.startswith("# ---- textwrap.py ----\n") and "class TextWrapper" in train
    assert valid.startswith("# ---- queue.py ----\n") and "class Queue" in valid
    assert "class Queue" not in train
    assert len(train) > 100_000 and len(valid) > 15_000
    v = Vocabulary.from_text(train)
    v.encode(valid)  # every validation character occurs in the training text
    assert v.size <= 100 and train.isascii()


def test_ngram_baselines_by_hand():
    # train "abab": unigram counts a 2, b 2; bigram counts ab 2, ba 1
    tr, ev = np.array([0, 1, 0, 1]), np.array([0, 1, 1])
    uni = ngram_bits_per_char(tr, ev, 3, 1, alpha=1.0)  # p(b) = 3/7 twice
    np.testing.assert_allclose(uni, -np.log2(3 / 7), rtol=1e-14)
    bi = ngram_bits_per_char(tr, ev, 3, 2, alpha=1.0)
    # p(b|a) = (N(ab) + 1)/(N(a.) + 3) = 3/5, p(b|b) = (N(bb) + 1)/(N(b.) + 3) = 1/4
    np.testing.assert_allclose(bi, -(np.log2(3 / 5) + np.log2(1 / 4)) / 2, rtol=1e-14)
    with pytest.raises(ValueError, match="order"):
        ngram_bits_per_char(tr, ev, 3, 3)
    with pytest.raises(ValueError, match="alpha"):
        ngram_bits_per_char(tr, ev, 3, 1, alpha=0)
    with pytest.raises(ValueError, match="eval_codes"):
        ngram_bits_per_char(tr, np.array([0, 5]), 3, 1)


def test_ngram_bigram_beats_unigram_on_text():
    train, valid = text.load_corpus()
    v = Vocabulary.from_text(train)
    a, b = v.encode(train), v.encode(valid)
    uni, bi = (ngram_bits_per_char(a, b, v.size, k) for k in (1, 2))
    assert bi < uni < np.log2(v.size)


def test_text_properties():
    src = 'def f(a, "(#"):  # x (\n    s = [\'\\\'\', """\n(""" ]\n'
    p = text_properties(src)
    assert set(p) == set(text.PROPERTIES)
    show = {k: "".join(str(min(int(x), 9)) for x in v) for k, v in p.items()}
    assert show["column"].startswith("123456789")
    nl = src.index("\n")
    assert p["column"][nl] == 0 and p["indent"][nl + 4] == 4 and p["indent"][nl + 5] == 4
    q = src.index('"(#"')
    assert p["in string"][q:q + 4].tolist() == [1, 1, 1, 1] and p["in string"][q + 4] == 0
    assert p["bracket depth"][q + 1] == 1  # the ( inside the string does not count
    assert p["in comment"][src.index("# x")] == 1 and p["bracket depth"][nl - 1] == 0
    esc = src.index("'\\''")
    assert p["in string"][esc:esc + 4].tolist() == [1, 1, 1, 1] and p["in string"][esc + 4] == 0
    tq = src.index('"""')
    assert p["in string"][tq:src.index('"""', tq + 3) + 3].min() == 1
    assert p["bracket depth"][src.index('""" ]') - 2] == 1  # ( in the triple-quoted string
    assert p["bracket depth"][-1] == 0
    with pytest.raises(TypeError, match="text must be a str"):
        text_properties(b"x")



def test_fold_lines():
    assert text.fold_lines("abcdefg\n\nxy", 3) == "abc\n\u21aadef\n\u21aag\n\nxy"
    s = "a" * 10 + "\n" + " " * 7
    folded = text.fold_lines(s, 4, mark="|")
    assert folded.replace("\n|", "") == s and max(map(len, folded.split("\n"))) <= 5
    with pytest.raises(ValueError, match="width"):
        text.fold_lines("x", 0)
