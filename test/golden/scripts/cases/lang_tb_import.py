import torch
print("before")
import notamodule
