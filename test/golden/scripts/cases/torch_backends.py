import torch
import torch.backends.cudnn as cudnn
from torch.backends import mps
device = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
print(f"Using {device} device")
print(torch.backends.mps.is_available(), mps.is_built(), cudnn.is_available(), cudnn.enabled, cudnn.benchmark, cudnn.deterministic)
torch.backends.cudnn.deterministic = True
torch.backends.cudnn.benchmark = False
print(cudnn.deterministic, torch.backends.cudnn.version())
print(torch.backends.cuda.is_built(), torch.backends.mkldnn.is_available(), torch.backends.openmp.is_available(), torch.backends.mkl.is_available())
print(torch.backends.cudnn, torch.backends)
try:
    torch.backends.mps.is_available(1)
except TypeError as e:
    print(e)
