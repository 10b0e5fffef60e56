x = 5
print(f'{x:.2f} {y}')
