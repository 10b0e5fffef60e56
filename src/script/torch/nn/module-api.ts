/**
 * nn.Module's methods beyond attribute handling and calls: the iterators over parameters,
 * buffers and submodules (generators, as PyTorch's are), train/eval, requires_grad_, zero_grad
 * (1.13's default keeps the zeroed `.grad`), state_dict/load_state_dict, apply, to/cpu.
 */
import {noGrad} from '../../../../autograd/gradmode.js';
import {zero_} from '../../../../autograd/ops/inplace.js';
import {toDType} from '../../../../autograd/ops/convert.js';
import {detach, writeStrided} from '../../../../autograd/ops/views.js';
import type {DType} from '../../../../autograd/dtype.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {PyDict, PyOrderedDict, PyRecord, PySet} from '../../containers.js';
import {pyError} from '../../errors.js';
import {PyMethodDescriptor, type PyInstance} from '../../objects.js';
import {instanceGetAttr} from '../../classes.js';
import {pyStr, typeName} from '../../repr.js';
import {PyIterator, PyList, PyTuple, TorchDtype, TorchSize} from '../../values.js';
import {
  addModule,
  addModuleMethods,
  childEntries,
  moduleDict,
  namedMembers,
  namedModules,
  pyMethod,
  type MethodArgs,
  registerBuffer,
  registerParameter,
} from './module.js';
import {addHook} from './global-hooks.js';
import {hookDict, setBackwardKind} from './module-hooks.js';

function generator(qualname: string, items: readonly unknown[]): PyIterator {
  return new PyIterator('generator', items, null, qualname);
}

function pairs(items: readonly [string, unknown][]): PyTuple[] {
  return items.map(([k, v]) => new PyTuple([k, v]));
}

function bool(v: unknown, fallback: boolean): boolean {
  return v === null || v === undefined ? fallback : v === true || (v !== false && v !== 0n);
}

function train(m: PyInstance, mode: unknown): PyInstance {
  if (typeof mode !== 'boolean') {
    throw pyError('ValueError', 'training mode is expected to be boolean');
  }
  m.dict.set('training', mode);
  for (const [, child] of childEntries(m)) {
    if (child !== null) callValue(modelMethod(child, 'train'), [mode]);
  }
  return m;
}

/** `child.name` as a bound method (a subclass may override it). */
function modelMethod(m: PyInstance, name: string): unknown {
  return instanceGetAttr(m, name);
}

/** `_save_to_state_dict` for every module, depth first, into `into`. */
function stateDict(m: PyInstance, into: PyDict, prefix: string, keepVars: boolean): void {
  const nonPersistent = m.dict.get('_non_persistent_buffers_set');
  for (const [k, v] of moduleDict(m, '_parameters')?.items() ?? []) {
    if (v instanceof Tensor) into.set(prefix + String(k), keepVars ? v : detach(v));
  }
  for (const [k, v] of moduleDict(m, '_buffers')?.items() ?? []) {
    if (!(v instanceof Tensor)) continue;
    if (nonPersistent instanceof PySet && nonPersistent.has(k)) continue;
    into.set(prefix + String(k), keepVars ? v : detach(v));
  }
  for (const [name, child] of childEntries(m)) {
    if (child !== null) stateDict(child, into, `${prefix}${name}.`, keepVars);
  }
}

/** The keys a load did not find, or did not expect: `_IncompatibleKeys`. */
function incompatibleKeys(missing: string[], unexpected: string[]): PyRecord {
  const keys = new PyRecord(
    null,
    '_IncompatibleKeys',
    ['missing_keys', 'unexpected_keys'],
    [new PyList(missing), new PyList(unexpected)],
  );
  keys.customRepr = () =>
    missing.length === 0 && unexpected.length === 0 ? '<All keys matched successfully>' : null;
  return keys;
}

function loadStateDict(m: PyInstance, source: unknown, strict: boolean): PyRecord {
  if (!(source instanceof PyDict)) {
    throw pyError(
      'TypeError',
      `Expected state_dict to be dict-like, got <class '${typeName(source)}'>.`,
    );
  }
  const missing: string[] = [];
  const unexpected: string[] = [];
  const errors: string[] = [];
  const load = (module: PyInstance, local: [string, unknown][], prefix: string) => {
    const nonPersistent = module.dict.get('_non_persistent_buffers_set');
    const localState = new Map<string, Tensor>();
    for (const [k, v] of moduleDict(module, '_parameters')?.items() ?? []) {
      if (v instanceof Tensor) localState.set(String(k), v);
    }
    for (const [k, v] of moduleDict(module, '_buffers')?.items() ?? []) {
      if (v instanceof Tensor && !(nonPersistent instanceof PySet && nonPersistent.has(k))) {
        localState.set(String(k), v);
      }
    }
    const given = new Map(local);
    for (const [name, param] of localState) {
      const key = prefix + name;
      if (!given.has(key)) {
        // PyTorch's load() passes strict=True to every module: the keys are always collected.
        missing.push(key);
        continue;
      }
      const given0 = given.get(key);
      if (!(given0 instanceof Tensor)) {
        errors.push(
          `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received <class '${typeName(given0)}'>`,
        );
        continue;
      }
      const input: Tensor =
        param.shape.length === 0 && given0.shape.length === 1 ? given0.select(0, 0) : given0;
      if (input.shape.join() !== param.shape.join() || input.dim() !== param.dim()) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${pyStr(new TorchSize(input.shape))} from checkpoint, the shape in the current model is ${pyStr(new TorchSize(param.shape))}.`.replace(
            'in the current',
            'in current',
          ),
        );
        continue;
      }
      const from = input;
      noGrad(() => {
        const src = from.to(param.dtype).contiguous();
        writeStrided(param, src.data.subarray(src.offset, src.offset + src.numel()));
        param.version.value++;
      });
    }
    const children = moduleDict(module, '_modules');
    for (const [key] of local) {
      if (!key.startsWith(prefix)) continue;
      const inputName = key.slice(prefix.length).split('.')[0] ?? '';
      if (!(children?.has(inputName) ?? false) && !localState.has(inputName)) unexpected.push(key);
    }
    for (const [name, child] of childEntries(module)) {
      if (child === null) continue;
      const childPrefix = `${prefix}${name}.`;
      load(
        child,
        local.filter(([k]) => k.startsWith(childPrefix)),
        childPrefix,
      );
    }
  };
  load(
    m,
    source.items().map(([k, v]) => [String(k), v]),
    '',
  );
  if (strict) {
    if (unexpected.length) {
      errors.unshift(
        `Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `,
      );
    }
    if (missing.length) {
      errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
    }
  }
  if (errors.length) {
    throw pyError(
      'RuntimeError',
      `Error(s) in loading state_dict for ${m.cls.name}:\n\t${errors.join('\n\t')}`,
    );
  }
  return incompatibleKeys(missing, unexpected);
}

function zeroGrad(m: PyInstance, setToNone: boolean): void {
  for (const [, p] of namedMembers(m, '_parameters')) {
    const g = p.grad;
    if (g === null) continue;
    if (setToNone) {
      p.grad = null;
      continue;
    }
    if (g.gradFn !== null) g.detach_();
    else g.requiresGrad = false;
    zero_(g);
  }
}

/**
 * `module.to(...)`/`cpu()`/`float()`/`double()`: the device is always the CPU; a dtype converts
 * every floating-point parameter and its grad in place (`param.data = fn(param)`, so they stay
 * the same objects, as in PyTorch 1.13) and replaces each floating-point buffer.
 */
function moveTo(m: PyInstance, args: readonly unknown[]): PyInstance {
  const dtype = args.find((a): a is TorchDtype => a instanceof TorchDtype);
  if (!dtype) return m;
  const target = dtype.name as DType;
  const convert = (t: Tensor) => noGrad(() => toDType(t, target, true));
  for (const [, module] of namedModules(m, '')) {
    for (const [, p] of namedMembers(module, '_parameters', '', false)) {
      if (!p.isFloatingPoint() || p.dtype === target) continue;
      p.setData(convert(p));
      if (p.grad !== null) p.grad.setData(convert(p.grad));
    }
    const buffers = moduleDict(module, '_buffers');
    for (const [k, b] of buffers?.items() ?? []) {
      if (b instanceof Tensor && b.isFloatingPoint() && b.dtype !== target) {
        buffers?.set(k, convert(b));
      }
    }
  }
  return m;
}

const api: [string, unknown][] = [
  pyMethod('Module', 'register_parameter(any name, any param)', (self, a) => {
    registerParameter(self, a.get('name'), a.get('param'));
    return null;
  }),
  pyMethod('Module', 'register_buffer(any name, any tensor, any persistent=True)', (self, a) => {
    registerBuffer(self, a.get('name'), a.get('tensor'), bool(a.get('persistent'), true));
    return null;
  }),
  pyMethod('Module', 'add_module(any name, any module)', (self, a) => {
    addModule(self, a.get('name'), a.get('module'));
    return null;
  }),
  pyMethod('Module', 'register_module(any name, any module)', (self, a) => {
    addModule(self, a.get('name'), a.get('module'));
    return null;
  }),
  pyMethod('Module', 'parameters(any recurse=True)', (self, a) =>
    generator(
      'Module.parameters',
      namedMembers(self, '_parameters', '', bool(a.get('recurse'), true)).map(([, p]) => p),
    ),
  ),
  pyMethod('Module', "named_parameters(any prefix='', any recurse=True)", (self, a) =>
    generator(
      'Module.named_parameters',
      pairs(
        namedMembers(self, '_parameters', String(a.get('prefix')), bool(a.get('recurse'), true)),
      ),
    ),
  ),
  pyMethod('Module', 'buffers(any recurse=True)', (self, a) =>
    generator(
      'Module.buffers',
      namedMembers(self, '_buffers', '', bool(a.get('recurse'), true)).map(([, p]) => p),
    ),
  ),
  pyMethod('Module', "named_buffers(any prefix='', any recurse=True)", (self, a) =>
    generator(
      'Module.named_buffers',
      pairs(namedMembers(self, '_buffers', String(a.get('prefix')), bool(a.get('recurse'), true))),
    ),
  ),
  pyMethod('Module', 'children()', (self) => {
    const seen = new Set<PyInstance>();
    const out: PyInstance[] = [];
    for (const [, c] of childEntries(self)) {
      if (c !== null && !seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
    return generator('Module.children', out);
  }),
  pyMethod('Module', 'named_children()', (self) => {
    const seen = new Set<PyInstance>();
    const out: [string, unknown][] = [];
    for (const [n, c] of childEntries(self)) {
      if (c !== null && !seen.has(c)) {
        seen.add(c);
        out.push([n, c]);
      }
    }
    return generator('Module.named_children', pairs(out));
  }),
  pyMethod('Module', 'modules()', (self) =>
    generator(
      'Module.modules',
      namedModules(self).map(([, m]) => m),
    ),
  ),
  pyMethod(
    'Module',
    "named_modules(any memo=None, any prefix='', any remove_duplicate=True)",
    (self, a) =>
      generator(
        'Module.named_modules',
        pairs(
          namedModules(
            self,
            String(a.get('prefix')),
            new Set(),
            bool(a.get('remove_duplicate'), true),
          ),
        ),
      ),
  ),
  pyMethod('Module', 'train(any mode=True)', (self, a) => train(self, a.get('mode'))),
  pyMethod('Module', 'eval()', (self) => callValue(modelMethod(self, 'train'), [false])),
  pyMethod('Module', 'requires_grad_(any requires_grad=True)', (self, a) => {
    const flag = a.get('requires_grad');
    for (const [, p] of namedMembers(self, '_parameters')) {
      if (typeof flag !== 'boolean') {
        throw pyError(
          'TypeError',
          `requires_grad_(): argument 'requires_grad' (position 1) must be bool, not ${typeName(flag)}`,
        );
      }
      p.requiresGrad = flag;
    }
    return self;
  }),
  pyMethod('Module', 'zero_grad(any set_to_none=False)', (self, a) => {
    zeroGrad(self, bool(a.get('set_to_none'), false));
    return null;
  }),
  pyMethod(
    'Module',
    "state_dict(*, any destination=None, any prefix='', any keep_vars=False)",
    (self, a) => {
      const dest = a.get('destination');
      const into = dest instanceof PyDict ? dest : new PyOrderedDict();
      stateDict(self, into, String(a.get('prefix')), bool(a.get('keep_vars'), false));
      return into;
    },
  ),
  pyMethod('Module', 'load_state_dict(any state_dict, any strict=True)', (self, a) =>
    loadStateDict(self, a.get('state_dict'), bool(a.get('strict'), true)),
  ),
  pyMethod('Module', 'apply(any fn)', (self, a) => {
    const fn = a.get('fn');
    const visit = (m: PyInstance) => {
      for (const [, c] of childEntries(m)) if (c !== null) visit(c);
      callValue(fn, [m]);
    };
    visit(self);
    return self;
  }),
  pyMethod('Module', 'cpu()', (self) => self),
  pyMethod('Module', 'float()', (self) => moveTo(self, [TorchDtype.of('float32')])),
  pyMethod('Module', 'double()', (self) => moveTo(self, [TorchDtype.of('float64')])),
  [
    'to',
    new PyMethodDescriptor(
      'to',
      (self, args, kwargs) => moveTo(self as PyInstance, [...args, ...kwargs.values()]),
      'Module',
    ),
  ],
];

/** The registration methods nn.Module gets. */
const hookMethods: [string, unknown][] = [
  pyMethod('Module', 'register_forward_pre_hook(any hook)', (self, a: MethodArgs) =>
    addHook(hookDict(self, '_forward_pre_hooks'), a.get('hook')),
  ),
  pyMethod('Module', 'register_forward_hook(any hook)', (self, a: MethodArgs) =>
    addHook(hookDict(self, '_forward_hooks'), a.get('hook')),
  ),
  pyMethod('Module', 'register_backward_hook(any hook)', (self, a: MethodArgs) => {
    setBackwardKind(self, false);
    return addHook(hookDict(self, '_backward_hooks'), a.get('hook'));
  }),
  pyMethod('Module', 'register_full_backward_hook(any hook)', (self, a: MethodArgs) => {
    setBackwardKind(self, true);
    return addHook(hookDict(self, '_backward_hooks'), a.get('hook'));
  }),
];

let installed = false;

/**
 * Puts these methods in nn.Module's class dict (once). Called by `nnModules`, not at import: a
 * bare side-effect import is dropped by the bundler (package.json's `sideEffects`).
 */
export function installModuleApi(): void {
  if (installed) return;
  installed = true;
  addModuleMethods(api);
  addModuleMethods(hookMethods);
}
