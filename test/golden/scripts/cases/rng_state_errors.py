# Errors of torch.iinfo / torch.finfo and of setting a generator's state.
import torch
def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
attempt(lambda: torch.iinfo(torch.float32))
attempt(lambda: torch.finfo(torch.int64))
attempt(lambda: torch.iinfo(torch.bool))
attempt(lambda: torch.iinfo(3))
attempt(lambda: torch.set_rng_state(torch.zeros(10, dtype=torch.uint8)))
attempt(lambda: torch.set_rng_state(torch.zeros(5056)))
attempt(lambda: torch.set_rng_state([1, 2]))
attempt(lambda: torch.Generator().set_state(torch.zeros(3, dtype=torch.uint8)))
attempt(lambda: torch.Generator().get_state(1))
torch.set_rng_state(torch.zeros(100, dtype=torch.uint8))
