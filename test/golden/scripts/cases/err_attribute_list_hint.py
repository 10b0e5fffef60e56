a = []
a.appnd(1)
