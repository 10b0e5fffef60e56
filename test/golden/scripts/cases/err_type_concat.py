print('a')
x = 'loss: ' + 1
