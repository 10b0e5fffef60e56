# The NameError hint looks at the failing frame's locals first, then globals, then builtins.
def train(batches):
    total_loss = 0.0
    for b in batches:
        total_loss += b
    return total_los


print(train([1.0, 2.0]))
