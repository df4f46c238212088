"""The embedded Reber grammar (chapter 4): strings, hard negatives and one-hot encoding.

Géron 1st ed., chapter 14, exercise 7. The long-range rule — the second symbol equals the
second-to-last — is what a recurrent cell must remember across the whole string.
"""
import numpy as np

from ..validation import check_positive_int, check_rng

__all__ = ["REBER_CHARS", "reber_string", "embedded_reber_string",
           "corrupted_embedded_reber_string", "is_embedded_reber", "flip_embedded_branch",
           "breaks_only_the_branch_pair", "encode_strings"]


REBER_CHARS = "BEPSTVX"
# state -> [(symbol, next state)]; None ends the string. Géron 1st ed., ch. 14, exercise 7.
_REBER = [[("B", 1)], [("T", 2), ("P", 3)], [("S", 2), ("X", 4)], [("T", 3), ("V", 5)],
          [("X", 3), ("S", 6)], [("P", 4), ("V", 6)], [("E", None)]]


def reber_string(rng=None):
    """A random string of the Reber grammar, e.g. ``'BTSSXXVVE'``."""
    rng = check_rng("rng", rng)
    state, out = 0, []
    while state is not None:
        symbol, state = _REBER[state][rng.integers(len(_REBER[state]))]
        out.append(symbol)
    return "".join(out)


def embedded_reber_string(rng=None):
    """B, then T or P, a Reber string, the same T or P again, then E."""
    rng = check_rng("rng", rng)
    branch = "TP"[rng.integers(2)]
    return "B" + branch + reber_string(rng) + branch + "E"


def corrupted_embedded_reber_string(rng=None):
    """A valid embedded Reber string with one symbol replaced by another; may rarely be valid
    again, so label it with :func:`is_embedded_reber`."""
    rng = check_rng("rng", rng)
    s = embedded_reber_string(rng)
    k = rng.integers(len(s))
    bad = [c for c in REBER_CHARS if c != s[k]]
    return s[:k] + bad[rng.integers(len(bad))] + s[k + 1:]


def _is_reber(s):
    state, k = 0, 0
    while state is not None:
        if k >= len(s):
            return False
        nxt = dict(_REBER[state]).get(s[k], -1)
        if nxt == -1:
            return False
        state, k = nxt, k + 1
    return k == len(s)


def is_embedded_reber(s):
    """True iff ``s`` belongs to the embedded Reber grammar."""
    if not isinstance(s, str):
        raise TypeError(f"s must be a str, got {type(s).__name__}")
    return (len(s) >= 4 and s[0] == "B" and s[1] in "TP" and s[-2] == s[1] and s[-1] == "E"
            and _is_reber(s[2:-2]))


def flip_embedded_branch(s):
    """The hard negative of a valid embedded Reber string: its second-to-last symbol T ↔ P.

    Every transition stays locally legal; only the long-range rule (second symbol equals the
    second-to-last) is broken, e.g. ``'BTBPVVETE'`` -> ``'BTBPVVEPE'``.

    Raises
    ------
    TypeError
        ``s`` is not a str.
    ValueError
        ``s`` is not an embedded Reber string (see :func:`is_embedded_reber`).
    """
    if not is_embedded_reber(s):
        raise ValueError(f"s must be a valid embedded Reber string, got {s!r}")
    return s[:-2] + {"T": "P", "P": "T"}[s[-2]] + s[-1]


def breaks_only_the_branch_pair(s):
    """True iff ``s`` is invalid only because its second and second-to-last symbols are T and P
    (in either order): making the second-to-last equal to the second gives a valid string.

    True for :func:`flip_embedded_branch`'s output, and for a valid string whose second symbol
    was switched T ↔ P; False for valid strings and for every other invalid one.

    Raises
    ------
    TypeError
        ``s`` is not a str.
    """
    if not isinstance(s, str):
        raise TypeError(f"s must be a str, got {type(s).__name__}")
    return (len(s) >= 4 and s[1] in "TP" and s[-2] in "TP" and s[1] != s[-2]
            and is_embedded_reber(s[:-2] + s[1] + s[-1]))


def encode_strings(strings, T=None, chars=REBER_CHARS):
    """One-hot encode strings, left-padded with zero vectors to a common length ``T``.

    Left padding keeps every string's last symbol at the last step, where a sequence-to-vector
    model reads out. Returns X (len(strings), T, len(chars)) float64.
    """
    strings = list(strings)
    if not strings or not all(isinstance(s, str) for s in strings):
        raise TypeError(f"strings must be a non-empty sequence of str, got {strings!r:.80}")
    longest = max(len(s) for s in strings)
    T = longest if T is None else check_positive_int("T", T)
    if T < longest:
        raise ValueError(f"T must be at least the longest string's length {longest}, got {T}")
    index = {c: k for k, c in enumerate(chars)}
    X = np.zeros((len(strings), T, len(chars)))
    for n, s in enumerate(strings):
        for k, c in enumerate(s):
            if c not in index:
                raise ValueError(f"strings[{n}] has symbol {c!r}, expected one of {chars!r}")
            X[n, T - len(s) + k, index[c]] = 1.0
    return X
