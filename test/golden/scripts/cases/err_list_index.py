losses = [0.5, 0.25]
print(losses[-1])
print(losses[2])
