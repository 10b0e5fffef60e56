# nn.Dropout's check of p, raised in _DropoutNd.__init__.
import torch.nn as nn

nn.Dropout(-0.1)
