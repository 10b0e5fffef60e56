/**
 * nn.Module hooks as PyTorch 1.13's module.py and torch/utils/hooks.py run them:
 * `register_forward_pre_hook` (may replace the positional input), `register_forward_hook` (may
 * replace the output), `register_full_backward_hook` (a `BackwardHookFunction` wraps the module's
 * tensor inputs and outputs, so the graph gets `BackwardHookFunctionBackward` nodes whose
 * post-hooks hand the user (grad_input, grad_output)), and the deprecated
 * `register_backward_hook` (a post-hook on the grad_fn of the output's last op, with its
 * surprising grad_input, and PyTorch's warnings when that is not the module's gradient).
 * The hooks live in the module's OrderedDicts keyed by the handle's id, as in PyTorch; the run's
 * global hooks (global-hooks.ts) run before the module's own.
 */
import {isGradEnabled} from '../../../../autograd/gradmode.js';
import {registerPostHook, type HookLabel} from '../../../../autograd/hooks.js';
import type {Node} from '../../../../autograd/node.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {classGetAttr, instanceGetAttr} from '../../classes.js';
import {PyDict} from '../../containers.js';
import {inLibrary, pyError} from '../../errors.js';
import {PyClass, PyInstance, PyStaticMethod} from '../../objects.js';
import {typeName} from '../../repr.js';
import {PyCallable, PyList, PyTuple, type Kwargs} from '../../values.js';
import {pyWarn} from '../../warnings.js';
import {functionClass} from '../function.js';
import {hookName} from '../hooks.js';
import {inModuleBackwardHook} from '../autograd-frames.js';
import {globalModuleHooks} from './global-hooks.js';
import {groupSink} from '../../groups.js';
import {forwardHookFrame, forwardPreHookFrame} from './sources.js';

const moduleFile = '/usr/lib/python3/dist-packages/torch/nn/modules/module.py';

/** The hook dict `key` of module `m` (a `PyDict` PyTorch's `__init__` made). */
export function hookDict(m: PyInstance, key: string): PyDict {
  const d = m.dict.get(key);
  if (d instanceof PyDict) return d;
  throw pyError('AttributeError', `'${m.cls.name}' object has no attribute '${key}'`);
}

/** Records whether the module's backward hooks are full ones; PyTorch refuses a mix. */
export function setBackwardKind(m: PyInstance, full: boolean): void {
  const current = m.dict.get('_is_full_backward_hook');
  if (current === !full) {
    throw pyError(
      'RuntimeError',
      'Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.',
    );
  }
  m.dict.set('_is_full_backward_hook', full);
}

// ── BackwardHookFunction (torch/nn/modules/_functions.py) ──────────────────────────────────

/** `torch.nn.modules._functions.BackwardHookFunction`: the identity, as a Function node. */
const backwardHookFunction = new PyClass(
  'BackwardHookFunction',
  [functionClass],
  new Map<string, unknown>([
    [
      'forward',
      new PyStaticMethod(
        new PyCallable('forward', (args) => {
          const [ctx, ...inputs] = args;
          const fixed = inputs.filter((t) => t instanceof Tensor && !t.requiresGrad);
          callValue(instanceGetAttr(ctx as PyInstance, 'mark_non_differentiable'), fixed);
          return new PyTuple(inputs);
        }),
      ),
    ],
    [
      'backward',
      new PyStaticMethod(new PyCallable('backward', (args) => new PyTuple(args.slice(1)))),
    ],
  ]),
  'torch.nn.modules._functions',
);

/** A hook's returned grad_input as a list (PyTorch calls `len()` on it, then indexes it). */
function sequenceOf(out: unknown): readonly unknown[] {
  if (out instanceof PyTuple || out instanceof PyList) return out.items;
  throw pyError('TypeError', `object of type '${typeName(out)}' has no len()`);
}

function gradOrNull(g: unknown, name: string): Tensor | null {
  if (g === null || g instanceof Tensor) return g;
  throw pyError('TypeError', `expected Variable or None (got ${typeName(g)}) in hook '${name}'`);
}

/** `torch.utils.hooks.BackwardHook`: links the gradients of a module call's outputs and inputs. */
class BackwardHook {
  private gradOutputs: (Tensor | null)[] | null = null;
  private nInputs = -1;
  private inputIndex: number[] | null = null;
  private nOutputs = -1;
  private outputIndex: number[] | null = null;

  /** How the picture names the engine hooks this installs: the user's functions. */
  private readonly label: HookLabel;

  constructor(
    private readonly module: PyInstance,
    private readonly userHooks: readonly unknown[],
  ) {
    this.label = {
      name: userHooks.map(hookName).join(', '),
      via: 'register_full_backward_hook',
    };
  }

  private pack(indices: readonly number[], values: readonly (Tensor | null)[], size: number) {
    const res: (Tensor | null)[] = new Array<Tensor | null>(size).fill(null);
    indices.forEach((idx, i) => (res[idx] = values[i] ?? null));
    return res;
  }

  /** `_apply_on_tensors`: the tensors among `args` through BackwardHookFunction, its node hooked. */
  private applyOnTensors(
    onNode: (node: Node) => void,
    args: readonly unknown[],
  ): {args: unknown[]; index: number[] | null} {
    const index: number[] = [];
    const tensors: Tensor[] = [];
    args.forEach((a, i) => {
      if (a instanceof Tensor) {
        index.push(i);
        tensors.push(a);
      }
    });
    if (!(tensors.some((t) => t.requiresGrad) && isGradEnabled()))
      return {args: [...args], index: null};
    const out = callValue(classGetAttr(backwardHookFunction, 'apply'), tensors);
    const fresh = out instanceof PyTuple ? out.items : [out];
    const node = fresh.find(
      (t): t is Tensor =>
        t instanceof Tensor && t.gradFn?.name() === 'BackwardHookFunctionBackward',
    )?.gradFn;
    if (!node) {
      throw pyError(
        'RuntimeError',
        'Error while setting up backward hooks. Please open an issue with a code sample to reproduce this.',
      );
    }
    onNode(node);
    const list = [...args];
    index.forEach((idx, i) => (list[idx] = fresh[i]));
    return {args: list, index};
  }

  /** `setup_input_hook`: the user's hooks run when the inputs' gradients are known. */
  setupInputHook(args: readonly unknown[]): unknown[] {
    const {args: res, index} = this.applyOnTensors((node) => {
      registerPostHook(node, 'hook', (gradInputs) => this.inputHook(gradInputs), this.label);
    }, args);
    this.nInputs = args.length;
    this.inputIndex = index;
    return res;
  }

  private inputHook(gradInputs: readonly (Tensor | null)[]): (Tensor | null)[] | null {
    const gradOutputs = this.gradOutputs;
    if (gradOutputs === null) return null;
    const index = this.inputIndex ?? [];
    let res: readonly unknown[] = this.pack(index, gradInputs, this.nInputs);
    for (const hook of this.userHooks) {
      const out = inModuleBackwardHook(() =>
        callValue(hook, [this.module, new PyTuple([...res]), new PyTuple(gradOutputs)]),
      );
      if (out === null) continue;
      const items = sequenceOf(out);
      if (items.length !== res.length) {
        throw pyError(
          'RuntimeError',
          `Backward hook returned an invalid number of grad_input, got ${items.length}, but expected ${res.length}`,
        );
      }
      res = items;
    }
    this.gradOutputs = null;
    return index.map((idx) => gradOrNull(res[idx], 'hook'));
  }

  /** `setup_output_hook`: records the outputs' gradients (calls the hooks when no input needs one). */
  setupOutputHook(result: unknown): unknown {
    const isTuple = result instanceof PyTuple;
    const args = isTuple ? result.items : [result];
    const {args: res, index} = this.applyOnTensors((node) => {
      registerPostHook(
        node,
        'hook',
        (_, gradOutputs) => {
          this.outputHook(gradOutputs);
          return null;
        },
        this.label,
      );
    }, args);
    this.nOutputs = args.length;
    this.outputIndex = index;
    return isTuple ? new PyTuple(res) : res[0];
  }

  private outputHook(gradOutputs: readonly (Tensor | null)[]): void {
    this.gradOutputs = this.pack(this.outputIndex ?? [], gradOutputs, this.nOutputs);
    if (this.inputIndex !== null) return;
    const gradInputs = new PyTuple(new Array<null>(this.nInputs).fill(null));
    for (const hook of this.userHooks) {
      const res = callValue(hook, [this.module, gradInputs, new PyTuple(this.gradOutputs)]);
      if (res !== null && !(res instanceof PyTuple && res.items.every((x) => x === null))) {
        throw pyError(
          'RuntimeError',
          'Backward hook for Modules where no input requires gradient should always return None or None for all gradients.',
        );
      }
    }
    this.gradOutputs = null;
  }
}

// ── Module.__call__ with hooks (_call_impl) ─────────────────────────────────────────────────

function hooksIn(m: PyInstance, key: string): unknown[] {
  const d = m.dict.get(key);
  return d instanceof PyDict ? d.values() : [];
}

/** Does the module (or the run, globally) have any hook, so that `__call__` takes the slow path? */
export function hasModuleHooks(m: PyInstance): boolean {
  const global = globalModuleHooks();
  return (
    ['_backward_hooks', '_forward_hooks', '_forward_pre_hooks'].some(
      (k) => hooksIn(m, k).length > 0,
    ) ||
    global.forwardPre.size > 0 ||
    global.forward.size > 0 ||
    global.backward.size > 0
  );
}

/** `_get_backward_hooks`: the global full (or non-full) hooks first, then the module's own. */
function backwardHooks(m: PyInstance, full: boolean): unknown[] {
  const global = globalModuleHooks();
  return [
    ...(global.isFull === full ? global.backward.values() : []),
    ...(m.dict.get('_is_full_backward_hook') === full ? hooksIn(m, '_backward_hooks') : []),
  ];
}

/**
 * `Module._call_impl` when the module has hooks: pre-hooks, the backward hook's input side,
 * `forward(*input, **kwargs)`, forward hooks, the output side, then the deprecated backward hooks.
 */
export function callWithHooks(
  m: PyInstance,
  args: readonly unknown[],
  kwargs: Kwargs,
  forward: (args: readonly unknown[], kwargs: Kwargs) => unknown,
): unknown {
  const global = globalModuleHooks();
  const fullHooks = backwardHooks(m, true);
  const oldHooks = backwardHooks(m, false);
  let input: readonly unknown[] = args;
  const sink = groupSink();
  const site = sink?.site() ?? null;
  const ran = (kind: 'forward_pre' | 'forward', hook: unknown, via: string, replaced: boolean) => {
    // The module call goes on after the hook's own code: its ops belong to the call again.
    sink?.resume?.(site);
    sink?.moduleHookRan?.({kind, name: hookName(hook), via, replaced});
  };
  const pre = [
    ...[...global.forwardPre.values()].map((h) => [h, 'register_module_forward_pre_hook'] as const),
    ...hooksIn(m, '_forward_pre_hooks').map((h) => [h, 'register_forward_pre_hook'] as const),
  ];
  for (const [hook, via] of pre) {
    const result = inLibrary(forwardPreHookFrame, () =>
      callValue(hook, [m, new PyTuple([...input])]),
    );
    if (result !== null) input = result instanceof PyTuple ? result.items : [result];
    ran('forward_pre', hook, via, result !== null);
  }
  const bwHook = fullHooks.length > 0 ? new BackwardHook(m, fullHooks) : null;
  if (bwHook) input = bwHook.setupInputHook(input);
  let result = forward(input, kwargs);
  const post = [
    ...[...global.forward.values()].map((h) => [h, 'register_module_forward_hook'] as const),
    ...hooksIn(m, '_forward_hooks').map((h) => [h, 'register_forward_hook'] as const),
  ];
  for (const [hook, via] of post) {
    const hookResult = inLibrary(forwardHookFrame, () =>
      callValue(hook, [m, new PyTuple([...input]), result]),
    );
    if (hookResult !== null) result = hookResult;
    ran('forward', hook, via, hookResult !== null);
  }
  if (bwHook) result = bwHook.setupOutputHook(result);
  if (oldHooks.length > 0) registerOldHooks(m, oldHooks, input, result);
  return result;
}

/** The first tensor of a (nested) result, as `_call_impl` finds it. */
function firstTensor(result: unknown): Tensor {
  let v = result;
  while (!(v instanceof Tensor)) {
    if (v instanceof PyDict) {
      v = v.values().find((x) => x instanceof Tensor);
      if (v === undefined) throw pyError('StopIteration', '');
    } else if (v instanceof PyTuple || v instanceof PyList) {
      if (v.items.length === 0) throw pyError('IndexError', `${typeName(v)} index out of range`);
      v = v.items[0];
    } else {
      throw pyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
    }
  }
  return v;
}

/** The deprecated hooks: post-hooks of the output's grad_fn, called with the module first. */
function registerOldHooks(
  m: PyInstance,
  hooks: readonly unknown[],
  input: readonly unknown[],
  result: unknown,
): void {
  const gradFn = firstTensor(result).gradFn;
  if (gradFn === null) return;
  for (const hook of hooks) {
    const name = hookName(hook);
    const label = {name, via: 'register_backward_hook'};
    registerPostHook(
      gradFn,
      name,
      (gradInputs, gradOutputs) => {
        const out = callValue(hook, [
          m,
          new PyTuple([...gradInputs]),
          new PyTuple([...gradOutputs]),
        ]);
        if (out === null) return null;
        if (!(out instanceof PyTuple)) {
          throw pyError('TypeError', `expected tuple, but hook returned '${typeName(out)}'`);
        }
        return out.items.map((g) => gradOrNull(g, name));
      },
      label,
    );
  }
  warnNonFull(input, result, gradFn);
}

function warnAt(line: number, message: string, source: string): void {
  pyWarn('UserWarning', message, {file: moduleFile, line, source});
}

/** `_maybe_warn_non_full_backward_hook`: when the hook will not see the module's gradients. */
function warnNonFull(inputs: readonly unknown[], result: unknown, gradFn: Node): void {
  const results =
    result instanceof Tensor ? [result] : result instanceof PyTuple ? result.items : null;
  if (results === null || !results.every((r) => r instanceof Tensor)) {
    warnAt(
      1082,
      'Using non-full backward hooks on a Module that does not return a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_output. Please use register_full_backward_hook to get the documented behavior.',
      'warnings.warn("Using non-full backward hooks on a Module that does not return a "',
    );
    return;
  }
  if (!inputs.every((i) => i instanceof Tensor)) {
    warnAt(
      1092,
      'Using non-full backward hooks on a Module that does not take as input a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_input. Please use register_full_backward_hook to get the documented behavior.',
      'warnings.warn("Using non-full backward hooks on a Module that does not take as input a "',
    );
    return;
  }
  const outGradFns = new Set(
    (results as Tensor[]).flatMap((r) => (r.gradFn === null ? [] : [r.gradFn])),
  );
  if (outGradFns.size === 0 || (outGradFns.size === 1 && !outGradFns.has(gradFn))) {
    warnAt(
      1103,
      'Using a non-full backward hook when outputs are nested in python data structure is deprecated and will be removed in future versions. This hook will be missing some grad_output.',
      'warnings.warn("Using a non-full backward hook when outputs are nested in python data structure "',
    );
  } else if (outGradFns.size > 1) {
    warnAt(
      1107,
      'Using a non-full backward hook when outputs are generated by different autograd Nodes is deprecated and will be removed in future versions. This hook will be missing some grad_output. Please use register_full_backward_hook to get the documented behavior.',
      'warnings.warn("Using a non-full backward hook when outputs are generated by different autograd Nodes "',
    );
  } else {
    const inputFns = new Set(
      (inputs as Tensor[]).flatMap((i) => (i.gradFn === null ? [] : [i.gradFn])),
    );
    const next = new Set<Node | null>(gradFn.nextFunctions.map(([n]) => n));
    const same = inputFns.size === next.size && [...inputFns].every((n) => next.has(n));
    if (!same) {
      warnAt(
        1117,
        'Using a non-full backward hook when the forward contains multiple autograd Nodes is deprecated and will be removed in future versions. This hook will be missing some grad_input. Please use register_full_backward_hook to get the documented behavior.',
        'warnings.warn("Using a non-full backward hook when the forward contains multiple autograd Nodes "',
      );
    }
  }
}
