/**
 * `torch.autograd.Function` for scripts: a class a script subclasses with `@staticmethod`
 * `forward(ctx, …)` and `backward(ctx, …)`, called through `.apply(…)`. As in PyTorch 1.13, the
 * `ctx` forward receives is the grad_fn of the outputs: an instance of `<Name>Backward` (a
 * subclass of `BackwardCFunction` made once per Function class), which keeps what forward stored
 * on it and serves `saved_tensors`, `needs_input_grad`, `next_functions`, `name()`, `metadata`.
 * The Node itself (autograd/function.ts) does what PyTorch's C++ does.
 */
import {inFunctionApply} from './autograd-frames.js';
import {CustomFunctionNode, wrapFunctionOutputs} from '../../../autograd/function.js';
import type {FunctionInput} from '../../../autograd/function.js';
import {withGradMode} from '../../../autograd/gradmode.js';
import type {Node} from '../../../autograd/node.js';
import {reportOp} from '../../../autograd/record.js';
import {muteObserver} from '../../../autograd/report.js';
import {Tensor} from '../../../autograd/tensor.js';
import {callValue} from '../call.js';
import {classGetAttr} from '../classes.js';
import {PyDict} from '../containers.js';
import {pyError} from '../errors.js';
import {groupSink} from '../groups.js';
import {
  objectClass,
  PyClass,
  PyClassMethod,
  PyInstance,
  PyMethodDescriptor,
  PyProperty,
  PyStaticMethod,
} from '../objects.js';
import {typeName} from '../repr.js';
import {PyCallable, PyTuple} from '../values.js';
import {nodeHookMethods} from './hooks.js';

const MODULE = 'torch.autograd.function';

/** What forward leaves on its ctx before the outputs are wrapped. */
interface CtxState {
  toSave: (Tensor | null)[] | null;
  dirty: Set<Tensor>;
  nonDifferentiable: Set<Tensor>;
  materializeGrads: boolean;
  /** The node, once the outputs are wrapped (null: the call recorded no graph). */
  node: CustomFunctionNode | null;
  metadata: PyDict | null;
}

function ctxState(self: unknown): CtxState {
  if (self instanceof PyInstance && self.native && typeof self.native === 'object') {
    return self.native as CtxState;
  }
  throw pyError('TypeError', `descriptor requires a 'BackwardCFunction' object`);
}

function tensorsOf(args: readonly unknown[], what: string): Tensor[] {
  return args.map((a, i) => {
    if (!(a instanceof Tensor)) {
      throw pyError(
        'TypeError',
        `${what} can only save variables, but argument ${i} is of type ${typeName(a)}`,
      );
    }
    return a;
  });
}

function method(
  name: string,
  call: (self: unknown, args: readonly unknown[]) => unknown,
): PyMethodDescriptor {
  return new PyMethodDescriptor(name, (self, args) => call(self, args), 'BackwardCFunction');
}

function property(name: string, get: (self: unknown) => unknown): PyProperty {
  return new PyProperty(new PyCallable(name, (args) => get(args[0])));
}

/** The node behind a ctx (its methods that read the graph need one). */
function nodeOf(self: unknown): CustomFunctionNode {
  const node = ctxState(self).node;
  if (node === null)
    throw pyError('RuntimeError', 'Attribute is not available: the Function recorded no graph');
  return node;
}

/** `torch.autograd.function.FunctionCtx`: what forward may do to its ctx. */
const functionCtx = new PyClass(
  'FunctionCtx',
  [objectClass],
  new Map<string, unknown>([
    [
      'save_for_backward',
      method('save_for_backward', (self, args) => {
        ctxState(self).toSave = args.map((a, i) => {
          if (a === null) return null;
          if (!(a instanceof Tensor)) {
            throw pyError(
              'TypeError',
              `save_for_backward can only save variables, but argument ${i} is of type ${typeName(a)}`,
            );
          }
          return a;
        });
        return null;
      }),
    ],
    [
      'mark_dirty',
      method('mark_dirty', (self, args) => {
        for (const t of tensorsOf(args, 'mark_dirty')) ctxState(self).dirty.add(t);
        return null;
      }),
    ],
    [
      'mark_non_differentiable',
      method('mark_non_differentiable', (self, args) => {
        for (const t of tensorsOf(args, 'mark_non_differentiable'))
          ctxState(self).nonDifferentiable.add(t);
        return null;
      }),
    ],
    [
      'set_materialize_grads',
      method('set_materialize_grads', (self, args) => {
        const s = ctxState(self);
        s.materializeGrads = args[0] !== false;
        if (s.node) s.node.materializeGrads = s.materializeGrads;
        return null;
      }),
    ],
  ]),
  MODULE,
);

/** `torch._C._FunctionBase`: what the node side of a ctx shows (its graph and saved tensors). */
const functionBase = new PyClass(
  '_FunctionBase',
  [objectClass],
  new Map<string, unknown>([
    ['saved_tensors', property('saved_tensors', (self) => savedTensors(self))],
    ['saved_variables', property('saved_variables', (self) => savedTensors(self))],
    ['next_functions', property('next_functions', (self) => nextFunctionsOf(nodeOf(self)))],
    [
      'metadata',
      property('metadata', (self) => {
        const s = ctxState(self);
        s.metadata ??= new PyDict();
        return s.metadata;
      }),
    ],
    ['name', method('name', (self) => nodeOf(self).name())],
    ...nodeHookMethods((self) => nodeOf(self), '_FunctionBase'),
  ]),
  'torch._C',
);

const hookMixin = new PyClass('_HookMixin', [objectClass], new Map(), MODULE);

/** `torch.autograd.function.BackwardCFunction`: the base of every custom Function's ctx class. */
const backwardCFunction = new PyClass(
  'BackwardCFunction',
  [functionBase, functionCtx, hookMixin],
  new Map(),
  MODULE,
);

function savedTensors(self: unknown): PyTuple {
  const s = ctxState(self);
  if (s.node !== null) return new PyTuple(s.node.savedTensors());
  return new PyTuple(s.toSave ?? []);
}

/** `grad_fn.next_functions` as Python shows it: `((node, input_nr), …)`. */
export function nextFunctionsOf(node: Node): PyTuple {
  return new PyTuple(node.nextFunctions.map(([n, i]) => new PyTuple([pyNode(n), BigInt(i)])));
}

/** What Python sees for a Node: a custom Function's ctx, or the Node itself. */
export function pyNode(node: Node | null): unknown {
  return node instanceof CustomFunctionNode ? node.ctx : node;
}

const backwardClasses = new WeakMap<PyClass, PyClass>();

/** `<Name>Backward`, the class of a Function's ctx (PyTorch's FunctionMeta makes it per class). */
function backwardClassOf(cls: PyClass): PyClass {
  let made = backwardClasses.get(cls);
  if (!made) {
    made = new PyClass(
      `${cls.name}Backward`,
      [backwardCFunction],
      new Map<string, unknown>([['_forward_cls', cls]]),
      MODULE,
    );
    backwardClasses.set(cls, made);
  }
  return made;
}

/** `Function.apply(*args)`: forward without grad, then the outputs linked to a new node. */
function apply(cls: PyClass, args: readonly unknown[]): unknown {
  const state: CtxState = {
    toSave: null,
    dirty: new Set(),
    nonDifferentiable: new Set(),
    materializeGrads: true,
    node: null,
    metadata: null,
  };
  const ctx = new PyInstance(backwardClassOf(cls));
  ctx.native = state;
  ctx.dict.set(
    'needs_input_grad',
    new PyTuple(args.map((a) => a instanceof Tensor && a.requiresGrad)),
  );
  const forward = classGetAttr(cls, 'forward');
  const sink = groupSink();
  const site = sink?.site() ?? null;
  // The Function is one node of the graph, as PyTorch draws it: what its forward does inside
  // (with grad off) is its own business, not ops of the picture.
  const result = muteObserver(() => withGradMode(false, () => callValue(forward, [ctx, ...args])));
  sink?.resume?.(site);
  const isTuple = result instanceof PyTuple;
  const outputs = isTuple ? [...result.items] : [result];
  const inputs: FunctionInput[] = args.map((a) => (a instanceof Tensor ? a : {other: a}));
  const wrapped = wrapFunctionOutputs(
    cls.name,
    inputs,
    outputs,
    state,
    (grads) => runBackward(cls, ctx, grads),
    ctx,
  );
  state.node = wrapped.node;
  if (wrapped.node !== null) wrapped.node.fromLibrary = cls.module.startsWith('torch.');
  reportOp(
    cls.name,
    args.filter((a): a is Tensor => a instanceof Tensor),
    {},
    wrapped.outputs.filter((o): o is Tensor => o instanceof Tensor),
    state.dirty.size > 0,
  );
  return isTuple ? new PyTuple(wrapped.outputs) : wrapped.outputs[0];
}

/** The user's backward, its results read as PyTorch reads them. */
function runBackward(
  cls: PyClass,
  ctx: PyInstance,
  grads: readonly (Tensor | null)[],
): (Tensor | null | {invalid: string})[] {
  const backward = classGetAttr(cls, 'backward');
  const result = inFunctionApply(() => callValue(backward, [ctx, ...grads]));
  const items = result instanceof PyTuple ? result.items : [result];
  return items.map((r) => (r === null || r instanceof Tensor ? r : {invalid: typeName(r)}));
}

const legacyMessage =
  'Legacy autograd function with non-static forward method is deprecated. Please use new-style ' +
  'autograd function with static forward method. (Example: ' +
  'https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)';

/** `torch.autograd.Function`. */
export const functionClass = new PyClass(
  'Function',
  [functionBase, functionCtx, hookMixin],
  new Map<string, unknown>([
    [
      'apply',
      new PyClassMethod(
        new PyCallable('apply', (args, kwargs) => {
          if (kwargs.size > 0) throw pyError('TypeError', 'apply() takes no keyword arguments');
          return apply(args[0] as PyClass, args.slice(1));
        }),
      ),
    ],
    [
      'forward',
      new PyStaticMethod(
        new PyCallable('forward', () => {
          throw pyError(
            'NotImplementedError',
            'You must implement the forward function for custom autograd.Function.',
          );
        }),
      ),
    ],
    [
      'backward',
      new PyStaticMethod(
        new PyCallable('backward', () => {
          throw pyError(
            'NotImplementedError',
            'You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.',
          );
        }),
      ),
    ],
    [
      '__call__',
      new PyMethodDescriptor(
        '__call__',
        () => {
          throw pyError('RuntimeError', legacyMessage);
        },
        'Function',
      ),
    ],
  ]),
  MODULE,
);

/** `torch.autograd.function.FunctionCtx` (forward's ctx is one, for isinstance and annotations). */
export const functionCtxClass = functionCtx;
