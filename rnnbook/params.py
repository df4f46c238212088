"""Parameter trees: the named arrays of any parameter object, nested or not, and back.

A cell's parameters are a dataclass of arrays (``LSTMParams(W_x, W_h, b)``); a bidirectional
layer holds two of them (``fw``, ``bw``), a stack a list, a model a stack and a read-out. Gradient
checks, parameter counts and optimizers all need the same view of any of these: the arrays,
each with a name that says where it sits (``"fw.W_x"``, ``"params.1.b"``), and a way to put new
arrays in their places. That view is written once, here.

A tree is an ndarray (a leaf), or a dataclass instance, list, tuple or dict (with str keys) of
trees; anything else
inside (a cell module, a merge mode, ``None``) is carried along unchanged and has no leaves.
"""
import dataclasses

import numpy as np

__all__ = ["leaves", "replace_leaves", "count", "map_leaves", "holders"]


def _children(tree):
    """(name, child) pairs of a dataclass, list or tuple; ``None`` for a leaf or an opaque."""
    if dataclasses.is_dataclass(tree) and not isinstance(tree, type):
        return [(f.name, getattr(tree, f.name)) for f in dataclasses.fields(tree)]
    if isinstance(tree, (list, tuple)):
        return [(str(k), child) for k, child in enumerate(tree)]
    if isinstance(tree, dict):
        return [(str(k), child) for k, child in tree.items()]
    return None


def leaves(tree):
    """``{name: array}`` for every array in ``tree``, in field order; names join the path with
    dots (``"W_x"`` for a cell, ``"fw.W_x"`` for a bidirectional layer, ``"0.h"`` … for a list)."""
    found = {}

    def walk(node, path):
        if isinstance(node, np.ndarray):
            found[path] = node
            return
        for name, child in _children(node) or []:
            walk(child, f"{path}.{name}" if path else name)

    walk(tree, "")
    return found


def replace_leaves(tree, new):
    """A copy of ``tree`` with each array replaced by ``new[name]`` (names as :func:`leaves`
    gives them; every one must be there, and no other). ``tree`` itself is not changed."""
    names = set(leaves(tree))
    if not isinstance(new, dict) or set(new) != names:
        got = sorted(new) if isinstance(new, dict) else type(new).__name__
        raise ValueError(f"new must be a dict with exactly the leaves {sorted(names)}, got {got}")

    def build(node, path):
        if isinstance(node, np.ndarray):
            return new[path]
        children = _children(node)
        if children is None:
            return node
        rebuilt = [build(child, f"{path}.{name}" if path else name) for name, child in children]
        if isinstance(node, (list, tuple)):
            return type(node)(rebuilt)
        if isinstance(node, dict):
            return dict(zip(node, rebuilt))
        return dataclasses.replace(node, **{name: value
                                            for (name, _), value in zip(children, rebuilt)})

    return build(tree, "")


def map_leaves(fn, tree):
    """A copy of ``tree`` with every array ``a`` replaced by ``fn(a)`` (e.g. ``np.zeros_like``,
    or a cast to float64)."""
    return replace_leaves(tree, {name: fn(a) for name, a in leaves(tree).items()})


def count(tree):
    """The number of trainable numbers in ``tree``: the sizes of all its arrays."""
    return sum(a.size for a in leaves(tree).values())


def holders(tree):
    """The objects of ``tree`` that hold arrays themselves — a cell's parameter dataclass, a
    read-out's — in order, however they are nested: both directions of a bidirectional layer,
    each layer of a stack. What an optimizer steps over and a model's gradients line up with."""
    found = []

    def walk(node):
        children = _children(node)
        if children is None:
            return
        if any(isinstance(child, np.ndarray) for _, child in children):
            found.append(node)
        for _, child in children:
            walk(child)

    walk(tree)
    return found
