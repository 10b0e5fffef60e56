/**
 * `torch.optim.Optimizer`, as PyTorch 1.13's optimizer.py writes it: `param_groups` (a list of
 * dicts the script may read and change, `optimizer.param_groups[0]['lr'] = 0.01`), `defaults`,
 * `state` (a defaultdict keyed by parameter), `add_param_group`, `zero_grad(set_to_none=False)`,
 * `state_dict()` and the repr PyTorch prints. Each optimizer (algorithms.ts) is a subclass whose
 * `step` reads its hyperparameters from the groups at every call, as PyTorch's do; a script class
 * may subclass any of them.
 */
import {legacyTypeName} from '../../../../autograd/dtype.js';
import {isGradEnabled, setGradEnabled} from '../../../../autograd/gradmode.js';
import {zero_} from '../../../../autograd/ops/inplace.js';
import {Tensor} from '../../../../autograd/tensor.js';
import {callValue} from '../../call.js';
import {PyDefaultDict, PyDict, PySet} from '../../containers.js';
import {inLibrary, pyError, raiseIn} from '../../errors.js';
import {inGroup} from '../../groups.js';
import {late} from '../../late.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor} from '../../objects.js';
import {pyRepr, pyStr, typeName} from '../../repr.js';
import {PyCallable, PyList, type Kwargs} from '../../values.js';
import {bind, sig} from '../args.js';
import {site} from './sources.js';

/** `torch.optim.optimizer.required`: the default of a hyperparameter the caller must give. */
export const required = new PyInstance(
  new PyClass(
    '_RequiredParameter',
    [objectClass],
    new Map<string, unknown>([
      [
        '__repr__',
        new PyMethodDescriptor('__repr__', () => '<required parameter>', '_RequiredParameter'),
      ],
    ]),
    'torch.optim.optimizer',
  ),
);

/** `torch.typename(obj)`: `torch.FloatTensor` for a tensor, the qualified class name otherwise. */
export function torchTypename(v: unknown): string {
  if (v instanceof Tensor) return legacyTypeName(v.dtype);
  if (v instanceof PyInstance) {
    return v.cls.module === 'builtins' ? v.cls.qualname : `${v.cls.module}.${v.cls.qualname}`;
  }
  return typeName(v);
}

/** `raise Type(message)` where PyTorch's optimizer code raises it (its frame in the traceback). */
export function raiseAt(key: string, type: string, message: string): never {
  const frame = site(key);
  if (frame) raiseIn(frame, type, message);
  throw pyError(type, message);
}

/** Runs `body` as the PyTorch code line `key` (a call whose errors pass through that frame). */
export function within<T>(key: string, body: () => T): T {
  const frame = site(key);
  return frame ? inLibrary(frame, body) : body();
}

/** A hyperparameter as a JS number (Python int, float or bool; a one-element tensor's item). */
export function num(v: unknown, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Tensor && v.numel() === 1) return Number(v.item());
  throw pyError('TypeError', `the optimizer's ${what} must be a number, not ${typeName(v)}`);
}

/** Python's `x < 0.0` for a hyperparameter check (a non-number raises as Python would). */
export function lessThanZero(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return num(v) < 0;
  if (v instanceof Tensor && v.numel() === 1) return num(v) < 0;
  throw pyError('TypeError', `'<' not supported between instances of '${typeName(v)}' and 'float'`);
}

/** The dict defining the instance's state: `self.param_groups`, `self.state`, `self.defaults`. */
export function attr(self: unknown, name: string): unknown {
  if (!(self instanceof PyInstance)) throw pyError('TypeError', `descriptor needs an Optimizer`);
  const v = self.dict.get(name);
  if (v === undefined) {
    throw pyError('AttributeError', `'${self.cls.name}' object has no attribute '${name}'`);
  }
  return v;
}

/** The parameter groups (each a dict with 'params' and the hyperparameters). */
export function groupsOf(self: unknown): PyDict[] {
  const groups = attr(self, 'param_groups');
  return late.iterate(groups).map((g) => {
    if (!(g instanceof PyDict)) throw pyError('TypeError', 'param group must be a dict');
    return g;
  });
}

/** A group's value for `key` (KeyError as Python raises it when missing). */
export function groupValue(group: PyDict, key: string): unknown {
  const v = group.get(key);
  if (v === undefined) throw pyError('KeyError', pyRepr(key));
  return v;
}

/** The group's parameters that have a gradient, each with it (`if p.grad is not None`). */
export function withGrads(group: PyDict): {params: Tensor[]; grads: Tensor[]} {
  const params: Tensor[] = [];
  const grads: Tensor[] = [];
  for (const p of late.iterate(groupValue(group, 'params'))) {
    if (p instanceof Tensor && p.grad !== null) {
      params.push(p);
      grads.push(p.grad);
    }
  }
  return {params, grads};
}

/** `self.state[p]`: the parameter's state dict, made empty on first use (defaultdict(dict)). */
export function stateOf(self: unknown, p: Tensor): PyDict {
  const state = attr(self, 'state');
  if (!(state instanceof PyDict)) throw pyError('TypeError', "'state' must be a dict");
  const known = state.get(p);
  if (known instanceof PyDict) return known;
  if (known !== undefined) throw pyError('TypeError', 'optimizer state must hold dicts');
  const fresh = new PyDict();
  state.set(p, fresh);
  return fresh;
}

const dictType = new PyCallable('dict', () => new PyDict(), {kind: 'type'});

/** `Optimizer.add_param_group(param_group)`, with PyTorch's checks and defaults filled in. */
function addParamGroup(self: unknown, group: unknown): void {
  if (!(group instanceof PyDict))
    raiseAt('optimizer.add.dict', 'AssertionError', 'param group must be a dict');
  const given = group.get('params');
  if (given === undefined) throw pyError('KeyError', "'params'");
  let params: unknown[];
  if (given instanceof Tensor) params = [given];
  else if (given instanceof PySet) {
    raiseAt(
      'optimizer.add.set',
      'TypeError',
      'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
    );
  } else params = late.iterate(given);
  group.set('params', new PyList(params));
  const defaults = attr(self, 'defaults');
  if (!(defaults instanceof PyDict)) throw pyError('TypeError', "'defaults' must be a dict");
  for (const p of params) {
    if (!(p instanceof Tensor)) {
      raiseAt(
        'optimizer.add.tensor',
        'TypeError',
        `optimizer can only optimize Tensors, but one of the params is ${torchTypename(p)}`,
      );
    }
    const differentiable = defaults.get('differentiable');
    if (!(differentiable === true) && !(p.isLeaf || p.retainsGrad)) {
      raiseAt('optimizer.add.leaf', 'ValueError', "can't optimize a non-leaf Tensor");
    }
  }
  for (const [name, value] of defaults.items()) {
    if (value === required && !group.has(name)) {
      raiseAt(
        'optimizer.add.required',
        'ValueError',
        `parameter group didn't specify a value of required optimization parameter ${pyStr(name)}`,
      );
    }
    if (!group.has(name)) group.set(name, value);
  }
  const seen = new Set<Tensor>();
  const groups = attr(self, 'param_groups');
  for (const g of late.iterate(groups)) {
    if (!(g instanceof PyDict)) continue;
    for (const p of late.iterate(g.get('params') ?? new PyList([]))) {
      if (p instanceof Tensor) seen.add(p);
    }
  }
  if (params.some((p) => seen.has(p as Tensor))) {
    raiseAt(
      'optimizer.add.overlap',
      'ValueError',
      'some parameters appear in more than one parameter group',
    );
  }
  if (!(groups instanceof PyList)) throw pyError('TypeError', "'param_groups' must be a list");
  groups.items.push(group);
}

/** `Optimizer.__init__(params, defaults)`. */
function init(self: unknown, params: unknown, defaults: unknown): void {
  if (!(self instanceof PyInstance)) throw pyError('TypeError', 'Optimizer.__init__ needs self');
  self.dict.set('defaults', defaults);
  if (params instanceof Tensor) {
    raiseAt(
      'optimizer.init.tensor',
      'TypeError',
      `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${torchTypename(params)}`,
    );
  }
  self.dict.set('state', new PyDefaultDict(dictType));
  self.dict.set('param_groups', new PyList([]));
  let groups = late.iterate(params);
  if (groups.length === 0)
    raiseAt('optimizer.init.empty', 'ValueError', 'optimizer got an empty parameter list');
  if (!(groups[0] instanceof PyDict)) groups = [new PyDict([['params', new PyList(groups)]])];
  for (const g of groups)
    within('optimizer.init.add', () => {
      addParamGroup(self, g);
    });
}

/** `repr(optimizer)`: `SGD (\nParameter Group 0\n    dampening: 0\n …)`. */
function repr(self: unknown): string {
  const name = self instanceof PyInstance ? self.cls.name : 'Optimizer';
  let out = `${name} (`;
  groupsOf(self).forEach((group, i) => {
    out += `\nParameter Group ${i}\n`;
    const keys = group.keys().map((k) => pyStr(k));
    for (const key of keys.sort()) {
      if (key !== 'params') out += `    ${key}: ${pyStr(group.get(key))}\n`;
    }
  });
  return `${out})`;
}

/** The optimizer class's name, for the trace's group (`SGD.step()`). */
function className(self: unknown): string {
  return self instanceof PyInstance ? self.cls.name : 'Optimizer';
}

/** `zero_grad(set_to_none=False)`: every parameter's `.grad` zeroed in place (or dropped). */
function zeroGrad(self: unknown, setToNone: boolean): void {
  inGroup(
    {kind: 'optimizer', name: `${className(self)}.zero_grad()`, className: className(self)},
    () => {
      for (const group of groupsOf(self)) {
        for (const p of late.iterate(groupValue(group, 'params'))) {
          if (!(p instanceof Tensor) || p.grad === null) continue;
          if (setToNone) {
            p.grad = null;
            continue;
          }
          const grad = p.grad;
          if (grad.gradFn !== null) grad.detach_();
          else grad.requiresGrad_(false);
          zero_(grad);
        }
      }
    },
  );
}

/** `state_dict()`: parameters replaced by their index, in group order. */
function stateDict(self: unknown): PyDict {
  const index = new Map<Tensor, number>();
  let start = 0;
  const groups = groupsOf(self).map((group) => {
    const packed = new PyDict(group.items().filter(([k]) => k !== 'params'));
    const params = late.iterate(groupValue(group, 'params')) as Tensor[];
    params.forEach((p, i) => {
      if (!index.has(p)) index.set(p, start + i);
    });
    packed.set('params', new PyList(params.map((p) => BigInt(index.get(p) ?? 0))));
    start += params.length;
    return packed;
  });
  const state = attr(self, 'state');
  const packedState = new PyDict(
    (state instanceof PyDict ? state.items() : []).map(([k, v]) => [
      k instanceof Tensor ? BigInt(index.get(k) ?? 0) : k,
      v,
    ]),
  );
  return new PyDict([
    ['state', packedState],
    ['param_groups', new PyList(groups)],
  ]);
}

/**
 * Runs an optimizer's update as PyTorch's `_use_grad_for_differentiable` does (grad mode off),
 * inside a trace group `SGD.step()`; the closure (if any) runs first with grad mode on.
 */
export function stepping(self: unknown, closure: unknown, update: () => void): unknown {
  const name = className(self);
  return inGroup({kind: 'optimizer', name: `${name}.step()`, className: name}, () => {
    const previous = isGradEnabled();
    try {
      let loss: unknown = null;
      if (closure !== null) {
        setGradEnabled(true);
        loss = callValue(closure);
      }
      setGradEnabled(false);
      update();
      // A scheduler counts the steps (PyTorch wraps optimizer.step to do it).
      const count = self instanceof PyInstance ? self.dict.get('_step_count') : undefined;
      if (typeof count === 'bigint' && self instanceof PyInstance)
        self.dict.set('_step_count', count + 1n);
      return loss;
    } finally {
      setGradEnabled(previous);
    }
  });
}

function method(
  name: string,
  call: (self: unknown, args: readonly unknown[], kwargs: Kwargs) => unknown,
): [string, PyMethodDescriptor] {
  return [name, new PyMethodDescriptor(name, call, 'Optimizer')];
}

/** `torch.optim.Optimizer`: the base class every optimizer (and a script's own) derives from. */
export const optimizerClass = new PyClass(
  'Optimizer',
  [objectClass],
  new Map<string, unknown>([
    method('__init__', (self, args, kwargs) => {
      const a = bind(sig('Optimizer.__init__(any params, any defaults)', 'python'), args, kwargs);
      init(self, a.get('params'), a.get('defaults'));
      return null;
    }),
    method('__repr__', (self) => repr(self)),
    method('add_param_group', (self, args, kwargs) => {
      const a = bind(sig('Optimizer.add_param_group(any param_group)', 'python'), args, kwargs);
      addParamGroup(self, a.get('param_group'));
      return null;
    }),
    method('zero_grad', (self, args, kwargs) => {
      const a = bind(sig('Optimizer.zero_grad(any set_to_none=False)', 'python'), args, kwargs);
      zeroGrad(self, late.truthy(a.get('set_to_none')));
      return null;
    }),
    method('step', (_self, args, kwargs) => {
      bind(sig('Optimizer.step(any closure)', 'python'), args, kwargs);
      throw pyError('NotImplementedError', '');
    }),
    method('state_dict', (self, args, kwargs) => {
      bind(sig('Optimizer.state_dict()', 'python'), args, kwargs);
      return stateDict(self);
    }),
  ]),
  'torch.optim.optimizer',
);
