/**
 * Finite-difference gradient check in float64 for the differentiable ops (finite-difference.ts);
 * newer op families keep their cases in gradcheck-*.test.ts beside this file.
 */
import {F, torch} from '../../autograd/index.js';
import {checkCases, nonzero, positive, signed, t, type Case} from './finite-difference.js';

const CASES: Case[] = [
  // Binary arithmetic with broadcasting.
  ...(['add', 'sub', 'mul', 'div'] as const).flatMap((op): Case[] => [
    {
      name: `${op} [2,3]·[3]`,
      shapes: [[2, 3], [3]],
      make: [signed, positive],
      fn: (a, b) => t(a)[op](t(b)),
    },
    {
      name: `${op} [2,1]·[1,3]`,
      shapes: [
        [2, 1],
        [1, 3],
      ],
      make: [signed, positive],
      fn: (a, b) => t(a)[op](t(b)),
    },
    {
      name: `${op} [3]·0-dim`,
      shapes: [[3], []],
      make: [signed, positive],
      fn: (a, b) => t(a)[op](t(b)),
    },
    {name: `${op} [2,3]·python`, shapes: [[2, 3]], fn: (a) => t(a)[op](2.5)},
  ]),
  {name: 'add alpha', shapes: [[2, 3], [3]], fn: (a, b) => t(a).add(t(b), {alpha: 0.5})},
  {
    name: 'sub alpha',
    shapes: [
      [2, 3],
      [2, 1],
    ],
    fn: (a, b) => t(a).sub(t(b), {alpha: 3n}),
  },
  {name: 'rsub tensor', shapes: [[2, 3], [3]], fn: (a, b) => torch.rsub(t(a), t(b), {alpha: 2})},
  {name: 'rsub python', shapes: [[4]], fn: (a) => t(a).rsub(1)},
  {name: 'rdiv python', shapes: [[4]], make: [positive], fn: (a) => t(a).rdiv(2)},
  {name: 'pow python', shapes: [[2, 3]], make: [positive], fn: (a) => t(a).pow(2.5)},
  {name: 'pow int', shapes: [[2, 3]], fn: (a) => t(a).pow(3n)},
  {
    name: 'pow tensor [2,3]·[3]',
    shapes: [[2, 3], [3]],
    make: [positive, signed],
    fn: (a, b) => t(a).pow(t(b)),
  },
  {name: 'rpow python base', shapes: [[2, 3]], fn: (a) => t(a).rpow(1.7)},
  {name: 'neg', shapes: [[3]], fn: (a) => t(a).neg()},
  // Unary.
  {name: 'exp', shapes: [[2, 3]], fn: (a) => t(a).exp()},
  {name: 'log', shapes: [[2, 3]], make: [positive], fn: (a) => t(a).log()},
  {name: 'sqrt', shapes: [[2, 3]], make: [positive], fn: (a) => t(a).sqrt()},
  {name: 'abs', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).abs()},
  {name: 'sin', shapes: [[2, 3]], fn: (a) => t(a).sin()},
  {name: 'cos', shapes: [[2, 3]], fn: (a) => t(a).cos()},
  {name: 'tanh', shapes: [[2, 3]], fn: (a) => t(a).tanh()},
  {name: 'sigmoid', shapes: [[2, 3]], fn: (a) => t(a).sigmoid()},
  {name: 'relu', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).relu()},
  {name: 'F.relu', shapes: [[4]], make: [nonzero], fn: (a) => F.relu(t(a))},
  {name: 'reciprocal', shapes: [[4]], make: [positive], fn: (a) => t(a).reciprocal()},
  {name: 'clamp', shapes: [[6]], make: [nonzero], fn: (a) => t(a).clamp({min: -0.9, max: 1.05})},
  // Reductions.
  {name: 'sum', shapes: [[2, 3]], fn: (a) => t(a).sum()},
  {name: 'sum dim', shapes: [[2, 3, 2]], fn: (a) => t(a).sum({dim: 1})},
  {
    name: 'sum dims keepdim',
    shapes: [[2, 3, 2]],
    fn: (a) => t(a).sum({dim: [0, 2], keepdim: true}),
  },
  {name: 'mean', shapes: [[2, 3]], fn: (a) => t(a).mean()},
  {name: 'mean dim', shapes: [[2, 3]], fn: (a) => t(a).mean({dim: -1})},
  {name: 'mean dim keepdim', shapes: [[2, 3]], fn: (a) => t(a).mean({dim: 0, keepdim: true})},
  {name: 'max', shapes: [[2, 3]], fn: (a) => t(a).max()},
  {name: 'max dim', shapes: [[2, 3]], fn: (a) => t(a).max({dim: 1})[0]},
  {name: 'norm', shapes: [[2, 3]], fn: (a) => t(a).norm()},
  {name: 'norm p=1', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).norm({p: 1})},
  {name: 'norm p=3 dim', shapes: [[2, 3]], make: [nonzero], fn: (a) => t(a).norm({p: 3, dim: 1})},
  {name: 'norm dim keepdim', shapes: [[2, 3]], fn: (a) => t(a).norm({dim: 0, keepdim: true})},
  // Linear algebra.
  {
    name: 'matmul 2d·2d',
    shapes: [
      [2, 3],
      [3, 4],
    ],
    fn: (a, b) => t(a).matmul(t(b)),
  },
  {name: 'matmul 2d·1d', shapes: [[2, 3], [3]], fn: (a, b) => t(a).matmul(t(b))},
  {name: 'matmul 1d·2d', shapes: [[3], [3, 2]], fn: (a, b) => t(a).matmul(t(b))},
  {name: 'matmul 1d·1d', shapes: [[3], [3]], fn: (a, b) => t(a).matmul(t(b))},
  {
    name: 'mm with a transposed operand',
    shapes: [
      [3, 2],
      [3, 4],
    ],
    fn: (a, b) => t(a).t().mm(t(b)),
  },
  {
    name: 'matmul 3d·2d',
    shapes: [
      [2, 3, 4],
      [4, 2],
    ],
    fn: (a, b) => t(a).matmul(t(b)),
  },
  {name: 'matmul 3d·1d', shapes: [[2, 3, 4], [4]], fn: (a, b) => t(a).matmul(t(b))},
  {
    name: 'matmul 2d·3d',
    shapes: [
      [3, 4],
      [2, 4, 2],
    ],
    fn: (a, b) => t(a).matmul(t(b)),
  },
  {name: 'matmul 1d·3d', shapes: [[4], [2, 4, 2]], fn: (a, b) => t(a).matmul(t(b))},
  {
    name: 'addmm broadcast input, beta and alpha',
    shapes: [[4], [2, 3], [3, 4]],
    fn: (i, a, b) => torch.addmm(t(i), t(a), t(b), {beta: 0.5, alpha: 2}),
  },
  {
    name: 'addmm with a transposed mat2',
    shapes: [
      [2, 4],
      [2, 3],
      [4, 3],
    ],
    fn: (i, a, b) => t(i).addmm(t(a), t(b).t()),
  },
  {
    name: 'F.linear 2d with bias',
    shapes: [[2, 3], [4, 3], [4]],
    fn: (x, w, b) => F.linear(t(x), t(w), t(b)),
  },
  {
    name: 'F.linear 2d without bias',
    shapes: [
      [2, 3],
      [4, 3],
    ],
    fn: (x, w) => F.linear(t(x), t(w)),
  },
  {
    name: 'F.linear 1d with bias',
    shapes: [[3], [4, 3], [4]],
    fn: (x, w, b) => F.linear(t(x), t(w), t(b)),
  },
  {
    name: 'F.linear 3d with bias',
    shapes: [[2, 2, 3], [4, 3], [4]],
    fn: (x, w, b) => F.linear(t(x), t(w), t(b)),
  },
  {
    name: 'matmul 3d·3d broadcast',
    shapes: [
      [2, 3, 4],
      [1, 4, 2],
    ],
    fn: (a, b) => t(a).matmul(t(b)),
  },
  {
    name: 'bmm',
    shapes: [
      [2, 3, 4],
      [2, 4, 2],
    ],
    fn: (a, b) => t(a).bmm(t(b)),
  },
  {name: 'mv', shapes: [[2, 3], [3]], fn: (a, b) => t(a).mv(t(b))},
  {name: 'dot', shapes: [[4], [4]], fn: (a, b) => t(a).dot(t(b))},
  // Views.
  {name: 't', shapes: [[2, 3]], fn: (a) => t(a).t()},
  {name: 'T', shapes: [[2, 3, 2]], fn: (a) => t(a).T},
  {name: 'transpose', shapes: [[2, 3, 2]], fn: (a) => t(a).transpose(0, 2)},
  {name: 'permute', shapes: [[2, 3, 2]], fn: (a) => t(a).permute(1, 2, 0)},
  {name: 'reshape', shapes: [[2, 3]], fn: (a) => t(a).reshape(3, 2)},
  {name: 'reshape of a transpose (copy)', shapes: [[2, 3]], fn: (a) => t(a).t().reshape(6)},
  {name: 'view', shapes: [[2, 3]], fn: (a) => t(a).view([-1])},
  {name: 'unsqueeze', shapes: [[3]], fn: (a) => t(a).unsqueeze(1)},
  {name: 'squeeze', shapes: [[1, 3, 1]], fn: (a) => t(a).squeeze()},
  {name: 'squeeze dim', shapes: [[1, 3, 1]], fn: (a) => t(a).squeeze(2)},
  {name: 'expand', shapes: [[3, 1]], fn: (a) => t(a).expand(2, 3, 4)},
  {name: 'select', shapes: [[2, 3]], fn: (a) => t(a).select(1, -1)},
  {name: 'slice with step', shapes: [[5, 2]], fn: (a) => t(a).slice(0, 1n, null, 2n)},
  {name: 'index mixed', shapes: [[3, 4]], fn: (a) => t(a).index({start: 1n}, null, 2n)},
  {
    name: 'index with repeated int64 indices and a slice (IndexBackward0)',
    shapes: [[3, 4]],
    fn: (a) => t(a).index(torch.tensor([2n, 0n, 2n]), {start: 1n}),
  },
  {
    name: 'index with non-adjacent indices and a mask',
    shapes: [[3, 2, 4]],
    fn: (a) =>
      t(a)
        .index(torch.tensor([0n, 2n]), {}, torch.tensor([3n, -1n]))
        .add(
          t(a)
            .index(torch.tensor([true, false, true]))
            .sum(),
        ),
  },
  {
    name: 'index_put (IndexPutBackward0), duplicates accumulated',
    shapes: [
      [4, 3],
      [2, 3],
    ],
    fn: (a, b) =>
      t(a)
        .mul(1)
        .indexPut([torch.tensor([1n, 1n])], t(b), true),
  },
  {
    name: 'index_put overwrite, values broadcast',
    shapes: [[4, 3], [3]],
    fn: (a, b) => torch.indexPut(t(a), [torch.tensor([3n, 0n])], t(b)),
  },
  {
    name: 'setitem with a tensor index through a slice view (CopySlices)',
    shapes: [[3, 4], [2]],
    fn: (a, b) => {
      const y = t(a).mul(1);
      y.setItem([{start: 1n}, torch.tensor([0n, 2n])], t(b));
      return y;
    },
  },
  {
    name: 'gather (GatherBackward0), repeated indices',
    shapes: [[3, 4]],
    fn: (a) =>
      t(a).gather(
        1,
        torch.tensor([
          [0n, 0n],
          [3n, 1n],
          [2n, 2n],
        ]),
      ),
  },
  {
    name: 'index_select and take',
    shapes: [[3, 4]],
    fn: (a) =>
      t(a)
        .indexSelect(1, torch.tensor([2n, 0n, 2n]))
        .add(
          t(a)
            .take(torch.tensor([[11n, 0n, 11n]]))
            .sum(),
        ),
  },
  {
    name: 'scatter and scatter_add (ScatterBackward0, ScatterAddBackward0)',
    shapes: [
      [3, 4],
      [3, 2],
    ],
    fn: (a, b) => {
      const index = torch.tensor([
        [0n, 1n],
        [3n, 2n],
        [1n, 0n],
      ]);
      return t(a)
        .scatter(1, index, t(b))
        .add(t(a).scatterAdd(1, index, t(b)));
    },
  },
  {
    name: 'masked_fill with a tensor value, masked_select',
    shapes: [[3, 4], []],
    fn: (a, b) => {
      const mask = torch.tensor([true, false, true, true]);
      return t(a).maskedFill(mask, t(b)).add(t(a).maskedSelect(mask).sum());
    },
  },
  {
    name: 'where (WhereBackward0), broadcast',
    shapes: [[3, 4], [4]],
    fn: (a, b) => torch.where(t(a).gt(0), t(a), t(b)),
  },
  {name: 'clone', shapes: [[2, 2]], fn: (a) => t(a).clone()},
  {name: 'contiguous of a transpose', shapes: [[2, 3]], fn: (a) => t(a).t().contiguous()},
  // nn.
  {name: 'softmax', shapes: [[2, 3]], fn: (a) => t(a).softmax(1)},
  {name: 'softmax dim 0', shapes: [[3, 2]], fn: (a) => t(a).softmax(0)},
  {name: 'log_softmax', shapes: [[2, 3]], fn: (a) => t(a).logSoftmax(-1)},
  {
    name: 'mse_loss',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    fn: (a, b) => F.mseLoss(t(a), t(b)),
  },
  {
    name: 'mse_loss sum',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    fn: (a, b) => F.mseLoss(t(a), t(b), {reduction: 'sum'}),
  },
  {
    name: 'mse_loss none',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    fn: (a, b) => F.mseLoss(t(a), t(b), {reduction: 'none'}),
  },
  {
    name: 'cross_entropy',
    shapes: [[3, 4]],
    fn: (a) => F.crossEntropy(t(a), torch.tensor([1n, 0n, 3n])),
  },
  {
    name: 'cross_entropy sum',
    shapes: [[3, 4]],
    fn: (a) => F.crossEntropy(t(a), torch.tensor([2n, 2n, 0n]), {reduction: 'sum'}),
  },
  {
    name: 'cross_entropy none',
    shapes: [[3, 4]],
    fn: (a) => F.crossEntropy(t(a), torch.tensor([2n, 1n, 0n]), {reduction: 'none'}),
  },
  {
    name: 'cross_entropy unbatched',
    shapes: [[4]],
    fn: (a) => F.crossEntropy(t(a), torch.tensor(2n)),
  },
  // In place on non-leaves.
  {
    name: 'add_ tensor on a non-leaf',
    shapes: [[2, 3], [3]],
    fn: (a, b) => t(a).mul(1).add_(t(b), {alpha: 2}),
  },
  {
    name: 'mul_ tensor on a non-leaf',
    shapes: [
      [2, 3],
      [2, 3],
    ],
    fn: (a, b) => t(a).mul(2).mul_(t(b)),
  },
  {
    name: 'sub_ and div_ python on a non-leaf',
    shapes: [[3]],
    fn: (a) => t(a).mul(2).sub_(1).div_(3),
  },
  // A composite: two-layer MLP.
  {
    name: 'mlp',
    shapes: [[4, 3], [5, 3], [5], [2, 5], [2]],
    fn: (x, w1, b1, w2, b2) =>
      F.mseLoss(
        t(x).matmul(t(w1).t()).add(t(b1)).tanh().matmul(t(w2).t()).add(t(b2)),
        torch.ones(4, 2, {dtype: 'float64'}),
      ),
  },
  {
    name: 'F.conv2d (stride, padding, dilation, groups, bias)',
    shapes: [[2, 4, 6, 5], [2, 2, 3, 2], [2]],
    fn: (x, w, b) => F.conv2d(t(x), t(w), t(b), {stride: [2, 1], padding: [1, 2], groups: 2}),
  },
  {
    name: 'F.conv2d dilated, unbatched',
    shapes: [
      [1, 7, 7],
      [3, 1, 3, 3],
    ],
    fn: (x, w) => F.conv2d(t(x), t(w), null, {dilation: 2, padding: 'same'}),
  },
  {
    name: 'F.conv1d',
    shapes: [[2, 2, 9], [3, 2, 4], [3]],
    fn: (x, w, b) => F.conv1d(t(x), t(w), t(b), {stride: 2, padding: 1}),
  },
  {
    name: 'F.max_pool2d (ceil_mode, padding, dilation)',
    shapes: [[2, 2, 7, 6]],
    fn: (x) => F.maxPool2d(t(x), 3, {stride: 2, padding: 1, dilation: [1, 2], ceilMode: true}),
  },
  {
    name: 'F.avg_pool2d (padding not counted)',
    shapes: [[1, 2, 7, 6]],
    fn: (x) => F.avgPool2d(t(x), [3, 2], {stride: 2, padding: 1, countIncludePad: false}),
  },
  {
    name: 'F.adaptive_avg_pool2d',
    shapes: [[2, 1, 7, 5]],
    fn: (x) => F.adaptiveAvgPool2d(t(x), [3, 4]),
  },
];

checkCases('finite-difference gradient check (float64)', CASES);
