# eval(expression) in the calling scope: locals and globals, a TypeError for a non-string, and an
# exception inside it with the "<string>" frame
x = 3
print(eval(" x * 2"))
try:
    eval(5)
except TypeError as e:
    print(e)
def f():
    y = 4
    return eval("x + y")
print(f())
print(eval("1/0"))
