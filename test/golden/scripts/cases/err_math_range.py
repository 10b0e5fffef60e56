import math
x = math.exp(700)
print(x > 1)
y = math.exp(710)
