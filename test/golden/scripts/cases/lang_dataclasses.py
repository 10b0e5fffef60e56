from dataclasses import dataclass, field
@dataclass
class P:
    x: int
    y: int = 0
try:
    P()
except TypeError as e: print(e)
try:
    P(1, 2, 3)
except TypeError as e: print(e)
try:
    P(1, z=2)
except TypeError as e: print(e)
try:
    P(1, x=2)
except TypeError as e: print(e)
try:
    @dataclass
    class Q:
        a: list = []
except ValueError as e: print(e)
try:
    @dataclass
    class R:
        a: int = 1
        b: int
except TypeError as e: print(e)
@dataclass(frozen=True)
class F:
    a: int
f = F(1)
try:
    f.a = 2
except Exception as e: print(type(e), e)
print(P.__init__.__qualname__)
print(P.__hash__, hash(f) == hash(F(1)), f == F(1), {f, F(1)})
try:
    P(1) < P(2)
except TypeError as e: print(e)
@dataclass(order=True)
class V:
    name: str
    tags: list = field(default_factory=list)
    score: float = 1.5
    hidden: int = field(default=0, repr=False, compare=False)
a, b = V("a"), V("b", ["t"], 2.0)
a.tags.append("x")
print(a, b, a == V("a", ["x"]), a < b, sorted([b, a]))
from dataclasses import asdict, astuple, fields, replace
print(asdict(b), astuple(b), [f.name for f in fields(V)], replace(a, name="c"))
@dataclass
class W(V):
    extra: int = 3
    def __post_init__(self):
        self.total = self.score * self.extra
w = W("w")
print(w, w.total, V.__annotations__)
x: int = 5
print(__annotations__)
