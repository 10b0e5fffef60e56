/**
 * The golden cases' step language (test/golden/autograd/dsl.py) run against autograd/: decodes
 * the JSON-encoded Python values and maps each Python call (`torch.ones`, `x.__add__`,
 * `F.cross_entropy`, …) onto autograd/'s TypeScript API, positional and keyword arguments included.
 */
import * as join from '../../autograd/ops/join.js';
import * as reduce from '../../autograd/ops/reduce.js';
import {F, Tensor, TorchError, setObserver, torch} from '../../autograd/index.js';
import type {DType, IndexItem, Node, Scalar} from '../../autograd/index.js';

/** A Python value of a case after decoding. */
export type PyValue = unknown;

/** A Python tuple (kept apart from lists where PyTorch cares, e.g. subscripts). */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A Python slice. */
export class PySlice {
  constructor(
    readonly start: bigint | null,
    readonly stop: bigint | null,
    readonly step: bigint | null,
  ) {}
}

/** Python's Ellipsis. */
export const ELLIPSIS = Symbol('Ellipsis');

/** A torch dtype argument. */
export class PyDType {
  constructor(readonly dtype: DType) {}
}

/** One encoded step of a case. */
export interface Step {
  kind: 'call' | 'get' | 'set';
  out: string | null;
  fn: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

type Env = Map<string, PyValue>;

/** Decodes one JSON-encoded Python value, looking variables up in `env`. */
export function decode(v: unknown, env: Env): PyValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v !== 'object') throw new Error(`bad encoded value of type ${typeof v}`);
  const o = v as Record<string, unknown>;
  if ('var' in o) {
    const name = String(o.var);
    if (!env.has(name)) throw new Error(`unknown variable ${name}`);
    return env.get(name);
  }
  if ('int' in o) return BigInt(String(o.int));
  if ('float' in o) return pyFloat(String(o.float));
  if ('str' in o) return String(o.str);
  if ('list' in o) return (o.list as unknown[]).map((x) => decode(x, env));
  if ('tuple' in o) return new PyTuple((o.tuple as unknown[]).map((x) => decode(x, env)));
  if ('slice' in o) {
    const [a, b, c] = (o.slice as unknown[]).map((x) => decode(x, env)) as (bigint | null)[];
    return new PySlice(a ?? null, b ?? null, c ?? null);
  }
  if ('ellipsis' in o) return ELLIPSIS;
  if ('dtype' in o) return new PyDType(o.dtype as DType);
  throw new Error(`bad encoded value ${JSON.stringify(v)}`);
}

/** Python float literals that JSON cannot hold. */
export function pyFloat(s: string): number {
  if (s === 'nan') return NaN;
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return Number(s);
}

function tensorArg(v: PyValue): Tensor {
  if (!(v instanceof Tensor)) throw new Error(`expected a tensor, got ${String(v)}`);
  return v;
}

function scalarOrTensor(v: PyValue): Tensor | Scalar {
  if (
    v instanceof Tensor ||
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    typeof v === 'boolean'
  )
    return v;
  throw new Error(`expected a tensor or number, got ${String(v)}`);
}

function scalar(v: PyValue): Scalar {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  throw new Error(`expected a number, got ${String(v)}`);
}

function int(v: PyValue): number {
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`expected an int, got ${String(v)}`);
}

function ints(v: PyValue): number[] {
  if (v instanceof PyTuple) return v.items.map(int);
  if (Array.isArray(v)) return v.map(int);
  return [int(v)];
}

/** Python positional/keyword binding: the value of parameter `name` at position `pos`. */
function param(args: PyValue[], kw: Record<string, PyValue>, pos: number, name: string): PyValue {
  if (name in kw) return kw[name];
  return pos < args.length ? args[pos] : undefined;
}

function dtypeOf(v: PyValue): DType | undefined {
  return v instanceof PyDType ? v.dtype : undefined;
}

function factoryOptions(kw: Record<string, PyValue>): {dtype?: DType; requiresGrad?: boolean} {
  const out: {dtype?: DType; requiresGrad?: boolean} = {};
  const d = dtypeOf(kw.dtype);
  if (d) out.dtype = d;
  if (kw.requires_grad !== undefined) out.requiresGrad = Boolean(kw.requires_grad);
  return out;
}

/** Size varargs: `ones(2, 3)`, `ones([2, 3])`, `ones((2,))`. */
function sizeArgs(args: PyValue[]): number[] {
  if (args.length === 1 && (Array.isArray(args[0]) || args[0] instanceof PyTuple))
    return ints(args[0]);
  return args.map(int);
}

function nested(v: PyValue): unknown {
  if (v instanceof PyTuple) return v.items.map(nested);
  if (Array.isArray(v)) return v.map(nested);
  return v;
}

function dimArg(v: PyValue): number | number[] | null {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v) || v instanceof PyTuple) return ints(v);
  return int(v);
}

function reduceOpts(args: PyValue[], kw: Record<string, PyValue>) {
  const opts: {dim?: number | number[] | null; keepdim?: boolean; dtype?: DType} = {};
  const dim = dimArg(param(args, kw, 0, 'dim'));
  if (dim !== null) opts.dim = dim;
  const keep = param(args, kw, 1, 'keepdim');
  if (keep !== undefined) opts.keepdim = Boolean(keep);
  const d = dtypeOf(kw.dtype);
  if (d) opts.dtype = d;
  return opts;
}

function indexItems(v: PyValue): IndexItem[] {
  const items = v instanceof PyTuple ? v.items : [v];
  return items.map((it) => {
    if (it === ELLIPSIS) return '...';
    if (it === null) return null;
    if (it instanceof PySlice) return {start: it.start, stop: it.stop, step: it.step};
    if (typeof it === 'bigint') return it;
    throw new Error(`unsupported index of type ${typeof it}`);
  });
}

type Method = (self: Tensor, args: PyValue[], kw: Record<string, PyValue>) => PyValue;

const unaryNames = [
  'exp',
  'log',
  'sqrt',
  'abs',
  'sin',
  'cos',
  'tanh',
  'sigmoid',
  'relu',
  'reciprocal',
] as const;

/** Tensor methods by Python name. */
const METHODS: Record<string, Method> = {
  __add__: (s, a) => s.add(scalarOrTensor(a[0])),
  __radd__: (s, a) => s.radd(scalar(a[0])),
  __sub__: (s, a) => s.sub(scalarOrTensor(a[0])),
  __rsub__: (s, a) => s.rsub(scalarOrTensor(a[0])),
  __mul__: (s, a) => s.mul(scalarOrTensor(a[0])),
  __rmul__: (s, a) => s.rmul(scalar(a[0])),
  __truediv__: (s, a) => s.div(scalarOrTensor(a[0])),
  __rtruediv__: (s, a) => s.rdiv(scalar(a[0])),
  __pow__: (s, a) => s.pow(scalarOrTensor(a[0])),
  __rpow__: (s, a) => s.rpow(scalar(a[0])),
  __neg__: (s) => s.neg(),
  __matmul__: (s, a) => s.matmul(tensorArg(a[0])),
  __getitem__: (s, a) => s.index(...indexItems(a[0])),
  __setitem__: (s, a) => {
    s.setItem(indexItems(a[0]), scalarOrTensor(a[1]));
    return null;
  },
  __floordiv__: (s, a) => s.floorDivide(scalarOrTensor(a[0])),
  __rfloordiv__: (s, a) => s.rfloordiv(scalar(a[0])),
  __mod__: (s, a) => s.remainder(scalarOrTensor(a[0])),
  __rmod__: (s, a) => s.rremainder(scalar(a[0])),
  floor_divide: (s, a) => s.floorDivide(scalarOrTensor(a[0])),
  remainder: (s, a) => s.remainder(scalarOrTensor(a[0])),
  fmod: (s, a) => s.fmod(scalarOrTensor(a[0])),
  floor_divide_: (s, a) => s.floorDivide_(scalarOrTensor(a[0])),
  remainder_: (s, a) => s.remainder_(scalarOrTensor(a[0])),
  round: (s, _a, k) => s.round(k.decimals === undefined ? {} : {decimals: int(k.decimals)}),
  min: (s, a, k) => {
    const dim = param(a, k, 0, 'dim');
    if (dim === undefined) return reduce.minAll(s);
    return reduce.minDim(s, int(dim), Boolean(param(a, k, 1, 'keepdim') ?? false));
  },
  floor: (s) => s.floor(),
  ceil: (s) => s.ceil(),
  trunc: (s) => s.trunc(),
  add: (s, a, k) =>
    s.add(scalarOrTensor(a[0]), k.alpha === undefined ? {} : {alpha: scalar(k.alpha)}),
  sub: (s, a, k) =>
    s.sub(scalarOrTensor(a[0]), k.alpha === undefined ? {} : {alpha: scalar(k.alpha)}),
  mul: (s, a) => s.mul(scalarOrTensor(a[0])),
  div: (s, a) => s.div(scalarOrTensor(a[0])),
  pow: (s, a) => s.pow(scalarOrTensor(a[0])),
  neg: (s) => s.neg(),
  ...Object.fromEntries(unaryNames.map((n) => [n, (s: Tensor) => s[n]()])),
  clamp: (s, a, k) => {
    const min = param(a, k, 0, 'min');
    const max = param(a, k, 1, 'max');
    return s.clamp({
      min: min === undefined ? null : (min as Scalar | null),
      max: max === undefined ? null : (max as Scalar | null),
    });
  },
  sum: (s, a, k) => s.sum(reduceOpts(a, k)),
  mean: (s, a, k) => s.mean(reduceOpts(a, k)),
  max: (s, a, k) => {
    const dim = param(a, k, 0, 'dim');
    if (dim === undefined) return s.max();
    const keep = param(a, k, 1, 'keepdim');
    return s.max({dim: int(dim), keepdim: Boolean(keep ?? false)});
  },
  norm: (s, a, k) => {
    const opts: {p?: Scalar; dim?: number | number[] | null; keepdim?: boolean} = {};
    const p = param(a, k, 0, 'p');
    if (p !== undefined) opts.p = scalar(p);
    const dim = dimArg(param(a, k, 1, 'dim'));
    if (dim !== null) opts.dim = dim;
    const keep = param(a, k, 2, 'keepdim');
    if (keep !== undefined) opts.keepdim = Boolean(keep);
    return s.norm(opts);
  },
  matmul: (s, a) => s.matmul(tensorArg(a[0])),
  mm: (s, a) => s.mm(tensorArg(a[0])),
  addmm: (s, a) => s.addmm(tensorArg(a[0]), tensorArg(a[1])),
  mv: (s, a) => s.mv(tensorArg(a[0])),
  dot: (s, a) => s.dot(tensorArg(a[0])),
  bmm: (s, a) => s.bmm(tensorArg(a[0])),
  __gt__: (s, a) => s.gt(scalarOrTensor(a[0])),
  __ge__: (s, a) => s.ge(scalarOrTensor(a[0])),
  __lt__: (s, a) => s.lt(scalarOrTensor(a[0])),
  __le__: (s, a) => s.le(scalarOrTensor(a[0])),
  __eq__: (s, a) => s.eq(scalarOrTensor(a[0])),
  __ne__: (s, a) => s.ne(scalarOrTensor(a[0])),
  argmax: (s, a, k) => {
    const dim = param(a, k, 0, 'dim');
    return s.argmax({
      dim: dim === undefined || dim === null ? null : int(dim),
      keepdim: Boolean(param(a, k, 1, 'keepdim') ?? false),
    });
  },
  t: (s) => s.t(),
  transpose: (s, a) => s.transpose(int(a[0]), int(a[1])),
  reshape: (s, a) => s.reshape(sizeArgs(a)),
  view: (s, a) => s.view(sizeArgs(a)),
  unsqueeze: (s, a) => s.unsqueeze(int(a[0])),
  squeeze: (s, a) => (a.length ? s.squeeze(int(a[0])) : s.squeeze()),
  select: (s, a) => s.select(int(a[0]), int(a[1])),
  softmax: (s, a, k) => s.softmax(int(param(a, k, 0, 'dim'))),
  log_softmax: (s, a, k) => s.logSoftmax(int(param(a, k, 0, 'dim'))),
  backward: (s, a, k) => {
    const g = param(a, k, 0, 'gradient');
    const inputs = k.inputs === undefined ? {} : {inputs: (k.inputs as PyValue[]).map(tensorArg)};
    s.backward(g === undefined ? null : (g as Tensor | null), {
      retainGraph: Boolean(k.retain_graph ?? false),
      ...inputs,
    });
    return null;
  },
  expand: (s, a) => s.expand(sizeArgs(a)),
  permute: (s, a) => s.permute(sizeArgs(a)),
  clone: (s) => s.clone(),
  contiguous: (s) => s.contiguous(),
  is_contiguous: (s) => s.isContiguous(),
  float: (s) => s.float(),
  double: (s) => s.double(),
  long: (s) => s.long(),
  bool: (s) => s.bool(),
  to: (s, a) => s.to((a[0] as PyDType).dtype),
  flatten: (s) => s.flatten(),
  fill_: (s, a) => s.fill_(scalar(a[0])),
  div_: (s, a) => s.div_(scalarOrTensor(a[0])),
  retain_grad: (s) => {
    s.retainGrad();
    return null;
  },
  requires_grad_: (s, a) => s.requiresGrad_(a.length ? Boolean(a[0]) : true),
  detach: (s) => s.detach(),
  zero_: (s) => s.zero_(),
  add_: (s, a, k) =>
    s.add_(scalarOrTensor(a[0]), k.alpha === undefined ? {} : {alpha: scalar(k.alpha)}),
  sub_: (s, a, k) =>
    s.sub_(scalarOrTensor(a[0]), k.alpha === undefined ? {} : {alpha: scalar(k.alpha)}),
  mul_: (s, a) => s.mul_(scalarOrTensor(a[0])),
  item: (s) => s.item(),
  tolist: (s) => s.tolist(),
  size: (s, a) => (a.length ? BigInt(s.size(int(a[0]))) : new PySize(s.size())),
  dim: (s) => BigInt(s.dim()),
  numel: (s) => BigInt(s.numel()),
};

/** Marks a value as a `torch.Size`. */
export class PySize {
  constructor(readonly shape: readonly number[]) {}
}

/** Tensor attributes by Python name. */
function getAttr(self: PyValue, attr: string): PyValue {
  const t = tensorArg(self);
  switch (attr) {
    case 'grad':
      return t.grad;
    case 'grad_fn':
      return t.gradFn;
    case 'requires_grad':
      return t.requiresGrad;
    case 'is_leaf':
      return t.isLeaf;
    case 'retains_grad':
      return t.retainsGrad;
    case 'T':
      return t.T;
    case 'shape':
      return new PySize(t.shape);
    case 'dtype':
      return new PyDType(t.dtype);
    case '_version':
      return BigInt(t.versionNumber);
    default:
      throw new Error(`unsupported attribute ${attr}`);
  }
}

type Fn = (args: PyValue[], kw: Record<string, PyValue>) => PyValue;

function method(name: string): Fn {
  return (a, k) => {
    const m = METHODS[name];
    if (!m) throw new Error(`no method ${name}`);
    return m(tensorArg(a[0]), a.slice(1), k);
  };
}

/** Functions by Python name. */
const FUNCTIONS: Record<string, Fn> = {
  'torch.tensor': (a, k) => torch.tensor(nested(a[0]) as Scalar, factoryOptions(k)),
  'torch.ones': (a, k) => torch.ones(sizeArgs(a), factoryOptions(k)),
  'torch.zeros': (a, k) => torch.zeros(sizeArgs(a), factoryOptions(k)),
  'torch.full': (a, k) => torch.full(ints(a[0]), scalar(a[1]), factoryOptions(k)),
  'torch.eye': (a, k) => torch.eye(int(a[0]), a.length > 1 ? int(a[1]) : null, factoryOptions(k)),
  'torch.arange': (a, k) => torch.arange(...a.map(scalar), factoryOptions(k)),
  'torch.linspace': (a, k) =>
    torch.linspace(scalar(a[0]), scalar(a[1]), int(a[2]), factoryOptions(k)),
  'torch.ones_like': (a, k) => torch.onesLike(tensorArg(a[0]), factoryOptions(k)),
  'torch.zeros_like': (a, k) => torch.zerosLike(tensorArg(a[0]), factoryOptions(k)),
  'torch.add': (a, k) =>
    torch.add(
      tensorArg(a[0]),
      scalarOrTensor(a[1]),
      k.alpha === undefined ? {} : {alpha: scalar(k.alpha)},
    ),
  'torch.rsub': (a, k) =>
    torch.rsub(
      tensorArg(a[0]),
      scalarOrTensor(a[1]),
      k.alpha === undefined ? {} : {alpha: scalar(k.alpha)},
    ),
  'torch.mm': (a) => torch.mm(tensorArg(a[0]), tensorArg(a[1])),
  'torch.addmm': (a, k) =>
    torch.addmm(tensorArg(a[0]), tensorArg(a[1]), tensorArg(a[2]), {
      ...(k.beta === undefined ? {} : {beta: scalar(k.beta)}),
      ...(k.alpha === undefined ? {} : {alpha: scalar(k.alpha)}),
    }),
  'torch.bmm': (a) => torch.bmm(tensorArg(a[0]), tensorArg(a[1])),
  'torch.matmul': (a) => torch.matmul(tensorArg(a[0]), tensorArg(a[1])),
  'torch.cat': (a, k) =>
    join.cat((a[0] as PyValue[]).map(tensorArg), int(param(a, k, 1, 'dim') ?? 0n)),
  'torch.stack': (a, k) =>
    join.stack((a[0] as PyValue[]).map(tensorArg), int(param(a, k, 1, 'dim') ?? 0n)),
  'torch.floor_divide': (a) => torch.floorDivide(scalarOrTensor(a[0]), scalarOrTensor(a[1])),
  'torch.remainder': (a) => torch.remainder(scalarOrTensor(a[0]), scalarOrTensor(a[1])),
  'torch.fmod': method('fmod'),
  'torch.round': method('round'),
  'torch.floor': method('floor'),
  'torch.ceil': method('ceil'),
  'torch.trunc': method('trunc'),
  'torch.max': method('max'),
  'torch.sum': method('sum'),
  'torch.mean': method('mean'),
  'torch.clamp': method('clamp'),
  ...Object.fromEntries(unaryNames.map((n) => [`torch.${n}`, method(n)])),
  'torch.set_grad_enabled': (a) => torch.setGradEnabled(Boolean(a[0])),
  'torch.is_grad_enabled': () => torch.isGradEnabled(),
  'torch.autograd.grad': (a, k) => {
    const outs = a[0] instanceof Tensor ? a[0] : (a[0] as Tensor[]);
    const ins = a[1] instanceof Tensor ? a[1] : (a[1] as Tensor[]);
    const go = param(a, k, 2, 'grad_outputs');
    const retain = param(a, k, 3, 'retain_graph');
    return new PyTuple(
      torch.autograd.grad(outs, ins, {
        allowUnused: Boolean(k.allow_unused ?? false),
        ...(go === undefined ? {} : {gradOutputs: go as Tensor}),
        ...(retain === undefined ? {} : {retainGraph: Boolean(retain)}),
      }),
    );
  },
  'torch.autograd.backward': (a, k) => {
    const g = param(a, k, 1, 'grad_tensors');
    torch.autograd.backward(tensorArg(a[0]), g === undefined ? null : (g as Tensor));
    return null;
  },
  'F.relu': (a) => F.relu(tensorArg(a[0])),
  'F.linear': (a, k) => {
    const bias = param(a, k, 2, 'bias');
    return F.linear(tensorArg(a[0]), tensorArg(a[1]), bias === undefined ? null : tensorArg(bias));
  },
  'F.softmax': (a, k) => F.softmax(tensorArg(a[0]), int(param(a, k, 1, 'dim'))),
  'F.log_softmax': (a, k) => F.logSoftmax(tensorArg(a[0]), int(param(a, k, 1, 'dim'))),
  'F.l1_loss': (a, k) =>
    F.l1Loss(tensorArg(a[0]), tensorArg(a[1]), {reduction: (k.reduction ?? 'mean') as 'mean'}),
  'F.mse_loss': (a, k) =>
    F.mseLoss(tensorArg(a[0]), tensorArg(a[1]), {reduction: (k.reduction ?? 'mean') as 'mean'}),
  'F.cross_entropy': (a, k) =>
    F.crossEntropy(tensorArg(a[0]), tensorArg(a[1]), {
      reduction: (k.reduction ?? 'mean') as 'mean',
    }),
  'F.conv2d': (a, k) => {
    const bias = a[2] ?? k.bias;
    const n = (v: PyValue): number | undefined => (v === undefined ? undefined : int(v));
    return F.conv2d(tensorArg(a[0]), tensorArg(a[1]), bias ? tensorArg(bias) : null, {
      ...(k.stride === undefined ? {} : {stride: n(k.stride)}),
      ...(k.padding === undefined ? {} : {padding: n(k.padding)}),
      ...(k.dilation === undefined ? {} : {dilation: n(k.dilation)}),
      ...(k.groups === undefined ? {} : {groups: n(k.groups)}),
    });
  },
  'F.max_pool2d': (a) => F.maxPool2d(tensorArg(a[0]), int(a[1])),
  'F.avg_pool2d': (a, k) =>
    F.avgPool2d(tensorArg(a[0]), int(a[1]), {
      ...(k.stride === undefined ? {} : {stride: int(k.stride)}),
      ...(k.padding === undefined ? {} : {padding: int(k.padding)}),
    }),
  'F.adaptive_avg_pool2d': (a) =>
    F.adaptiveAvgPool2d(
      tensorArg(a[0]),
      Array.isArray(a[1]) ? (a[1] as PyValue[]).map(int) : int(a[1]),
    ),
  repr: (a) => (a[0] instanceof Tensor ? a[0].toString() : (a[0] as Node).toString()),
  __backward_order__: (a) => {
    const order: string[] = [];
    const previous = setObserver({engineStep: (e) => order.push(e.node.name())});
    try {
      tensorArg(a[0]).backward();
    } finally {
      setObserver(previous);
    }
    return order;
  },
};

/** Runs one step, storing its result in `env`; returns the result or the TorchError raised. */
export function runStep(step: Step, env: Env): {value: PyValue} | {error: TorchError} {
  try {
    const args = step.args.map((x) => decode(x, env));
    const kw = Object.fromEntries(Object.entries(step.kwargs).map(([k, v]) => [k, decode(v, env)]));
    let value: PyValue;
    const [head = '', ...rest] = step.fn.split('.');
    const tail = rest.join('.');
    if (step.kind === 'get') {
      const self = env.get(head);
      value = self instanceof PyTuple && tail === '__getitem__' ? undefined : getAttr(self, tail);
    } else if (step.kind === 'set') {
      const t = tensorArg(env.get(head));
      if (tail === 'requires_grad') t.requiresGrad = Boolean(args[0]);
      else if (tail === 'grad') t.grad = args[0] as Tensor | null;
      else throw new Error(`cannot set ${tail}`);
      value = null;
    } else if (step.fn in FUNCTIONS) {
      value = (FUNCTIONS[step.fn] as Fn)(args, kw);
    } else {
      const self = env.get(head);
      if ((self instanceof PyTuple || Array.isArray(self)) && tail === '__getitem__') {
        const items = self instanceof PyTuple ? self.items : (self as PyValue[]);
        value = items[int(args[0])];
      } else {
        const m = METHODS[tail];
        if (!m) throw new Error(`no method ${tail}`);
        value = m(tensorArg(self), args, kw);
      }
    }
    if (step.out !== null) env.set(step.out, value);
    return {value};
  } catch (e) {
    if (e instanceof TorchError) return {error: e};
    throw e;
  }
}
