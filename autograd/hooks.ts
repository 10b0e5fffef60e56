/**
 * Backward hooks, as PyTorch 1.13 runs them. A Node runs, in this order: its pre-hooks (each
 * tensor's `register_hook` hooks as one entry, at the place of that tensor's first hook, with its
 * `retain_grad()` among them where it was called; and `grad_fn.register_prehook` hooks), which
 * may replace the gradients it received; then its backward; then its `grad_fn.register_hook`
 * hooks, which see (grad_inputs, grad_outputs) and may replace grad_inputs. A leaf's hooks are
 * pre-hooks of its AccumulateGrad. Each hook that ran is reported with the gradient before and
 * after it, so the picture can show where a hook acts.
 */
import {legacyTypeName} from './dtype.js';
import {runtimeError} from './errors.js';
import type {Node} from './node.js';
import {sameShape} from './shape.js';
import type {Tensor} from './tensor.js';

/** A hook on a tensor's gradient: returns a replacement, or null to keep it. */
export interface TensorHook {
  /** Its handle id (`RemovableHandle.id`). */
  readonly id: number;
  /** The function's `__name__`, for PyTorch's messages. */
  readonly name: string;
  readonly fn: (grad: Tensor) => Tensor | null;
}

/** `grad_fn.register_prehook(fn)`: sees the gradients of the node's outputs. */
export interface NodePreHook {
  readonly id: number;
  readonly name: string;
  readonly fn: (gradOutputs: readonly (Tensor | null)[]) => readonly (Tensor | null)[] | null;
}

/**
 * How the picture names a hook the user registered through a library call that installs an
 * engine hook of its own (a module's backward hook: PyTorch's messages name the closure `hook`).
 */
export interface HookLabel {
  /** The user's function(s) (`module_hook`). */
  readonly name: string;
  /** The call that registered it (`register_full_backward_hook`). */
  readonly via: string;
}

/** `grad_fn.register_hook(fn)`: sees (grad_inputs, grad_outputs) after the node ran. */
export interface NodePostHook {
  readonly id: number;
  readonly name: string;
  readonly label?: HookLabel;
  readonly fn: (
    gradInputs: readonly (Tensor | null)[],
    gradOutputs: readonly (Tensor | null)[],
  ) => readonly (Tensor | null)[] | null;
}

/** One item of a tensor's hook list: a hook, or the place `retain_grad()` was called. */
export type TensorHookItem = TensorHook | {readonly retain: true};

/** One pre-hook entry of a Node. */
export type PreHookEntry =
  | {readonly kind: 'tensor'; readonly outputNr: number; readonly hooks: TensorHookItem[]}
  | {readonly kind: 'node'; readonly hook: NodePreHook};

/** A hook that ran during a backward step, with the gradient before and after it. */
export interface HookFired {
  /** `tensor` (register_hook on a tensor), `pre` or `post` (on the grad_fn). */
  readonly kind: 'tensor' | 'pre' | 'post';
  readonly name: string;
  /** Which gradient: the output number (tensor, pre) or next-edge index (post). */
  readonly slot: number;
  readonly before: Tensor | null;
  readonly after: Tensor | null;
  /** The hook returned a replacement (not None); `after` is then what it returned. */
  readonly replaced: boolean;
  /** What the picture calls it, when not `name` (see HookLabel). */
  readonly label?: HookLabel;
}

let nextHookId = 0;

/** A fresh hook id (the handles of all kinds of hooks share one counter, as PyTorch's do). */
export function newHookId(): number {
  return nextHookId++;
}

/** The hooks state of a Node: created on its first hook. */
export interface NodeHooks {
  readonly pre: PreHookEntry[];
  readonly post: NodePostHook[];
}

/** A Node's hooks, made on first use. */
export function hooksOf(node: Node): NodeHooks {
  node.hooks ??= {pre: [], post: []};
  return node.hooks;
}

/** The hook list of a node's output `outputNr` (the tensor's `_backward_hooks`), made on first use. */
export function tensorHookList(node: Node, outputNr: number): TensorHookItem[] {
  const h = hooksOf(node);
  for (const e of h.pre) if (e.kind === 'tensor' && e.outputNr === outputNr) return e.hooks;
  const hooks: TensorHookItem[] = [];
  h.pre.push({kind: 'tensor', outputNr, hooks});
  return hooks;
}

/** Removes a hook by id from wherever it is on `node` (`handle.remove()`; twice is harmless). */
export function removeHook(node: Node, id: number): void {
  const h = node.hooks;
  if (!h) return;
  for (let i = h.pre.length - 1; i >= 0; i--) {
    const e = h.pre[i];
    if (e?.kind === 'node' && e.hook.id === id) h.pre.splice(i, 1);
    if (e?.kind === 'tensor') {
      const at = e.hooks.findIndex((x) => 'id' in x && x.id === id);
      if (at >= 0) e.hooks.splice(at, 1);
    }
  }
  const at = h.post.findIndex((x) => x.id === id);
  if (at >= 0) h.post.splice(at, 1);
}

/** PyTorch's check of a tensor hook's result against the gradient it replaces. */
function checkHookResult(name: string, before: Tensor, after: Tensor): void {
  if (after.dtype !== before.dtype) {
    throw runtimeError(
      `hook '${name}' has changed the type of value (was ${legacyTypeName(before.dtype)} got ${legacyTypeName(after.dtype)})`,
    );
  }
  if (!sameShape(after.shape, before.shape)) {
    throw runtimeError(`hook '${name}' has changed the size of value`);
  }
}

/**
 * Runs a node's pre-hooks on the gradients it received (in place in `grads`); `retain` writes a
 * retained `.grad` (the engine's), `fired` collects what ran.
 */
export function runPreHooks(
  node: Node,
  grads: (Tensor | null)[],
  retain: (outputNr: number, grad: Tensor) => void,
  fired: HookFired[],
): void {
  const entries = node.hooks?.pre ?? [];
  for (const e of [...entries]) {
    if (e.kind === 'tensor') {
      for (const item of [...e.hooks]) {
        const g = grads[e.outputNr] ?? null;
        if (g === null) continue;
        if ('retain' in item) {
          retain(e.outputNr, g);
          continue;
        }
        const out = item.fn(g);
        if (out !== null) {
          checkHookResult(item.name, g, out);
          grads[e.outputNr] = out;
        }
        fired.push({
          kind: 'tensor',
          name: item.name,
          slot: e.outputNr,
          before: g,
          after: out ?? g,
          replaced: out !== null,
        });
      }
      continue;
    }
    const out = e.hook.fn(grads);
    if (out === null) {
      firedUnchanged('pre', e.hook, grads, fired);
    } else {
      if (out.length !== grads.length) {
        throw runtimeError(
          `hook '${e.hook.name}' has returned an incorrect number of values (got ${out.length}, but expected ${grads.length})`,
        );
      }
      out.forEach((g, i) => {
        const before = grads[i] ?? null;
        if (g !== null && before !== null) checkHookResult(e.hook.name, before, g);
        fired.push({kind: 'pre', name: e.hook.name, slot: i, before, after: g, replaced: true});
        grads[i] = g;
      });
    }
  }
}

/** A node hook that returned None: it ran, and left each gradient it saw as it was. */
function firedUnchanged(
  kind: 'pre' | 'post',
  hook: {readonly name: string; readonly label?: HookLabel},
  grads: readonly (Tensor | null)[],
  fired: HookFired[],
): void {
  const {name, label} = hook;
  grads.forEach((g, slot) => {
    if (g === null) return;
    fired.push({kind, name, slot, before: g, after: g, replaced: false, ...(label ? {label} : {})});
  });
}

/** Runs a node's post-hooks on what it computed (`gradInputs`, replaced in place). */
export function runPostHooks(
  node: Node,
  gradInputs: (Tensor | null)[],
  gradOutputs: readonly (Tensor | null)[],
  fired: HookFired[],
): void {
  for (const hook of [...(node.hooks?.post ?? [])]) {
    const out = hook.fn(gradInputs, gradOutputs);
    if (out === null) {
      firedUnchanged('post', hook, gradInputs, fired);
      continue;
    }
    if (out.length !== gradInputs.length) {
      throw runtimeError(
        `hook '${hook.name}' has returned an incorrect number of values (got ${out.length}, but expected ${gradInputs.length})`,
      );
    }
    out.forEach((g, i) => {
      const before = gradInputs[i] ?? null;
      if (g !== null && before !== null) checkHookResult(hook.name, before, g);
      fired.push({
        kind: 'post',
        name: hook.name,
        slot: i,
        before,
        after: g,
        replaced: true,
        ...(hook.label ? {label: hook.label} : {}),
      });
      gradInputs[i] = g;
    });
  }
}

/** How a registered hook is removed (`RemovableHandle.remove()`), and its id. */
export interface HookHandle {
  readonly id: number;
  remove(): void;
}

/**
 * `t.register_hook(fn)`: on the grad_fn's entry for `t`'s output, or on a leaf's
 * AccumulateGrad. PyTorch's error for a tensor that does not require grad.
 */
export function registerTensorHook(
  t: Tensor,
  name: string,
  fn: (grad: Tensor) => Tensor | null,
): HookHandle {
  if (!t.requiresGrad) {
    throw runtimeError("cannot register a hook on a tensor that doesn't require gradient");
  }
  const node = t.gradFn ?? t.gradAccumulator();
  const id = newHookId();
  tensorHookList(node, t.gradFn ? t.outputNr : 0).push({id, name, fn});
  return {
    id,
    remove: () => {
      removeHook(node, id);
    },
  };
}

/** `grad_fn.register_prehook(fn)`. */
export function registerPreHook(node: Node, name: string, fn: NodePreHook['fn']): HookHandle {
  const id = newHookId();
  hooksOf(node).pre.push({kind: 'node', hook: {id, name, fn}});
  return {
    id,
    remove: () => {
      removeHook(node, id);
    },
  };
}

/** `grad_fn.register_hook(fn)`. */
export function registerPostHook(
  node: Node,
  name: string,
  fn: NodePostHook['fn'],
  label?: HookLabel,
): HookHandle {
  const id = newHookId();
  hooksOf(node).post.push({id, name, fn, ...(label ? {label} : {})});
  return {
    id,
    remove: () => {
      removeHook(node, id);
    },
  };
}
