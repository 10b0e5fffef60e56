class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        return iter((self.x, self.y))
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __bool__(self):
        return bool(self.x or self.y)
    def __call__(self, k):
        return Point(self.x * k, self.y * k)
    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    @norm2.setter
    def norm2(self, v):
        self.x = v
    @staticmethod
    def origin():
        return Point(0, 0)
    @classmethod
    def unit(cls):
        return cls(1, 1)

p = Point(1, 2)
q = Point(3, 4)
print(p + q, p == Point(1, 2), p != q, p < q, len(p), p[1], list(p), 2 in p, bool(Point.origin()))
print(p(3), p.norm2, Point.unit(), Point.dims, p.dims)
p.norm2 = 10
print(p, sorted([q, p]), str(p), repr(p))
a, b = q
print(a, b, max([p, q]))
class Plain:
    pass
o = Plain()
o.z = 5
print(o.z, type(o).__name__, isinstance(o, Plain), isinstance(o, object))
try:
    o.missing
except AttributeError as e:
    print(e)
try:
    p + 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    Plain() < Plain()
except TypeError as e:
    print(e)
try:
    len(Plain())
except TypeError as e:
    print(e)
