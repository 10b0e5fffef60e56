print('{:q}'.format(1.5))
