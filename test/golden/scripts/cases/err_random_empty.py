import random
random.seed(3)
print(random.choice([1, 2, 3]))
random.choice([])
