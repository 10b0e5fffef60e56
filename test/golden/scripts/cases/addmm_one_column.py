# addmm/linear/mm with one-column results and column-major operands: addmm_impl_cpu_ lays a
# one-column result out column-major, so gemm sums a row-major mat1's products from zero and
# accumulates into beta*input for a column-major one (alpha scaling mat2's entries).
import torch
import torch.nn.functional as F
def mk(n, s):
    return ((torch.arange(n, dtype=torch.float32) * s) % 1009 - 504) / 97.3
for n in (1, 2, 3):
    for k in (1, 3, 17):
        for m in (2, 1):
            a = mk(n * k, 7919).view(n, k)
            w = mk(m * k, 104729).view(m, k)
            b = mk(m, 31)
            r = [F.linear(a[0], w, b), F.linear(a[0], w), torch.addmm(b, a.t().contiguous().t(), w.t()),
                 torch.addmm(b, a, w.t(), beta=0.5, alpha=1.5), a @ w.t() + b, torch.mv(w, a[0]) + b,
                 F.linear(a.view(1, n, k), w, b), torch.matmul(a, w.t().contiguous())]
            for i, t in enumerate(r):
                print(n, k, m, i, t.flatten().tolist())
