# A recursion past CPython's limit of 1000 frames: RecursionError with its traceback, never a JS
# stack overflow (the CLI runs scripts on a thread with room for the whole depth).
def walk(node, depth=0):
    return walk([node], depth + 1) if depth >= 0 else node
print(walk(0) if False else 'start')
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(950) % 1000003)
walk(0)
