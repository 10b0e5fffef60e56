/**
 * The global module hooks of torch/nn/modules/module.py (1.13): `register_module_forward_pre_hook`,
 * `register_module_forward_hook`, `register_module_backward_hook` and
 * `register_module_full_backward_hook` put a hook in one of the module-level OrderedDicts
 * (`_global_forward_pre_hooks`, …), and every module's `__call__` runs them before its own.
 * Those dicts are state of the run, not of the library: each run installs its own set (as it
 * installs its warning sink), so one script's hooks never reach the next run.
 */
import {newHookId} from '../../../../autograd/hooks.js';
import {type PyDict, PyOrderedDict} from '../../containers.js';
import {pyError} from '../../errors.js';
import type {PyInstance} from '../../objects.js';
import {PyCallable, PyModule} from '../../values.js';
import {bind, sig} from '../args.js';
import {removableHandle} from '../hooks.js';

/** `hooks.RemovableHandle(d)` with `d[handle.id] = hook` (a module's hooks and the global ones). */
export function addHook(d: PyDict, hook: unknown): PyInstance {
  const id = newHookId();
  d.set(BigInt(id), hook);
  return removableHandle(
    [
      {
        id,
        remove: () => {
          d.delete(BigInt(id));
        },
      },
    ],
    id,
  );
}

/** One run's global module hooks: the dicts of module.py and `_global_is_full_backward_hook`. */
export interface GlobalModuleHooks {
  readonly forwardPre: PyOrderedDict;
  readonly forward: PyOrderedDict;
  readonly backward: PyOrderedDict;
  /** null until a backward hook is registered; then whether it was a full one (it stays). */
  isFull: boolean | null;
}

/** A run's empty set of global module hooks. */
export function newGlobalModuleHooks(): GlobalModuleHooks {
  return {
    forwardPre: new PyOrderedDict(),
    forward: new PyOrderedDict(),
    backward: new PyOrderedDict(),
    isFull: null,
  };
}

let current: GlobalModuleHooks = newGlobalModuleHooks();

/** The running script's global module hooks. */
export function globalModuleHooks(): GlobalModuleHooks {
  return current;
}

const file = '/usr/lib/python3/dist-packages/torch/nn/modules/module.py';

function register(kind: 'forwardPre' | 'forward' | 'backward', name: string, full?: boolean) {
  const signature = sig(`${name}(any hook)`, 'python');
  return new PyCallable(name, (args, kwargs) => {
    const hook = bind(signature, args, kwargs).get('hook');
    if (full !== undefined) {
      if (current.isFull === !full) {
        throw pyError(
          'RuntimeError',
          'Cannot use both regular backward hooks and full backward hooks as a global Module hook. Please use only one of them.',
        );
      }
      current.isFull = full;
      moduleModule.attrs.set('_global_is_full_backward_hook', full);
    }
    return addHook(current[kind], hook);
  });
}

/** `torch.nn.modules.module`: the global hook registrations (nn's index adds `Module`). */
export const moduleModule = new PyModule(
  'torch.nn.modules.module',
  new Map<string, unknown>([
    [
      'register_module_forward_pre_hook',
      register('forwardPre', 'register_module_forward_pre_hook'),
    ],
    ['register_module_forward_hook', register('forward', 'register_module_forward_hook')],
    ['register_module_backward_hook', register('backward', 'register_module_backward_hook', false)],
    [
      'register_module_full_backward_hook',
      register('backward', 'register_module_full_backward_hook', true),
    ],
  ]),
  file,
);

/**
 * Installs a run's global hooks (and shows its dicts as module.py's `_global_*` attributes);
 * returns the previous set so the run can restore it when it ends.
 */
export function setGlobalModuleHooks(next: GlobalModuleHooks): GlobalModuleHooks {
  const previous = current;
  current = next;
  moduleModule.attrs.set('_global_forward_pre_hooks', next.forwardPre);
  moduleModule.attrs.set('_global_forward_hooks', next.forward);
  moduleModule.attrs.set('_global_backward_hooks', next.backward);
  moduleModule.attrs.set('_global_is_full_backward_hook', next.isFull);
  return previous;
}
