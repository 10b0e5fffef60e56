# A set display of more than two constants is compiled to a frozenset constant (rebuilt when the
# compiler merges constants) copied into a new set: its order differs from adding the items one
# by one when their hashes collide. Displays with a variable are built item by item.
print({5, 3, 1, 2, 100, 44, 33, 22, 11, 99, 88, 77, 66, 55, 4444, 333, 222, 111})
print({8, 16, 0, 24, 1}, {-1, -2, 7, 15}, {(1, 2), (3, 4), (9, 8), (0, 0)})
x = 5
print({x, 13, 21, 29, 37, 45}, {7, 15})
s = set()
for v in [5, 3, 1, 2, 100, 44, 33, 22, 11, 99, 88, 77, 66, 55, 4444, 333, 222, 111]:
    s.add(v)
print(s)
print({-1, -2, 7, 15} | {23, 31}, sorted({-1, -2, 7, 15}))
