# dir(): instances, classes, modules, builtin types and values, tensors, __dir__, the scope.
class A:
    z = 1
    def m(self): pass
class B(A):
    def __init__(self):
        self.x = 1
        self.y = 2
print(dir(B()))
print(dir(B))
print([n for n in dir(A()) if not n.startswith('_')])
print(dir())
def f():
    a = 1; b = 2
    print(dir())
f()
import math, random, collections
print(len(dir(math)), dir(math)[:8])
print(dir([]) == dir(list), dir({})[-3:], dir('')[-3:], dir(1)[-3:])
import torch
print(len(dir(torch.ones(2))), dir(torch.Size([1]))[-3:])
class C:
    def __dir__(self):
        return ['b', 'a']
print(dir(C()))
try:
    dir(1, 2)
except TypeError as e:
    print(e)
