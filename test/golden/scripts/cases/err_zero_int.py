n = 0
print(10 // (n + 1))
print(10 % n)
