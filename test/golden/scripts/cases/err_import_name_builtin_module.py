try:
    from math import sqr
except ImportError as e:
    print(type(e).__name__, e)
from math import sqrt, tau
print(sqrt(tau) > 2)
from math import pii
