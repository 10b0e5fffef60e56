/**
 * The `_saved_*` attributes of built-in backward nodes, as PyTorch 1.13 names them (listed from
 * `dir(grad_fn)` of real torch; see test/golden/scripts/cases/grad_fn_saved.py): what each node
 * saved, read from the op call that made it. A saved input is that tensor itself
 * (`_saved_self is x`); a saved output is a new tensor sharing its storage whose grad_fn is the
 * node (`_saved_result is y` is False in PyTorch too); a Python number the op wrapped is a 0-d
 * tensor; a tensor whose input did not need it is None. Once backward freed the node's buffers,
 * reading a saved tensor raises PyTorch's error; numbers and sizes stay readable.
 */
import {allocate} from './dtype.js';
import {runtimeError} from './errors.js';
import {FunctionNode, SECOND_BACKWARD_MESSAGE} from './node.js';
import type {Node} from './node.js';
import type {OpArg} from './observer.js';
import {defaultSavedTensorHooks, packTensor, unpackTensor} from './saved-hooks.js';
import type {SavedTensorHooks} from './saved-hooks.js';
import {Tensor} from './tensor.js';

/** What a `_saved_*` attribute holds, for the host to turn into its own values. */
export type SavedValue =
  | {readonly tensor: Tensor | null}
  | {readonly int: number}
  | {readonly float: number}
  | {readonly bool: boolean}
  | {readonly ints: readonly number[]}
  | {readonly none: true};

/** Where an attribute's value comes from in the op call. */
type Source =
  /** Tensor input `i`; saved only if input `when` requires grad (else None). */
  | {readonly input: number; readonly when?: number}
  /** Output `i` (as a new tensor whose grad_fn is the node). */
  | {readonly output: number}
  /**
   * An operand that may be a Python number the op wrapped: `other` (input 1, or `args.other`),
   * `self` (input 0, or `args.self` for `2 ** x`), `exponent` (the tensor after a `self`).
   */
  | {readonly operand: 'other' | 'self' | 'exponent'; readonly when?: number}
  /** A scalar argument: int, float (by its value), bool, or a tuple of ints. */
  | {readonly arg: string; readonly as: 'int' | 'number' | 'bool' | 'ints' | 'dims'}
  | {readonly sizes: number}
  | {readonly strides: number}
  | {readonly numel: number}
  | {readonly constant: number}
  /** A tensor the op's kernel kept that is neither input nor output here (`rememberSaved`). */
  | {readonly kept: string};

const self0 = {input: 0};
const result = {output: 0};
const selfSizes = {sizes: 0};
const dim = {arg: 'dim', as: 'int'} as const;
const dims = {arg: 'dim', as: 'dims'} as const;
const keepdim = {arg: 'keepdim', as: 'bool'} as const;
const alpha = {arg: 'alpha', as: 'number'} as const;

/** Each node's attributes, by PyTorch's name without the `_saved_` prefix. */
const table: Readonly<Record<string, Readonly<Record<string, Source>>>> = {
  AddBackward0: {alpha},
  SubBackward0: {alpha},
  RsubBackward0: {alpha},
  RsubBackward1: {alpha},
  MulBackward0: {other: {operand: 'other', when: 0}, self: {input: 0, when: 1}},
  DivBackward0: {other: {operand: 'other'}, self: {input: 0, when: 1}},
  PowBackward0: {exponent: {arg: 'exponent', as: 'number'}, self: self0},
  PowBackward1: {exponent: {operand: 'exponent'}, result, self: {operand: 'self'}},
  ExpBackward0: {result},
  LogBackward0: {self: self0},
  SinBackward0: {self: self0},
  CosBackward0: {self: self0},
  AbsBackward0: {self: self0},
  SqrtBackward0: {result},
  RsqrtBackward0: {result},
  ReciprocalBackward0: {result},
  ReluBackward0: {result},
  TanhBackward0: {result},
  SigmoidBackward0: {result},
  NegBackward0: {},
  TBackward0: {},
  CloneBackward0: {},
  ToCopyBackward0: {},
  SignBackward0: {},
  MmBackward0: {
    mat2: {input: 1, when: 0},
    mat2_sym_sizes: {sizes: 1},
    mat2_sym_strides: {strides: 1},
    self: {input: 0, when: 1},
    self_sym_sizes: selfSizes,
    self_sym_strides: {strides: 0},
  },
  AddmmBackward0: {
    alpha,
    beta: {arg: 'beta', as: 'number'},
    mat1: {input: 1, when: 2},
    mat1_sym_sizes: {sizes: 1},
    mat1_sym_strides: {strides: 1},
    mat2: {input: 2, when: 1},
    mat2_sym_sizes: {sizes: 2},
    mat2_sym_strides: {strides: 2},
  },
  MvBackward0: {self: {input: 0, when: 1}, vec: {input: 1, when: 0}},
  DotBackward0: {self: {input: 0, when: 1}, tensor: {input: 1, when: 0}},
  SumBackward0: {self_sym_sizes: selfSizes},
  SumBackward1: {dim: dims, keepdim, self_sym_sizes: selfSizes},
  MeanBackward0: {self_numel: {numel: 0}, self_sizes: selfSizes},
  MeanBackward1: {dim: dims, keepdim, self: self0, self_sym_sizes: selfSizes},
  ViewBackward0: {self_sym_sizes: selfSizes},
  UnsafeViewBackward0: {self_sym_sizes: selfSizes},
  ExpandBackward0: {self_sym_sizes: selfSizes},
  UnsqueezeBackward0: {dim},
  SqueezeBackward0: {self_sizes: selfSizes},
  SqueezeBackward1: {dim, self_sizes: selfSizes},
  TransposeBackward0: {dim0: {arg: 'dim0', as: 'int'}, dim1: {arg: 'dim1', as: 'int'}},
  TransposeBackward1: {dim0: {arg: 'dim0', as: 'int'}, dim1: {arg: 'dim1', as: 'int'}},
  PermuteBackward0: {dims: {arg: 'dims', as: 'ints'}},
  SoftmaxBackward0: {dim, result},
  LogSoftmaxBackward0: {dim, result},
  SelectBackward0: {dim, index: {arg: 'index', as: 'int'}, self_sizes: selfSizes},
  SliceBackward0: {
    dim,
    end: {arg: 'end', as: 'int'},
    self_sym_sizes: selfSizes,
    start: {arg: 'start', as: 'int'},
    step: {arg: 'step', as: 'int'},
  },
  MaxBackward1: {result, self: self0},
  MinBackward1: {result, self: self0},
  MaxBackward0: {dim, indices: {output: 1}, keepdim, self_sizes: selfSizes},
  MinBackward0: {dim, indices: {output: 1}, keepdim, self_sizes: selfSizes},
  ClampBackward1: {max: {arg: 'max', as: 'number'}, min: {arg: 'min', as: 'number'}, self: self0},
  MseLossBackward0: {reduction: {arg: 'reduction', as: 'int'}, self: self0, target: {input: 1}},
  CatBackward0: {dim},
  StackBackward0: {dim},
  CumsumBackward0: {dim},
  UnbindBackward0: {dim},
  UnsafeSplitBackward0: {dim, self_sizes: selfSizes, split_size: {arg: 'split_size', as: 'int'}},
  ProdBackward0: {result, self: self0},
  LogsumexpBackward0: {dim: dims, keepdim, result, self: self0},
  NativeLayerNormBackward0: {
    bias: {kept: 'bias'},
    input: self0,
    normalized_shape: {arg: 'normalized_shape', as: 'ints'},
    result1: {kept: 'result1'},
    result2: {kept: 'result2'},
    weight: {kept: 'weight'},
  },
  EmbeddingBackward0: {
    indices: {input: 1},
    padding_idx: {arg: 'padding_idx', as: 'int'},
    scale_grad_by_freq: {arg: 'scale_grad_by_freq', as: 'bool'},
    sparse: {arg: 'sparse', as: 'bool'},
    weight: self0,
  },
};

/** What made a node: the op's tensor inputs, arguments and outputs (set when it is recorded). */
export interface OpCall {
  readonly inputs: readonly Tensor[];
  readonly args: Readonly<Record<string, OpArg>>;
  readonly outputs: readonly Tensor[];
}

const calls = new WeakMap<Node, OpCall>();
const kept = new WeakMap<Node, Readonly<Record<string, Tensor | null>>>();

/**
 * Remembers tensors a node's kernel kept beyond the op's inputs and outputs, by attribute name
 * (native_layer_norm's weight, bias, mean `result1` and rstd `result2`).
 */
export function rememberSaved(node: Node, tensors: Readonly<Record<string, Tensor | null>>): void {
  kept.set(node, tensors);
}

/**
 * Remembers the op call that made `node` (the first one reported for it), and packs what it
 * saved when saved-tensor hooks are active.
 */
export function rememberCall(node: Node, call: OpCall): void {
  if (calls.has(node)) return;
  calls.set(node, call);
  const hooks = defaultSavedTensorHooks();
  if (hooks !== null && node instanceof FunctionNode) packSaved(node, call, hooks);
}

/** Where a saved tensor sits in PyTorch's order of saving: the op's arguments, then its outputs. */
function saveRank(name: string, source: Source): number {
  if ('input' in source) return source.input;
  if ('operand' in source) return source.operand === 'self' ? 0 : 1;
  if ('output' in source) return 100 + source.output;
  if ('kept' in source) return {weight: 2, bias: 3, result1: 101, result2: 102}[name] ?? 200;
  return -1;
}

/** The node's saved tensors, by attribute name, in the order PyTorch saves them. */
function tensorAttributes(node: Node): [string, Source][] {
  return Object.entries(table[node.name()] ?? {})
    .filter(([name, source]) => saveRank(name, source) >= 0)
    .sort(([a, x], [b, y]) => saveRank(a, x) - saveRank(b, y));
}

/** The tensor a saved attribute holds as it was saved (an output is the output itself). */
function originalOf(node: Node, name: string): {tensor: Tensor | null; isOutput: boolean} {
  const source = table[node.name()]?.[name];
  const call = calls.get(node);
  if (source === undefined || call === undefined) return {tensor: null, isOutput: false};
  if ('output' in source) return {tensor: call.outputs[source.output] ?? null, isOutput: true};
  if ('kept' in source) {
    const t = kept.get(node)?.[source.kept] ?? null;
    return {tensor: t, isOutput: t !== null && call.outputs.includes(t)};
  }
  const v = savedAttribute(node, name, false);
  return {tensor: v !== undefined && 'tensor' in v ? v.tensor : null, isOutput: false};
}

/** Runs the default pack hook on each tensor `node` saved, PyTorch's attributes first. */
function packSaved(node: FunctionNode, call: OpCall, hooks: SavedTensorHooks): void {
  const packed = new Map<string, ReturnType<typeof packTensor>>();
  node.packedSaved = packed;
  const names = tensorAttributes(node);
  if (names.length === 0 && table[node.name()] === undefined) {
    // A node whose attributes we do not list: what its kernel kept, in its order.
    node.heldTensors().forEach((t, i) => {
      const isOutput = call.outputs.includes(t);
      packed.set(String(i), packTensor(hooks, t, isOutput, node, String(i)));
    });
    return;
  }
  for (const [name] of names) {
    const {tensor, isOutput} = originalOf(node, name);
    if (tensor !== null) packed.set(name, packTensor(hooks, tensor, isOutput, node, name));
  }
}

/** The names of the node's saved tensors (`_raw_saved_<name>` exists for each). */
export function savedTensorNames(node: Node): string[] {
  if (!calls.has(node)) return [];
  return tensorAttributes(node).map(([name]) => name);
}

/**
 * `grad_fn._raw_saved_<name>.register_hooks(pack, unpack)`: packs the saved tensor now (a view
 * of it without history, as PyTorch passes it), with PyTorch's errors for a second pair, a freed
 * node and a saved None.
 */
export function registerSavedHooks(node: Node, name: string, hooks: SavedTensorHooks): void {
  if (node.packedSaved?.has(name) === true) {
    throw runtimeError(
      'Calling register_hooks on a saved tensor whose hooks have already been set. Hint: only ' +
        'one pair of hooks is allowed at a time.',
    );
  }
  if (freed(node)) {
    throw runtimeError(
      'Calling register_hooks on a saved tensor after it has been freed. Saved intermediate ' +
        'values of the graph are freed when you call .backward() or autograd.grad(). Specify ' +
        'retain_graph=True if you need to backward through the graph a second time or if you ' +
        'need to access saved variables after calling backward.',
    );
  }
  const {tensor, isOutput} = originalOf(node, name);
  if (tensor === null) {
    throw runtimeError('Calling register_hooks on a saved tensor with value None is forbidden');
  }
  const p = packTensor(hooks, tensor, isOutput, node, name, tensor.unpackedAlias());
  node.packedSaved ??= new Map();
  node.packedSaved.set(name, p);
}

/** Does PyTorch give this node a `_saved_<name>` attribute we can read? */
export function hasSavedAttribute(node: Node, name: string): boolean {
  return calls.has(node) && table[node.name()]?.[name] !== undefined;
}

/** The reductions' numbers in PyTorch's enum (`_saved_reduction`). */
const reductions: Readonly<Record<string, number>> = {none: 0, mean: 1, sum: 2};

function freed(node: Node): boolean {
  return node instanceof FunctionNode && node.freed;
}

function savedTensor(node: Node, t: Tensor | null): SavedValue {
  if (t !== null && freed(node)) throw runtimeError(SECOND_BACKWARD_MESSAGE);
  return {tensor: t};
}

/** A Python number an op wrapped as a 0-d tensor: int64 for an int, float64 for a float (or `as`). */
function wrapped(v: OpArg | undefined, as?: Tensor['dtype']): Tensor | null {
  if (typeof v !== 'number' && typeof v !== 'boolean') return null;
  const dtype = as ?? (typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int64' : 'float64');
  const data = allocate(dtype, 1);
  data[0] = Number(v);
  return new Tensor(data, [], dtype);
}

/** Output `t` as the node's saved result: a new tensor on its storage, its grad_fn the node. */
function savedOutput(node: Node, t: Tensor): Tensor {
  const out = new Tensor(t.data, t.shape, t.dtype, t.strides, t.offset, t.version, t.base);
  if (t.gradFn === node) {
    out.gradFn = node;
    out.outputNr = t.outputNr;
  }
  return out;
}

function argValue(v: OpArg | undefined, as: string, ndim: number): SavedValue {
  if (v === null || v === undefined) return {none: true};
  switch (as) {
    case 'bool':
      return {bool: v === true};
    case 'ints':
    case 'dims':
      if (Array.isArray(v)) return {ints: v as number[]};
      return as === 'dims' ? {ints: [...Array(ndim).keys()]} : {none: true};
    case 'int':
      if (typeof v === 'string') return {int: reductions[v] ?? 0};
      return {int: Number(v)};
    default:
      if (typeof v === 'number' && !Number.isInteger(v)) return {float: v};
      return {int: Number(v)};
  }
}

/**
 * `grad_fn._saved_<name>` (undefined: the node has no such attribute); a tensor saved through
 * hooks is unpacked (`unpack` false: the tensor as saved, without running hooks).
 */
export function savedAttribute(node: Node, name: string, unpack = true): SavedValue | undefined {
  const call = calls.get(node);
  const source = table[node.name()]?.[name];
  if (call === undefined || source === undefined) return undefined;
  const packed = unpack ? node.packedSaved?.get(name) : undefined;
  if (packed !== undefined) return {tensor: unpackTensor(packed, node, name)};
  const input = (i: number) => call.inputs[i] ?? null;
  const needed = (when: number | undefined) => when === undefined || input(when)?.requiresGrad;
  if ('input' in source) return savedTensor(node, needed(source.when) ? input(source.input) : null);
  if ('output' in source) {
    const t = call.outputs[source.output];
    return savedTensor(node, t === undefined ? null : savedOutput(node, t));
  }
  if ('operand' in source) {
    if (!needed(source.when)) return {tensor: null};
    const scalarBase = call.args.self !== undefined;
    if (source.operand === 'exponent') return savedTensor(node, input(scalarBase ? 0 : 1));
    if (source.operand === 'self') {
      // `2 ** x` keeps its base as a tensor of the result's dtype (`tensor(2.)`).
      const base = wrapped(call.args.self, call.outputs[0]?.dtype);
      return savedTensor(node, scalarBase ? base : input(0));
    }
    return savedTensor(node, input(1) ?? wrapped(call.args.other));
  }
  const x = input(0);
  if ('arg' in source) return argValue(call.args[source.arg], source.as, x?.shape.length ?? 0);
  if ('sizes' in source) return {ints: [...(input(source.sizes)?.shape ?? [])]};
  if ('strides' in source) return {ints: [...(input(source.strides)?.strides ?? [])]};
  if ('numel' in source) return {int: x?.numel() ?? 0};
  if ('kept' in source) return savedTensor(node, kept.get(node)?.[source.kept] ?? null);
  return {int: source.constant};
}

/** The node's `_saved_*` attribute names, sorted as `dir(grad_fn)` lists them (none if unknown). */
export function savedAttributeNames(node: Node): string[] {
  if (!calls.has(node)) return [];
  return Object.keys(table[node.name()] ?? {})
    .map((k) => `_saved_${k}`)
    .sort();
}
