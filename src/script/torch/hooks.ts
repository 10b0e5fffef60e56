/**
 * Backward hooks from Python: `t.register_hook(fn)`, `grad_fn.register_hook(fn)`,
 * `grad_fn.register_prehook(fn)`, and the `torch.utils.hooks.RemovableHandle` they return. The
 * engine runs them (autograd/hooks.ts); this file calls the Python function and reads what it
 * returned as PyTorch does, with its messages.
 */
import {registerPostHook, registerPreHook, registerTensorHook} from '../../../autograd/hooks.js';
import type {HookHandle} from '../../../autograd/hooks.js';
import type {Node} from '../../../autograd/node.js';
import {Tensor} from '../../../autograd/tensor.js';
import {callValue} from '../call.js';
import {pyError} from '../errors.js';
import {
  objectClass,
  PyBoundMethod,
  PyClass,
  PyFunction,
  PyInstance,
  PyMethodDescriptor,
} from '../objects.js';
import {typeName} from '../repr.js';
import {PyCallable, PyTuple} from '../values.js';

/** A hook's `__name__`, as PyTorch's messages quote it. */
export function hookName(fn: unknown): string {
  if (fn instanceof PyFunction) return fn.name;
  if (fn instanceof PyBoundMethod) return hookName(fn.func);
  if (fn instanceof PyCallable || fn instanceof PyMethodDescriptor) return fn.name;
  if (fn instanceof PyInstance) return fn.cls.name;
  return typeName(fn);
}

/** What `RemovableHandle.remove()` undoes: one or more registrations. */
interface HandleState {
  readonly handles: HookHandle[];
  readonly id: number;
}

function handleState(self: unknown): HandleState {
  if (self instanceof PyInstance && self.native && typeof self.native === 'object') {
    return self.native as HandleState;
  }
  throw pyError('TypeError', "descriptor 'remove' requires a 'RemovableHandle' object");
}

/** `torch.utils.hooks.RemovableHandle`: `remove()`, `id`, and `with handle:`. */
export const removableHandleClass = new PyClass(
  'RemovableHandle',
  [objectClass],
  new Map<string, unknown>([
    [
      'remove',
      new PyMethodDescriptor(
        'remove',
        (self) => {
          for (const h of handleState(self).handles) h.remove();
          return null;
        },
        'RemovableHandle',
      ),
    ],
    ['__enter__', new PyMethodDescriptor('__enter__', (self) => self, 'RemovableHandle')],
    [
      '__exit__',
      new PyMethodDescriptor(
        '__exit__',
        (self) => {
          for (const h of handleState(self).handles) h.remove();
          return null;
        },
        'RemovableHandle',
      ),
    ],
  ]),
  'torch.utils.hooks',
);

/** A RemovableHandle for these registrations (its `id` is the first one's). */
export function removableHandle(handles: HookHandle[], id = handles[0]?.id ?? 0): PyInstance {
  const h = new PyInstance(removableHandleClass);
  h.native = {handles, id} satisfies HandleState;
  h.dict.set('id', BigInt(id));
  return h;
}

function checkCallable(fn: unknown): void {
  if (!(
    fn instanceof PyFunction ||
    fn instanceof PyBoundMethod ||
    fn instanceof PyCallable ||
    fn instanceof PyInstance ||
    fn instanceof PyClass
  )) {
    throw pyError('TypeError', `'${typeName(fn)}' object is not callable`);
  }
}

/** `t.register_hook(hook)`. */
export function tensorRegisterHook(t: Tensor, hook: unknown): PyInstance {
  if (!t.requiresGrad) {
    throw pyError(
      'RuntimeError',
      "cannot register a hook on a tensor that doesn't require gradient",
    );
  }
  const handle = registerTensorHook(t, hookName(hook), (grad) => {
    const out = callValue(hook, [grad]);
    if (out === null || out instanceof Tensor) return out;
    throw pyError('TypeError', `expected Variable, but hook returned '${typeName(out)}'`);
  });
  return removableHandle([handle]);
}

function gradTuple(out: unknown, name: string): (Tensor | null)[] | null {
  if (out === null) return null;
  if (!(out instanceof PyTuple)) {
    throw pyError('TypeError', `expected tuple, but hook returned '${typeName(out)}'`);
  }
  return out.items.map((g) => {
    if (g === null || g instanceof Tensor) return g;
    throw pyError('TypeError', `expected Variable or None (got ${typeName(g)}) in hook '${name}'`);
  });
}

/** `grad_fn.register_hook(fn)` / `grad_fn.register_prehook(fn)` for a node. */
export function nodeRegisterHook(node: Node, hook: unknown, pre: boolean): PyInstance {
  checkCallable(hook);
  const name = hookName(hook);
  const handle = pre
    ? registerPreHook(node, name, (grads) =>
        gradTuple(callValue(hook, [new PyTuple([...grads])]), name),
      )
    : registerPostHook(node, name, (gradInputs, gradOutputs) =>
        gradTuple(
          callValue(hook, [new PyTuple([...gradInputs]), new PyTuple([...gradOutputs])]),
          name,
        ),
      );
  return removableHandle([handle]);
}

/** `register_hook` / `register_prehook` as methods of a class whose instances stand for a Node. */
export function nodeHookMethods(
  nodeOf: (self: unknown) => Node,
  owner: string,
): [string, PyMethodDescriptor][] {
  return (['register_hook', 'register_prehook'] as const).map((name) => [
    name,
    new PyMethodDescriptor(
      name,
      (self, args) => {
        if (args.length !== 1) {
          throw pyError('TypeError', `${name}() takes exactly one argument (${args.length} given)`);
        }
        return nodeRegisterHook(nodeOf(self), args[0], name === 'register_prehook');
      },
      owner,
    ),
  ]);
}
