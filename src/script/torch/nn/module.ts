/**
 * `torch.nn.Module` as PyTorch 1.13's module.py defines it, as a class scripts subclass: the
 * instance's `__dict__` holds `training`, `_parameters`, `_buffers`, `_modules` (OrderedDicts) and
 * the hook dicts, set by `Module.__init__`; `__setattr__` registers parameters, submodules and
 * buffers by PyTorch's rules and errors, `__getattr__` finds them; `__call__` runs `forward` as a
 * `module` group of the trace (`fc1: Linear`), naming the parameters it owns `fc1.weight`, ….
 */
import {legacyTypeName} from '../../../../autograd/dtype.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {genericSetAttr, instanceGetAttr} from '../../classes.js';
import {PyDict, PyOrderedDict, PySet} from '../../containers.js';
import {inLibrary, pyError, raiseIn} from '../../errors.js';
import {groupSink, withoutCallGroup} from '../../groups.js';
import {
  objectClass,
  PyBoundMethod,
  PyClass,
  PyInstance,
  PyMethodDescriptor,
} from '../../objects.js';
import {pyRepr, typeName} from '../../repr.js';
import type {Span} from '../../../trace/span.js';
import {PyTuple, type Kwargs} from '../../values.js';
import {bind, sig} from '../args.js';
import {isParameter} from '../parameter.js';
import {callWithHooks, hasModuleHooks} from './module-hooks.js';
import {callImplFrame, callImplHooksFrame, forwardUnimplementedFrame} from './sources.js';

/** Bound arguments of a method. */
export type MethodArgs = Map<string, unknown>;

/** A Python-level method of a TS class: bound with Python's messages (`Module.train() takes …`). */
export function pyMethod(
  owner: string,
  text: string,
  run: (self: PyInstance, a: MethodArgs, site: Span | null) => unknown,
): [string, PyMethodDescriptor] {
  const signature = {...sig(`${owner}.${text}`, 'python'), method: true};
  const name = signature.name.slice(owner.length + 1);
  return [
    name,
    new PyMethodDescriptor(
      name,
      (self, args, kwargs, site) => run(self as PyInstance, bind(signature, args, kwargs), site),
      owner,
    ),
  ];
}

/** `torch.typename(o)`: `torch.FloatTensor` for a tensor, `module.qualname` for others. */
export function torchTypename(v: unknown): string {
  if (v instanceof Tensor) return legacyTypeName(v.dtype);
  if (v instanceof PyInstance) {
    return v.cls.module === 'builtins' ? v.cls.qualname : `${v.cls.module}.${v.cls.qualname}`;
  }
  return typeName(v);
}

/** Is `v` an instance of nn.Module (or a subclass)? */
export function isModule(v: unknown): v is PyInstance {
  return v instanceof PyInstance && v.cls.isSubclassOf(moduleClass);
}

/** One of the module's OrderedDicts (`_parameters`, `_buffers`, `_modules`), null before `__init__`. */
export function moduleDict(m: PyInstance, key: string): PyDict | null {
  const d = m.dict.get(key);
  return d instanceof PyDict ? d : null;
}

function requireDict(m: PyInstance, key: string): PyDict {
  const d = moduleDict(m, key);
  if (d === null) {
    // What PyTorch's `self._parameters` raises before `Module.__init__` ran.
    throw pyError('AttributeError', `'${m.cls.name}' object has no attribute '${key}'`);
  }
  return d;
}

/** `hasattr(self, name)`. */
function hasAttr(m: PyInstance, name: string): boolean {
  try {
    instanceGetAttr(m, name);
    return true;
  } catch (e) {
    if (e instanceof Error && (e as {type?: string}).type === 'AttributeError') return false;
    throw e;
  }
}

function checkName(kind: string, name: unknown): string {
  if (typeof name !== 'string') {
    throw pyError('TypeError', `${kind} name should be a string. Got ${torchTypename(name)}`);
  }
  return name;
}

/** `Module.register_parameter(name, param)`. */
export function registerParameter(m: PyInstance, nameArg: unknown, param: unknown): void {
  if (moduleDict(m, '_parameters') === null) {
    throw pyError('AttributeError', 'cannot assign parameter before Module.__init__() call');
  }
  const name = checkName('parameter', nameArg);
  const params = requireDict(m, '_parameters');
  if (name.includes('.')) throw keyError('parameter name can\'t contain "."');
  if (name === '') throw keyError('parameter name can\'t be empty string ""');
  if (!params.has(name) && hasAttr(m, name)) throw keyError(`attribute '${name}' already exists`);
  if (param === null) {
    params.set(name, null);
    return;
  }
  if (!isParameter(param)) {
    throw pyError(
      'TypeError',
      `cannot assign '${torchTypename(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
    );
  }
  if ((param as Tensor).gradFn !== null) {
    throw pyError(
      'ValueError',
      `Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. To express '${name}' as a function of another Tensor, compute the value in the forward() method.`,
    );
  }
  params.set(name, param);
}

function keyError(message: string) {
  const e = pyError('KeyError', `'${message.replace(/'/g, "\\'")}'`);
  e.args = [message];
  return e;
}

/** `Module.register_buffer(name, tensor, persistent=True)`. */
export function registerBuffer(
  m: PyInstance,
  nameArg: unknown,
  tensor: unknown,
  persistent = true,
): void {
  if (moduleDict(m, '_buffers') === null) {
    throw pyError('AttributeError', 'cannot assign buffer before Module.__init__() call');
  }
  const name = checkName('buffer', nameArg);
  const buffers = requireDict(m, '_buffers');
  if (name.includes('.')) throw keyError('buffer name can\'t contain "."');
  if (name === '') throw keyError('buffer name can\'t be empty string ""');
  if (!buffers.has(name) && hasAttr(m, name)) throw keyError(`attribute '${name}' already exists`);
  if (tensor !== null && !(tensor instanceof Tensor)) {
    throw pyError(
      'TypeError',
      `cannot assign '${torchTypename(tensor)}' object to buffer '${name}' (torch Tensor or None required)`,
    );
  }
  buffers.set(name, tensor);
  const nonPersistent = m.dict.get('_non_persistent_buffers_set');
  if (nonPersistent instanceof PySet) {
    if (persistent) nonPersistent.discard(name);
    else nonPersistent.add(name);
  }
}

/** `Module.add_module(name, module)`. */
export function addModule(m: PyInstance, nameArg: unknown, module: unknown): void {
  if (!isModule(module) && module !== null) {
    throw pyError('TypeError', `${torchTypename(module)} is not a Module subclass`);
  }
  if (typeof nameArg !== 'string') {
    throw pyError('TypeError', `module name should be a string. Got ${torchTypename(nameArg)}`);
  }
  const modules = requireDict(m, '_modules');
  if (!modules.has(nameArg) && hasAttr(m, nameArg)) {
    throw keyError(`attribute '${nameArg}' already exists`);
  }
  if (nameArg.includes('.')) throw keyError(`module name can't contain ".", got: ${nameArg}`);
  if (nameArg === '') throw keyError('module name can\'t be empty string ""');
  modules.set(nameArg, module);
}

function removeFrom(m: PyInstance, name: string, keys: readonly string[]): void {
  for (const key of keys) {
    if (key === '__dict__') m.dict.delete(name);
    else if (key === '_non_persistent_buffers_set') {
      const s = m.dict.get(key);
      if (s instanceof PySet) s.discard(name);
    } else moduleDict(m, key)?.delete(name);
  }
}

/** `Module.__setattr__`: PyTorch's rules for parameters, submodules and buffers. */
function setAttr(m: PyInstance, name: string, value: unknown): void {
  const params = moduleDict(m, '_parameters');
  if (isParameter(value)) {
    if (params === null) {
      throw pyError('AttributeError', 'cannot assign parameters before Module.__init__() call');
    }
    removeFrom(m, name, ['__dict__', '_buffers', '_modules', '_non_persistent_buffers_set']);
    registerParameter(m, name, value);
    return;
  }
  if (params !== null && params.has(name)) {
    if (value !== null) {
      throw pyError(
        'TypeError',
        `cannot assign '${torchTypename(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`,
      );
    }
    registerParameter(m, name, value);
    return;
  }
  const modules = moduleDict(m, '_modules');
  if (isModule(value)) {
    if (modules === null) {
      throw pyError('AttributeError', 'cannot assign module before Module.__init__() call');
    }
    removeFrom(m, name, ['__dict__', '_parameters', '_buffers', '_non_persistent_buffers_set']);
    modules.set(name, value);
    return;
  }
  if (modules !== null && modules.has(name)) {
    if (value !== null) {
      throw pyError(
        'TypeError',
        `cannot assign '${torchTypename(value)}' as child module '${name}' (torch.nn.Module or None expected)`,
      );
    }
    modules.set(name, value);
    return;
  }
  const buffers = moduleDict(m, '_buffers');
  if (buffers !== null && buffers.has(name)) {
    if (value !== null && !(value instanceof Tensor)) {
      throw pyError(
        'TypeError',
        `cannot assign '${torchTypename(value)}' as buffer '${name}' (torch.Tensor or None expected)`,
      );
    }
    buffers.set(name, value);
    return;
  }
  genericSetAttr(m, name, value);
}

/** `Module.__getattr__`: a parameter, buffer or submodule by name. */
function getAttr(m: PyInstance, name: string): unknown {
  for (const key of ['_parameters', '_buffers', '_modules']) {
    const d = moduleDict(m, key);
    if (d !== null && d.has(name)) return d.get(name);
  }
  throw pyError('AttributeError', `'${m.cls.name}' object has no attribute '${name}'`);
}

/** `Module.__delattr__`. */
function delAttr(m: PyInstance, name: string): void {
  for (const key of ['_parameters', '_buffers', '_modules']) {
    const d = moduleDict(m, key);
    if (d !== null && d.has(name)) {
      d.delete(name);
      if (key === '_buffers') removeFrom(m, name, ['_non_persistent_buffers_set']);
      return;
    }
  }
  if (!m.dict.delete(name)) {
    throw pyError('AttributeError', `'${m.cls.name}' object has no attribute '${name}'`);
  }
}

/** The child modules by name (None entries included), in registration order. */
export function childEntries(m: PyInstance): [string, PyInstance | null][] {
  const d = moduleDict(m, '_modules');
  if (d === null) return [];
  return d.items().map(([k, v]) => [k as string, isModule(v) ? v : null]);
}

/** `named_modules(prefix)`: the module and every descendant once, depth first. */
export function namedModules(
  m: PyInstance,
  prefix = '',
  memo: Set<PyInstance> = new Set(),
  removeDuplicate = true,
): [string, PyInstance][] {
  if (removeDuplicate && memo.has(m)) return [];
  if (removeDuplicate) memo.add(m);
  const out: [string, PyInstance][] = [[prefix, m]];
  for (const [name, child] of childEntries(m)) {
    if (child === null) continue;
    const sub = prefix ? `${prefix}.${name}` : name;
    out.push(...namedModules(child, sub, memo, removeDuplicate));
  }
  return out;
}

/** `_named_members` over `_parameters` or `_buffers`: each tensor once, with its dotted name. */
export function namedMembers(
  m: PyInstance,
  key: '_parameters' | '_buffers',
  prefix = '',
  recurse = true,
): [string, Tensor][] {
  const seen = new Set<Tensor>();
  const out: [string, Tensor][] = [];
  const modules = recurse ? namedModules(m, prefix) : [[prefix, m] as [string, PyInstance]];
  for (const [modulePrefix, module] of modules) {
    for (const [k, v] of moduleDict(module, key)?.items() ?? []) {
      if (!(v instanceof Tensor) || seen.has(v)) continue;
      seen.add(v);
      out.push([modulePrefix ? `${modulePrefix}.${k as string}` : (k as string), v]);
    }
  }
  return out;
}

/** Every parameter of `m` and its submodules, once each, in `parameters()` order. */
export function moduleParameters(m: PyInstance): Tensor[] {
  return namedMembers(m, '_parameters').map(([, p]) => p);
}

// ── module calls as groups of the trace ─────────────────────────────────────────────────────

/** The module calls running now, outermost first, with their path from the outermost one. */
const running: {module: PyInstance; path: string}[] = [];

/** The attribute name and the dotted path a module call is known by (as the exporter names it). */
function callName(m: PyInstance): {name: string; path: string} {
  const parent = running.at(-1);
  if (parent) {
    for (const [n, child] of childEntries(parent.module)) {
      if (child === m) return {name: n, path: parent.path ? `${parent.path}.${n}` : n};
    }
    const root = running[0] as {module: PyInstance};
    for (const [n, child] of namedModules(root.module)) {
      if (child === m && n) return {name: n.split('.').pop() ?? n, path: n};
    }
  }
  return {name: groupSink()?.nameOf(m) ?? '', path: ''};
}

/** `Module.__call__`: `forward(*args, **kwargs)` as a module group of the trace. */
export function callModule(
  m: PyInstance,
  args: readonly unknown[],
  kwargs: Kwargs,
  site: Span | null,
): unknown {
  const forward = instanceGetAttr(m, 'forward');
  const sink = groupSink();
  let id: number | null = null;
  const {name, path} = sink ? callName(m) : {name: '', path: ''};
  if (sink) {
    const parameters: {name: string; tensorId: number}[] = [];
    for (const [n, p] of namedMembers(m, '_parameters', '', false)) {
      sink.named(path ? `${path}.${n}` : n, p, site);
      parameters.push({name: n, tensorId: p.id});
    }
    const className = m.cls.name;
    id = sink.started({
      kind: 'module',
      name: name ? `${name}: ${className}` : className,
      span: site,
      className,
      parameters,
    });
  }
  running.push({module: m, path});
  try {
    const fn = forward instanceof PyBoundMethod ? forward.func : forward;
    const hooked = hasModuleHooks(m);
    const frame = hooked ? callImplHooksFrame : callImplFrame;
    const run = (a: readonly unknown[], k: Kwargs) =>
      inLibrary(frame, () => withoutCallGroup(fn, () => callValue(forward, a, k, site)));
    return hooked ? callWithHooks(m, args, kwargs, run) : run(args, kwargs);
  } finally {
    running.pop();
    if (sink && id !== null) sink.ended(id);
  }
}

// ── repr ────────────────────────────────────────────────────────────────────────────────────

function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const [first, ...rest] = lines;
  return [first, ...rest.map((l) => ' '.repeat(spaces) + l)].join('\n');
}

/** `Module.__repr__`: the class name, `extra_repr()`, and each child indented. */
export function moduleRepr(m: PyInstance): string {
  const extra = callValue(instanceGetAttr(m, 'extra_repr'));
  if (typeof extra !== 'string') {
    throw pyError('AttributeError', `'${typeName(extra)}' object has no attribute 'split'`);
  }
  const extraLines = extra ? extra.split('\n') : [];
  const childLines = (moduleDict(m, '_modules')?.items() ?? []).map(
    ([k, v]) => `(${String(k)}): ${addIndent(pyRepr(v), 2)}`,
  );
  const lines = [...extraLines, ...childLines];
  let main = `${String(callValue(instanceGetAttr(m, '_get_name')))}(`;
  if (lines.length) {
    if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0] ?? '';
    else main += `\n  ${lines.join('\n  ')}\n`;
  }
  return `${main})`;
}

// ── the class ───────────────────────────────────────────────────────────────────────────────

const hookDicts = [
  '_backward_hooks',
  '_forward_hooks',
  '_forward_pre_hooks',
  '_state_dict_hooks',
  '_load_state_dict_pre_hooks',
  '_load_state_dict_post_hooks',
];

/** `Module.__init__`: the instance dict PyTorch's `__init__` sets, in its order. */
export function initModule(m: PyInstance): void {
  m.dict.set('training', true);
  m.dict.set('_parameters', new PyOrderedDict());
  m.dict.set('_buffers', new PyOrderedDict());
  m.dict.set('_non_persistent_buffers_set', new PySet());
  m.dict.set('_backward_hooks', new PyOrderedDict());
  m.dict.set('_is_full_backward_hook', null);
  for (const key of hookDicts.slice(1)) m.dict.set(key, new PyOrderedDict());
  m.dict.set('_modules', new PyOrderedDict());
}

const methods = new Map<string, unknown>([
  pyMethod('Module', '__init__()', (self) => {
    initModule(self);
    return null;
  }),
  [
    '__setattr__',
    new PyMethodDescriptor(
      '__setattr__',
      (self, args) => {
        const [name, value] = args;
        if (typeof name !== 'string') {
          throw pyError('TypeError', `attribute name must be string, not '${typeName(name)}'`);
        }
        setAttr(self as PyInstance, name, value);
        return null;
      },
      'Module',
    ),
  ],
  [
    '__getattr__',
    new PyMethodDescriptor('__getattr__', (self, args) =>
      getAttr(self as PyInstance, String(args[0])),
    ),
  ],
  [
    '__delattr__',
    new PyMethodDescriptor('__delattr__', (self, args) => {
      delAttr(self as PyInstance, String(args[0]));
      return null;
    }),
  ],
  [
    '__call__',
    new PyMethodDescriptor(
      '__call__',
      (self, args, kwargs, site) => callModule(self as PyInstance, args, kwargs, site),
      'Module',
    ),
  ],
  [
    'forward',
    new PyMethodDescriptor(
      'forward',
      (self) =>
        raiseIn(
          forwardUnimplementedFrame,
          'NotImplementedError',
          `Module [${(self as PyInstance).cls.name}] is missing the required "forward" function`,
        ),
      'Module',
    ),
  ],
  ['__repr__', new PyMethodDescriptor('__repr__', (self) => moduleRepr(self as PyInstance))],
  pyMethod('Module', 'extra_repr()', () => ''),
  pyMethod('Module', '_get_name()', (self) => self.cls.name),
]);

/** `torch.nn.Module`. */
export const moduleClass = new PyClass(
  'Module',
  [objectClass],
  methods,
  'torch.nn.modules.module',
  'Module',
);

/** Adds methods to nn.Module's class dict (the other files of the module's API). */
export function addModuleMethods(entries: Iterable<[string, unknown]>): void {
  for (const [k, v] of entries) moduleClass.dict.set(k, v);
}

/** A TS-defined subclass of nn.Module (`Linear`, `ReLU`, …) in the module `module`. */
export function moduleSubclass(
  name: string,
  module: string,
  dict: Iterable<[string, unknown]>,
  base: PyClass = moduleClass,
): PyClass {
  return new PyClass(name, [base], new Map(dict), module, name);
}

/** A tuple of strings, for messages. */
export function tupleOf(items: readonly unknown[]): PyTuple {
  return new PyTuple(items);
}
