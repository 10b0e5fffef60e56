# pprint as CPython 3.11 lays out dicts, OrderedDicts (state_dict), defaultdict, Counter, deque,
# sets, dataclasses, long strings, depth, compact, indent and width; PrettyPrinter objects.
import pprint
from pprint import pprint as pp, pformat
from collections import OrderedDict, defaultdict, Counter, deque
from dataclasses import dataclass, field
import torch
data = {'b': [1, 2, 3] * 10, 'a': {'x': 'hello ' * 20, 'y': (1,)}, 'c': None, 10: 'ten'}
pp(data)
pp(data, width=40, indent=4)
pp(data, depth=1)
pp(data, compact=True, width=50)
pprint.pp({'z': 1, 'a': 2})
print(pformat(list(range(40)), width=30, compact=True))
print(pformat(list(range(40)), width=30))
pp(OrderedDict([('w', torch.ones(2, 3)), ('b', torch.zeros(3))]))
pp(OrderedDict())
d = defaultdict(list); d['key'].append(list(range(30)))
pp(d)
pp(Counter('the quick brown fox jumps over the lazy dog the end'))
pp(deque(range(30), maxlen=40))
pp({3, 1, 2, 'a'} if False else {5, 3, 1, 2, 100, 44, 33, 22, 11, 99, 88, 77, 66, 55, 4444, 333, 222, 111})
pp(frozenset(range(30)))
@dataclass
class Config:
    name: str
    layers: list = field(default_factory=lambda: [64, 128, 256, 512, 1024, 2048, 4096])
    lr: float = 0.001
    opts: dict = field(default_factory=dict)
pp(Config('a-very-long-experiment-name', opts={'momentum': 0.9, 'nesterov': True, 'dampening': 0}))
pp("a long string " * 10)
pp(["a long string " * 10, 'x'])
pp({'k': "line one\nline two is here and it is long " * 3})
p = pprint.PrettyPrinter(indent=2, width=30)
p.pprint({'alpha': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'beta': (1, 2)})
print(p.pformat([1, 2]))
print(pprint.saferepr({'b': 1, 'a': [1, 2]}), pprint.isreadable([1, 2]), pprint.isreadable(torch.ones(1)), pprint.isrecursive([1]))
l = [1, 2]; l.append(l)
print(pprint.saferepr(l)[:30])
pp({1: 'a', 'b': 2, 2.5: 'c'})
pp(list(range(3)), width=0) if False else None
pp([[1, 2, [3, 4, [5, 6, [7, 8]]]]], depth=2)
pp({'mixed': [1, 'two', 3.0, None, True, (4, 5)] * 5}, underscore_numbers=True)
pp(12345678, underscore_numbers=True)
torch.manual_seed(0)
model = torch.nn.Linear(3, 2)
pp(model.state_dict())
pp(dict(model.named_parameters()))
try:
    pprint.pprint({}, indent=-1)
except ValueError as e:
    print('ValueError', e)
try:
    pprint.pformat({}, 1, 2, 3, 4)
except TypeError as e:
    print('TypeError', e)
