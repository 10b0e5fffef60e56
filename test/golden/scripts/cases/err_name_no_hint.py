print('before')
print(zzzqqq)
