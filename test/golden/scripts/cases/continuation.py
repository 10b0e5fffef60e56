import torch
x = torch.tensor([
    [1.0, 2.0],   # first row
    [3.0, 4.0],   # second row
],
    requires_grad=True,
)
total = 1 + \
    2 + \
    3
print(total)
y = (x
     * 2
     + 1)
print(y)
values = [
    1,
    2,
]
print(values, (1, 2,), 'ok')
