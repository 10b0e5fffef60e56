x = float('nan')
print('before')
print(int(x))
