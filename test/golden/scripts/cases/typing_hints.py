# typing at run time: aliases and special forms subscripted with CPython 3.11's reprs and errors,
# builtin generics (list[int]), int | None, TypeVar, Generic[T] as a base, cast; class attributes = None.
from typing import List, Optional, Tuple, Dict, Union, Callable, Any, Iterable, Sequence, TypeVar, Generic, Literal, Set, cast
import typing
def f(x: List[int], y: Optional[float] = None) -> Tuple[int, ...]:
    return tuple(x)
print(f([1, 2]))
print(typing.List[int], Optional[int], Dict[str, float], Union[int, str], Callable[[int], float])
print(List, Any, Optional, Union[int, None], Union[int, Union[str, int]], Union[int])
print(Tuple[int, ...], Tuple[()], Callable[..., int], Literal['a', 1], Set[Tuple[int, str]])
print(List['Node'], Dict[str, List[Optional[int]]])
print(list[int], dict[str, list[float]], tuple[int, ...], type[int])
print(int | None, int | str | None, Optional[int] == Union[int, None], List[int] == List[int])
T = TypeVar('T')
K = TypeVar('K', covariant=True)
print(T, K)
class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
s = Stack[int]() if False else Stack()
s.push(1); s.push(2)
print(s.pop(), Stack.__mro__ if False else Stack.__bases__)
x: Dict[str, int] = {'a': 1}
print(x, cast(int, 'not an int'))
from dataclasses import dataclass
@dataclass
class Cfg:
    name: str
    hidden: List[int]
    dropout: Optional[float] = None
    act: str | None = None
print(Cfg('m', [1, 2]))
try:
    List[int, str]
except TypeError as e:
    print(e)
try:
    Dict[int]
except TypeError as e:
    print(e)
try:
    List()
except TypeError as e:
    print(e)
try:
    Optional[int, str]
except TypeError as e:
    print(e)
print(typing.TYPE_CHECKING, typing.get_args(Dict[str, int]))
from typing import Iterator, Mapping
def gen(n: int) -> Iterator[int]:
    yield from range(n)
print(list(gen(3)), Mapping[str, int], Iterator[int])
from typing import ClassVar, Type, Final
print(Type[int], ClassVar[int], Final[str])
try:
    ClassVar[int, str]
except TypeError as e:
    print(e)
class A:
    x = None
    y: ClassVar[int] = 3
print(A.x, A.y, isinstance([], list))
