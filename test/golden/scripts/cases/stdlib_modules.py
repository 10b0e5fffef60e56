import math, random
from collections import OrderedDict, defaultdict, Counter, namedtuple, deque
import itertools
from functools import reduce, partial
import os, sys, time
import os.path
print(math.sqrt(2), math.pi, math.floor(2.5), math.factorial(20), math.log(8, 2), math.hypot(3, 4))
random.seed(42)
print(random.random(), random.randint(1, 10), random.choice('abc'))
xs = list(range(10))
random.shuffle(xs)
print(xs, random.sample(range(100), 5), random.gauss(0, 1))
print(OrderedDict(a=1, b=2), Counter('abracadabra').most_common(2))
dd = defaultdict(list)
dd['x'].append(1)
print(dd, dict(dd))
P = namedtuple('Point', 'x y')
p = P(1, y=2)
print(p, p.x, p._asdict(), P, type(p))
d = deque([1, 2, 3], maxlen=3)
d.append(4)
d.appendleft(0)
print(d, d.popleft(), d)
print(list(itertools.product('ab', range(2))), list(itertools.combinations(range(4), 2)), list(itertools.permutations('abc', 2)))
print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.chain([1], (2, 3))), list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.zip_longest('ab', 'xyz', fillvalue='-')), list(zip(itertools.count(), 'ab')), list(itertools.repeat(7, 3)))
print(reduce(pow, [2, 3, 2]), partial(pow, 2)(10), reduce(max, [3, 9, 2], 0))
print(os.path.join('data', 'x.csv'), os.path.basename('/a/b.txt'), os.sep, os.environ.get('GRAD_GRAPH_NOPE', 'none'), sys.version_info.major, sys.version_info >= (3, 8), type(time.time()))
print(sys.version_info)
