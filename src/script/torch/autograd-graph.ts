/**
 * `torch.autograd.graph` for scripts: `saved_tensors_hooks(pack_hook, unpack_hook)` (a class a
 * script may subclass; `__enter__` pushes the pair its instance holds), `save_on_cpu(pin_memory)`
 * (its pack keeps `(tensor.device, tensor.cpu())`, or a copy with `pin_memory=True`, as 1.13's
 * graph.py does on a machine without CUDA) and `disable_saved_tensors_hooks(error_message)`; and
 * the SavedTensor object `grad_fn._raw_saved_<name>` gives, with `register_hooks`. The hooks run
 * in autograd/saved-hooks.ts; the tracebacks show graph.py's frames, read from PyTorch 1.13.
 */
import type {Node} from '../../../autograd/node.js';
import {
  popSavedTensorHooks,
  pushSavedTensorHooks,
  savedTensorHooksDisabledMessage,
  setSavedTensorHooksDisabled,
} from '../../../autograd/saved-hooks.js';
import type {SavedTensorHooks} from '../../../autograd/saved-hooks.js';
import {registerSavedHooks} from '../../../autograd/saved-attributes.js';
import {Tensor} from '../../../autograd/tensor.js';
import {late} from '../late.js';
import {callValue, isCallable} from '../call.js';
import {inLibrary, pyError} from '../errors.js';
import type {LibraryFrame} from '../errors.js';
import {PyClass, PyInstance, PyMethodDescriptor, objectClass, PyFunction} from '../objects.js';
import {pyRepr, typeName} from '../repr.js';
import {PyCallable, PyModule, PyOpaque, PyTuple} from '../values.js';
import {cpuDevice} from './device.js';

const MODULE = 'torch.autograd.graph';
const graphPy = '/usr/lib/python3/dist-packages/torch/autograd/graph.py';

const pushFrame: LibraryFrame = {
  file: graphPy,
  line: 71,
  name: '__enter__',
  source: 'torch._C._autograd._push_saved_tensors_default_hooks(self.pack_hook, self.unpack_hook)',
};
const contextlibEnterFrame: LibraryFrame = {
  file: '/usr/lib/python3.11/contextlib.py',
  line: 137,
  name: '__enter__',
  source: 'return next(self.gen)',
  carets: '       ^^^^^^^^^^^^^^',
};
const disableFrame: LibraryFrame = {
  file: graphPy,
  line: 161,
  name: 'disable_saved_tensors_hooks',
  source: 'torch._C._autograd._saved_tensors_hooks_disable(error_message)',
};

/** pybind11's TypeError for arguments that are not two functions. */
function incompatible(fn: string, self: string | null, args: readonly unknown[]): never {
  const selfType = self === null ? '' : `self: ${self}, `;
  throw pyError(
    'TypeError',
    `${fn}(): incompatible function arguments. The following argument types are supported:\n` +
      `    1. (${selfType}arg0: function, arg1: function) -> None\n\n` +
      `Invoked with: ${args.map((a) => pyRepr(a)).join(', ')}`,
  );
}

function functionName(f: unknown): string {
  if (f instanceof PyFunction || f instanceof PyCallable) return f.name;
  return typeName(f);
}

/** The script's pack/unpack functions as autograd's hooks (unpack must give a Tensor). */
function scriptHooks(pack: unknown, unpack: unknown): SavedTensorHooks {
  return {
    pack: (t) => callValue(pack, [t]),
    unpack: (packed) => {
      const r = callValue(unpack, [packed]);
      if (!(r instanceof Tensor)) {
        throw pyError(
          'TypeError',
          `Output of saved tensor unpack_hook expected to be a Tensor but got result of type ${typeName(r)}`,
        );
      }
      return r;
    },
    names: [functionName(pack), functionName(unpack)],
  };
}

function instanceOf(self: unknown): PyInstance {
  if (self instanceof PyInstance) return self;
  throw pyError('TypeError', `descriptor requires a 'saved_tensors_hooks' object`);
}

/** `torch.autograd.graph.saved_tensors_hooks`. */
const savedTensorsHooksClass = new PyClass(
  'saved_tensors_hooks',
  [objectClass],
  new Map<string, unknown>([
    [
      '__init__',
      new PyMethodDescriptor(
        '__init__',
        (self, args, kwargs) => {
          const pack = args[0] ?? kwargs.get('pack_hook');
          const unpack = args[1] ?? kwargs.get('unpack_hook');
          if (pack === undefined || unpack === undefined || args.length > 2) {
            throw pyError(
              'TypeError',
              `saved_tensors_hooks.__init__() missing 2 required positional arguments: 'pack_hook' and 'unpack_hook'`,
            );
          }
          const inst = instanceOf(self);
          inst.dict.set('pack_hook', pack);
          inst.dict.set('unpack_hook', unpack);
          return null;
        },
        'saved_tensors_hooks',
      ),
    ],
    [
      '__enter__',
      new PyMethodDescriptor(
        '__enter__',
        (self) => {
          const pack = late.getAttr(self, 'pack_hook');
          const unpack = late.getAttr(self, 'unpack_hook');
          inLibrary(pushFrame, () => {
            if (!isCallable(pack) || !isCallable(unpack)) {
              incompatible('_push_saved_tensors_default_hooks', null, [pack, unpack]);
            }
            pushSavedTensorHooks(scriptHooks(pack, unpack));
          });
          return null;
        },
        'saved_tensors_hooks',
      ),
    ],
    [
      '__exit__',
      new PyMethodDescriptor(
        '__exit__',
        () => {
          popSavedTensorHooks();
          return null;
        },
        'saved_tensors_hooks',
      ),
    ],
  ]),
  MODULE,
);

/** save_on_cpu's pack: `(tensor.device, tensor.cpu())`, or a fresh copy with pin_memory. */
function packToCpu(pinMemory: boolean): PyCallable {
  return new PyCallable('pack_to_cpu', (args) => {
    const t = args[0];
    if (!(t instanceof Tensor)) {
      throw pyError('AttributeError', `'${typeName(t)}' object has no attribute 'device'`);
    }
    // Without CUDA, `torch.empty(…, pin_memory=False).copy_(tensor)`: a copy on the CPU.
    const packed = pinMemory ? (callValue(late.getAttr(t, 'clone'), []) as Tensor) : t;
    return new PyTuple([cpuDevice(), packed]);
  });
}

/** save_on_cpu's unpack: `tensor.to(device)`, the same tensor on the CPU. */
const unpackFromCpu = new PyCallable('unpack_from_cpu', (args) => {
  const packed = args[0];
  if (!(packed instanceof PyTuple) || packed.items.length !== 2) {
    throw pyError('TypeError', `cannot unpack non-iterable ${typeName(packed)} object`);
  }
  return packed.items[1];
});

/** `torch.autograd.graph.save_on_cpu(pin_memory=False)`. */
const saveOnCpuClass = new PyClass(
  'save_on_cpu',
  [savedTensorsHooksClass],
  new Map<string, unknown>([
    [
      '__init__',
      new PyMethodDescriptor(
        '__init__',
        (self, args, kwargs) => {
          if (args.length > 1) {
            throw pyError(
              'TypeError',
              `save_on_cpu.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`,
            );
          }
          const pin = args[0] ?? kwargs.get('pin_memory') ?? false;
          const inst = instanceOf(self);
          inst.dict.set('pack_hook', packToCpu(late.truthy(pin)));
          inst.dict.set('unpack_hook', unpackFromCpu);
          return null;
        },
        'save_on_cpu',
      ),
    ],
  ]),
  MODULE,
);

/** The manager `disable_saved_tensors_hooks(message)` returns (a contextlib generator manager). */
const disableManagerClass = new PyClass(
  '_GeneratorContextManager',
  [objectClass],
  new Map<string, unknown>([
    [
      '__enter__',
      new PyMethodDescriptor('__enter__', (self) => {
        const state = (self as PyInstance).native as DisableState;
        state.previous = savedTensorHooksDisabledMessage();
        inLibrary(contextlibEnterFrame, () => {
          inLibrary(disableFrame, () => {
            setSavedTensorHooksDisabled(state.message);
          });
        });
        return null;
      }),
    ],
    [
      '__exit__',
      new PyMethodDescriptor('__exit__', (self) => {
        const state = (self as PyInstance).native as DisableState;
        setSavedTensorHooksDisabled(state.previous);
        return false;
      }),
    ],
  ]),
  'contextlib',
);

interface DisableState {
  readonly message: string;
  previous: string | null;
}

/** `torch.autograd.graph.disable_saved_tensors_hooks(error_message)`. */
const disableSavedTensorsHooks = new PyCallable('disable_saved_tensors_hooks', (args, kwargs) => {
  const message = args[0] ?? kwargs.get('error_message');
  if (message === undefined) {
    throw pyError(
      'TypeError',
      "disable_saved_tensors_hooks() missing 1 required positional argument: 'error_message'",
    );
  }
  const inst = new PyInstance(disableManagerClass);
  // pybind11 takes a str; anything else fails when the manager is entered, as it does there.
  inst.native = {message: typeof message === 'string' ? message : pyRepr(message), previous: null};
  return inst;
});

/** The `torch.autograd.graph` module. */
export function autogradGraphModule(): PyModule {
  return new PyModule(
    MODULE,
    new Map<string, unknown>([
      ['saved_tensors_hooks', savedTensorsHooksClass],
      ['save_on_cpu', saveOnCpuClass],
      ['disable_saved_tensors_hooks', disableSavedTensorsHooks],
    ]),
    graphPy,
  );
}

/** `torch._C._autograd.SavedTensor`: one saved tensor of a node (`grad_fn._raw_saved_<name>`). */
export class PySavedTensor extends PyOpaque {
  constructor(
    readonly node: Node,
    readonly name: string,
  ) {
    super('SavedTensor', 'torch._C._autograd.SavedTensor');
  }
}

/** `saved.register_hooks(pack_hook, unpack_hook)`. */
function registerHooks(saved: PySavedTensor, args: readonly unknown[]): null {
  if (args.length !== 2 || !isCallable(args[0]) || !isCallable(args[1])) {
    incompatible('register_hooks', 'torch._C._autograd.SavedTensor', [saved, ...args]);
  }
  registerSavedHooks(saved.node, saved.name, scriptHooks(args[0], args[1]));
  return null;
}

/** `saved.<name>`: only `register_hooks`. */
export function savedTensorAttribute(saved: PySavedTensor, name: string): unknown {
  if (name === 'register_hooks') {
    return new PyCallable('register_hooks', (args) => registerHooks(saved, args), {
      kind: 'method',
      self: saved,
      owner: 'SavedTensor',
    });
  }
  throw pyError(
    'AttributeError',
    `'torch._C._autograd.SavedTensor' object has no attribute '${name}'`,
  );
}
