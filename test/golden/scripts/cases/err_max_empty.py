print(max([1, 2], key=abs))
print(max([], key=abs))
