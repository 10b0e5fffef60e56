# Runs without the name lists: special methods of builtin values, and errors caught
# (their "Did you mean" hint is computed only when a traceback is printed).
print((2.0).__pow__(3), int.__add__(1, 2), [1].__len__())
try:
    undefined_nam
except NameError as e:
    print(e, e.name)
try:
    [].apend
except AttributeError as e:
    print(e)
