class Vector:
    dims = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self): return f'Vector({self.x}, {self.y})'
    def __add__(self, o): return Vector(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return Vector(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return isinstance(o, Vector) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __lt__(self, o): return (self.x, self.y) < (o.x, o.y)
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __iter__(self): return iter((self.x, self.y))
    def __contains__(self, v): return v in (self.x, self.y)
    def __bool__(self): return bool(self.x or self.y)
    def __neg__(self): return Vector(-self.x, -self.y)
    def __abs__(self): return (self.x ** 2 + self.y ** 2) ** 0.5
    @property
    def norm(self): return abs(self)
    @classmethod
    def zero(cls): return cls(0, 0)
    @staticmethod
    def dot(a, b): return a.x * b.x + a.y * b.y
v = Vector(3, 4); w = Vector(1, 2)
print(v + w, v * 2, 3 * v, -v, abs(v), v.norm, Vector.zero(), Vector.dot(v, w), len(v), v[0], list(v), 4 in v)
print(v == Vector(3, 4), v != w, {v: 1}[Vector(3, 4)], sorted([v, w, Vector(0, 9)]), bool(Vector.zero()), max([v, w]))
x, y = v; print(x, y, Vector.dims, v.dims, str(v), [v])
class Temp:
    def __init__(self): self._c = 0
    @property
    def celsius(self): return self._c
    @celsius.setter
    def celsius(self, val):
        if val < -273: raise ValueError('too cold')
        self._c = val
t = Temp(); t.celsius = 25; print(t.celsius)
try: t.celsius = -300
except ValueError as e: print('error:', e)
class Animal:
    count = 0
    def __init__(self, name):
        self.name = name; Animal.count += 1
    def speak(self): return f'{self.name} makes a sound'
    def __str__(self): return f'{type(self).__name__}({self.name})'
class Dog(Animal):
    def speak(self): return super().speak() + ' (woof)'
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name); self.age = age
p = Puppy('rex', 1)
print(p.speak(), str(p), Animal.count, isinstance(p, Animal), issubclass(Puppy, Dog), Puppy.__mro__ if False else Puppy.__name__, p.__class__.__name__)
print(Puppy.__bases__ if False else '', [c.__name__ for c in Puppy.mro()])
class Counter:
    def __init__(self): self.n = 0
    def __call__(self, k=1): self.n += k; return self.n
c = Counter(); c(); c(5); print(c.n, callable(c))
class Stack:
    def __init__(self): self._items = []
    def push(self, x): self._items.append(x); return self
    def pop(self): return self._items.pop()
    def __len__(self): return len(self._items)
    def __repr__(self): return f'Stack({self._items!r})'
s = Stack().push(1).push('a'); print(s, len(s), s.pop(), s, bool(Stack()))
class Base:
    def __init_subclass__(cls, **kw): super().__init_subclass__()
class Meta(Base): pass
print(type(Meta()).__name__)
class P:
    __slots__ = ('a',)
    def __init__(self): self.a = 1
print(P().a)
class Account:
    def __init__(self, balance=0): self.balance = balance
    def __iadd__(self, amt): self.balance += amt; return self
    def __str__(self): return f'Account({self.balance})'
    def __format__(self, spec): return format(self.balance, spec)
a = Account(); a += 10; print(a, f'{a:>6}', f'{a}')
print(repr(Account())[:20])
