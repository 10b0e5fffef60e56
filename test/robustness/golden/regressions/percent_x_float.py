print('%x' % 5.255)
