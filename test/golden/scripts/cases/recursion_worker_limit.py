# One frame past CPython's limit of 1000 (the module's included): RecursionError and its
# traceback, as CPython prints it, never a JavaScript stack overflow.
def down(n):
    return n if n == 0 else down(n - 1)
print(down(998))
down(1001)
