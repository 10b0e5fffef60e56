for i in range(5):
    print(i)
    if i == 2:
        print(1 / (i - 2))
