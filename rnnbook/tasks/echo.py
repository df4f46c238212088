"""The echo text (chapter 7): a character stream whose only predictable characters depend on
the character ``lag`` steps back, to measure what truncated BPTT can learn.

The text is a run of segments ``O n n … n o``: an opener ``O`` (``A`` or ``B``, at random),
``lag − 1`` noise characters (``x``, ``y``, ``z``, at random), and the opener's echo ``o``
(``a`` for ``A``, ``b`` for ``B``), ``lag`` steps after the opener. A next-character model that
remembers the opener for ``lag − 1`` steps predicts every echo; one that does not is right
half of the time.
"""
import numpy as np

from ..validation import check_positive_int, check_rng

__all__ = ["ECHO_CHARS", "echo_codes", "echo_accuracy"]

#: Characters of the echo text; codes 0 and 1 are the openers, 2 and 3 their echoes, 4 to 6
#: noise.
ECHO_CHARS = "ABabxyz"


def echo_codes(n_segments, lag, *, rng=None):
    """Codes (n_segments · (lag + 1),) of an echo text; ``ECHO_CHARS`` decodes them."""
    n_segments = check_positive_int("n_segments", n_segments)
    lag = check_positive_int("lag", lag)
    rng = check_rng("rng", rng)
    opener = rng.integers(0, 2, n_segments)  # (n_segments,): 0 = A, 1 = B
    seg = np.empty((n_segments, lag + 1), np.int64)
    seg[:, 0] = opener
    seg[:, 1:lag] = rng.integers(4, 7, (n_segments, lag - 1))  # noise x, y, z
    seg[:, lag] = opener + 2  # the echo: a or b
    return seg.ravel()


def echo_accuracy(logits, targets):
    """Fraction of echo characters (targets 2 or 3) to which the model gives more probability
    than to the other echo character; 0.5 is chance.

    ``logits`` (..., 7) are the model's next-character logits, ``targets`` (...) the codes
    that follow.
    """
    logits, targets = np.asarray(logits), np.asarray(targets)
    if logits.shape != targets.shape + (len(ECHO_CHARS),):
        raise ValueError(f"logits must have shape targets.shape + ({len(ECHO_CHARS)},) = "
                         f"{targets.shape + (len(ECHO_CHARS),)}, got {logits.shape}")
    echo = (targets == 2) | (targets == 3)
    if not echo.any():
        raise ValueError("targets hold no echo character (code 2 or 3)")
    guess = np.where(logits[..., 2] >= logits[..., 3], 2, 3)
    return float(np.mean(guess[echo] == targets[echo]))
