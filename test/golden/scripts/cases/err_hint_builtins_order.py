# Ties go to the first candidate in the builtins' dict order: print, not int.
values = [1, 2]
pint(values)
