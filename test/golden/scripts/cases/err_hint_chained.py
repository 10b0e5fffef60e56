# Each exception of a chain is printed with its own hint.
import math

learning_rate = 0.1
try:
    print(learning_rat)
except NameError as e:
    print("caught:", e)
    math.sqr(2)
