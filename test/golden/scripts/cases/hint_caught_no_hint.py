# CPython 3.11 computes "Did you mean" only when it prints a traceback: a caught
# NameError/AttributeError's message, args and repr have no hint.
import math
import torch


class Point:
    def __init__(self):
        self.value = 1


def f():
    counter = 1
    try:
        countr
    except NameError as e:
        print(e, e.args, repr(e), e.name)
    try:
        Point().valu
    except AttributeError as e:
        print(e, e.args, e.name, type(e.obj).__name__)
    try:
        math.sqr
    except AttributeError as e:
        print(e, e.name, e.obj is math)
    try:
        [].apend
    except AttributeError as e:
        print(str(e), e.obj)
    try:
        torch.ones(1).siz
    except AttributeError as e:
        print(e, e.name)
    try:
        getattr(Point(), "valu")
    except AttributeError as e:
        print(e, e.name)
    try:
        from math import sqr
    except ImportError as e:
        print(e)
    try:
        raise AttributeError("made by hand")
    except AttributeError as e:
        print(e, e.name, e.obj)
    return counter


f()
