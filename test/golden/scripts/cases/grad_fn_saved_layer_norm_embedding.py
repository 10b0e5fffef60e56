# The _saved_* attributes of NativeLayerNormBackward0 (input, weight, bias, normalized_shape,
# mean result1 and rstd result2) and EmbeddingBackward0 (weight, indices, padding_idx, flags);
# a saved tensor read after backward freed it.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
ln = torch.nn.LayerNorm(3)
x = torch.randn(2, 3, requires_grad=True)
g = ln(x).grad_fn
for n in ['_saved_bias', '_saved_input', '_saved_normalized_shape', '_saved_result1', '_saved_result2', '_saved_weight']:
    print(n, getattr(g, n))
print(g._saved_input is x, g._saved_weight is ln.weight)
y2 = F.layer_norm(x, (3,))
print(y2.grad_fn._saved_weight, y2.grad_fn._saved_bias, y2.grad_fn._saved_result2)
ln3 = torch.nn.LayerNorm([2, 3], elementwise_affine=False)
z = ln3(torch.randn(4, 2, 3, requires_grad=True))
print(z.grad_fn._saved_result1.shape, z.grad_fn._saved_result2, z.grad_fn._saved_weight, z.grad_fn._saved_normalized_shape)
z.sum().backward()
try:
    print(z.grad_fn._saved_result1)
except Exception as ex:
    print(type(ex).__name__, ex)
print(z.grad_fn._saved_normalized_shape)
emb = torch.nn.Embedding(5, 2, padding_idx=1)
idx = torch.tensor([[1, 2], [3, 1]])
g = emb(idx).grad_fn
for n in ['_saved_indices', '_saved_padding_idx', '_saved_scale_grad_by_freq', '_saved_sparse', '_saved_weight']:
    print(n, getattr(g, n))
print(g._saved_indices is idx, g._saved_weight is emb.weight)
e2 = torch.nn.Embedding(4, 2, scale_grad_by_freq=True)(torch.tensor([0, 3]))
print(e2.grad_fn._saved_scale_grad_by_freq, e2.grad_fn._saved_weight.shape)
