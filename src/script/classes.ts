/**
 * The attribute protocol of the object model, as CPython's `object.__getattribute__`,
 * `type.__getattribute__` and `object.__setattr__` do it: data descriptors (properties) first,
 * then the instance's dict, then the class attribute (functions bind, staticmethods unwrap,
 * classmethods bind to the class), then `__getattr__`. A class may override `__getattribute__`,
 * `__getattr__`, `__setattr__` and `__delattr__` (as nn.Module does); `object.__setattr__(self, …)`
 * is the plain behaviour.
 */
import {callValue, objectInit} from './call.js';
import {PyAttrDict} from './containers.js';
import {pyError} from './errors.js';
import {
  objectClass,
  PyBoundMethod,
  PyClass,
  PyClassMethod,
  PyFunction,
  PyInstance,
  PyMethodDescriptor,
  PyProperty,
  PyStaticMethod,
  PySuper,
} from './objects.js';
import {typeName} from './repr.js';
import {addressOf, PyCallable, PyList, PyTuple} from './values.js';

/** What a class attribute is when found through an instance (or a class, for `owner`). */
export function bindAttribute(value: unknown, self: unknown, cls: PyClass): unknown {
  if (value instanceof PyFunction || value instanceof PyMethodDescriptor) {
    return new PyBoundMethod(value, self);
  }
  if (value instanceof PyStaticMethod) return value.func;
  if (value instanceof PyClassMethod) return new PyBoundMethod(value.func, cls);
  if (value instanceof PyProperty) {
    if (value.fget === null) throw pyError('AttributeError', 'unreadable attribute');
    return callValue(value.fget, [self]);
  }
  return value;
}

/** The attribute error CPython raises for an instance without `name`. */
function missing(obj: PyInstance, name: string): never {
  throw pyError('AttributeError', `'${obj.cls.name}' object has no attribute '${name}'`);
}

/** What the generic lookup finds when an instance has no such attribute. */
const MISSING: unique symbol = Symbol('missing');

/** The generic lookup, MISSING where CPython raises AttributeError for a missing name. */
function genericLookup(obj: PyInstance, name: string): unknown {
  const cls = obj.cls;
  const classValue = cls.lookup(name);
  if (classValue instanceof PyProperty) return bindAttribute(classValue, obj, cls);
  const own = obj.dict.get(name);
  if (own !== undefined) return own;
  if (classValue !== undefined) return bindAttribute(classValue, obj, cls);
  if (name === '__class__') return cls;
  if (name === '__dict__') return instanceDict(obj);
  return MISSING;
}

/** `object.__getattribute__(obj, name)`: the generic lookup, without `__getattr__`. */
export function genericGetAttr(obj: PyInstance, name: string): unknown {
  const value = genericLookup(obj, name);
  return value === MISSING ? missing(obj, name) : value;
}

/** How `obj.__dict__` is shown: a dict of its attributes, written back when changed. */
let instanceDict = (obj: PyInstance): unknown => new PyAttrDict(obj.dict);

/** Lets the dict type make `obj.__dict__` views (set by the module defining dict). */
export function setInstanceDictView(view: (obj: PyInstance) => unknown): void {
  instanceDict = view;
}

/** `obj.name` for an instance: `__getattribute__`, then `__getattr__` on AttributeError. */
export function instanceGetAttr(obj: PyInstance, name: string): unknown {
  const cls = obj.cls;
  const custom = cls.lookup('__getattribute__');
  const getattr = cls.lookup('__getattr__');
  let value: unknown;
  try {
    value =
      custom !== undefined && custom !== objectGetAttribute
        ? callValue(custom, [obj, name])
        : genericLookup(obj, name);
  } catch (e) {
    if (getattr === undefined || !isAttributeError(e)) throw e;
    return callValue(getattr, [obj, name]);
  }
  if (value !== MISSING) return value;
  // A missing name goes to __getattr__ without raising first (nn.Module's parameters and
  // submodules are found there on every call: an exception each time cost a training loop 5%).
  return getattr === undefined ? missing(obj, name) : callValue(getattr, [obj, name]);
}

function isAttributeError(e: unknown): boolean {
  return e instanceof Error && (e as {type?: string}).type === 'AttributeError';
}

/** `object.__setattr__(obj, name, value)`: properties' setters, else the instance dict. */
export function genericSetAttr(obj: PyInstance, name: string, value: unknown): void {
  const classValue = obj.cls.lookup(name);
  if (classValue instanceof PyProperty) {
    if (classValue.fset === null) {
      throw pyError(
        'AttributeError',
        `property '${propertyName(classValue)}' of '${obj.cls.name}' object has no setter`,
      );
    }
    callValue(classValue.fset, [obj, value]);
    return;
  }
  obj.dict.set(name, value);
}

function propertyName(p: PyProperty): string {
  return p.fget instanceof PyFunction ? p.fget.name : '?';
}

/** `obj.name = value` for an instance, through a class's `__setattr__` when it has one. */
export function instanceSetAttr(obj: PyInstance, name: string, value: unknown): void {
  const custom = obj.cls.lookup('__setattr__');
  if (custom !== undefined && custom !== objectSetAttr) {
    callValue(custom, [obj, name, value]);
    return;
  }
  genericSetAttr(obj, name, value);
}

/** `del obj.name` for an instance. */
export function instanceDelAttr(obj: PyInstance, name: string): void {
  const custom = obj.cls.lookup('__delattr__');
  if (custom !== undefined && custom !== objectDelAttr) {
    callValue(custom, [obj, name]);
    return;
  }
  const classValue = obj.cls.lookup(name);
  if (classValue instanceof PyProperty) {
    if (classValue.fdel === null) {
      throw pyError(
        'AttributeError',
        `property '${propertyName(classValue)}' of '${obj.cls.name}' object has no deleter`,
      );
    }
    callValue(classValue.fdel, [obj]);
    return;
  }
  if (!obj.dict.delete(name)) missing(obj, name);
}

/** `Class.name`: along the MRO; functions stay plain, classmethods bind to the class. */
export function classGetAttr(cls: PyClass, name: string): unknown {
  const value = cls.lookup(name);
  if (value !== undefined) {
    if (value instanceof PyStaticMethod) return value.func;
    if (value instanceof PyClassMethod) return new PyBoundMethod(value.func, cls);
    return value;
  }
  switch (name) {
    case '__name__':
      return cls.name;
    case '__qualname__':
      return cls.qualname;
    case '__module__':
      return cls.module;
    case '__mro__':
      return new PyTuple(cls.mro);
    case '__bases__':
      return new PyTuple(cls.bases);
    case '__base__':
      return cls.bases[0] ?? null;
    case '__dict__':
      return new PyAttrDict(new Map(cls.dict));
    case 'mro':
      return new PyCallable('mro', () => new PyList([...cls.mro]));
    case '__doc__':
      return null;
    default:
      throw pyError('AttributeError', `type object '${cls.name}' has no attribute '${name}'`);
  }
}

/** `super().name`: the attribute after `cls` in the MRO of `self`'s class, bound to `self`. */
export function superGetAttr(sup: PySuper, name: string): unknown {
  const selfClass = sup.self instanceof PyClass ? sup.self : classOfInstance(sup.self);
  const mro = selfClass?.mro ?? [];
  const start = mro.indexOf(sup.cls);
  for (let i = start + 1; i < mro.length; i++) {
    const c = mro[i] as PyClass;
    const v = c.dict.get(name);
    if (v === undefined) continue;
    if (sup.self instanceof PyClass) {
      if (v instanceof PyClassMethod) return new PyBoundMethod(v.func, sup.self);
      if (v instanceof PyStaticMethod) return v.func;
      return v;
    }
    return bindAttribute(v, sup.self, selfClass as PyClass);
  }
  if (name === '__class__') return classOfInstance(sup);
  throw pyError('AttributeError', `'super' object has no attribute '${name}'`);
}

function classOfInstance(v: unknown): PyClass | null {
  return v instanceof PyInstance ? v.cls : null;
}

/** Attributes of a script function object. */
export function functionGetAttr(f: PyFunction, name: string): unknown {
  const own = f.dict.get(name);
  if (own !== undefined) return own;
  switch (name) {
    case '__name__':
      return f.name;
    case '__qualname__':
      return f.qualname;
    case '__module__':
      return '__main__';
    case '__doc__':
      return docstring(f);
    case '__defaults__':
      return f.defaults.length ? new PyTuple(f.defaults) : null;
    default:
      throw pyError('AttributeError', `'function' object has no attribute '${name}'`);
  }
}

function docstring(f: PyFunction): unknown {
  if (f.node.kind !== 'FunctionDef') return null;
  const first = f.node.body[0];
  if (first?.kind === 'Expr' && first.value.kind === 'Constant') {
    return typeof first.value.value === 'string' ? first.value.value : null;
  }
  return null;
}

/** Attributes of a bound method. */
export function boundMethodGetAttr(m: PyBoundMethod, name: string): unknown {
  if (name === '__self__') return m.self;
  if (name === '__func__') return m.func;
  if (m.func instanceof PyFunction) return functionGetAttr(m.func, name);
  if (m.func instanceof PyMethodDescriptor && name === '__name__') return m.func.name;
  throw pyError('AttributeError', `'method' object has no attribute '${name}'`);
}

/** The default `repr` of an instance: `<__main__.Point object at 0x7f…>`. */
export function defaultInstanceRepr(obj: PyInstance): string {
  const cls = obj.cls;
  const prefix = cls.module === 'builtins' ? '' : `${cls.module}.`;
  return `<${prefix}${cls.qualname} object at ${addressOf(obj)}>`;
}

/** `object.__getattribute__`. */
export const objectGetAttribute = new PyMethodDescriptor('__getattribute__', (self, args) => {
  const name = args[0];
  if (typeof name !== 'string') {
    throw pyError('TypeError', `attribute name must be string, not '${typeName(name)}'`);
  }
  return self instanceof PyInstance ? genericGetAttr(self, name) : null;
});

/** `object.__setattr__`: what a class's own `__setattr__` falls back to. */
export const objectSetAttr = new PyMethodDescriptor('__setattr__', (self, args) => {
  const [name, value] = args;
  if (typeof name !== 'string') {
    throw pyError('TypeError', `attribute name must be string, not '${typeName(name)}'`);
  }
  if (self instanceof PyInstance) genericSetAttr(self, name, value);
  else throw pyError('TypeError', `can't apply this __setattr__ to ${typeName(self)} object`);
  return null;
});

/** `object.__delattr__`. */
export const objectDelAttr = new PyMethodDescriptor('__delattr__', (self, args) => {
  const name = args[0];
  if (self instanceof PyInstance && typeof name === 'string') {
    if (!self.dict.delete(name)) missing(self, name);
  }
  return null;
});

objectClass.dict.set('__init__', objectInit);
objectClass.dict.set('__getattribute__', objectGetAttribute);
objectClass.dict.set('__setattr__', objectSetAttr);
objectClass.dict.set('__delattr__', objectDelAttr);

/** Is `value` part of the object model (its attributes are handled here)? */
export function isModelValue(value: unknown): boolean {
  return (
    value instanceof PyInstance ||
    value instanceof PyClass ||
    value instanceof PyFunction ||
    value instanceof PyBoundMethod ||
    value instanceof PySuper ||
    value instanceof PyProperty ||
    value instanceof PyStaticMethod ||
    value instanceof PyClassMethod
  );
}

/** `value.name` for a value of the object model. */
export function modelGetAttr(value: unknown, name: string): unknown {
  if (value instanceof PyInstance) return instanceGetAttr(value, name);
  if (value instanceof PyClass) return classGetAttr(value, name);
  if (value instanceof PyFunction) return functionGetAttr(value, name);
  if (value instanceof PyBoundMethod) return boundMethodGetAttr(value, name);
  if (value instanceof PySuper) return superGetAttr(value, name);
  if (value instanceof PyProperty) return propertyGetAttr(value, name);
  if ((value instanceof PyStaticMethod || value instanceof PyClassMethod) && name === '__func__') {
    return value.func;
  }
  throw pyError('AttributeError', `'${typeName(value)}' object has no attribute '${name}'`);
}

function propertyGetAttr(p: PyProperty, name: string): unknown {
  const make = (which: 'getter' | 'setter' | 'deleter') =>
    new PyCallable(which, (args) => {
      const f = args[0] ?? null;
      if (which === 'getter') return new PyProperty(f, p.fset, p.fdel);
      if (which === 'setter') return new PyProperty(p.fget, f, p.fdel);
      return new PyProperty(p.fget, p.fset, f);
    });
  switch (name) {
    case 'fget':
      return p.fget;
    case 'fset':
      return p.fset;
    case 'fdel':
      return p.fdel;
    case 'getter':
    case 'setter':
    case 'deleter':
      return make(name);
    default:
      throw pyError('AttributeError', `'property' object has no attribute '${name}'`);
  }
}

/** `value.name = item` for a value of the object model. */
export function modelSetAttr(value: unknown, name: string, item: unknown): void {
  if (value instanceof PyInstance) {
    instanceSetAttr(value, name, item);
    return;
  }
  if (value instanceof PyClass) {
    if (value.module === 'builtins') {
      throw pyError(
        'TypeError',
        `cannot set '${name}' attribute of immutable type '${value.name}'`,
      );
    }
    value.dict.set(name, item);
    return;
  }
  if (value instanceof PyFunction) {
    value.dict.set(name, item);
    return;
  }
  throw pyError('AttributeError', `'${typeName(value)}' object has no attribute '${name}'`);
}

/** `del value.name` for a value of the object model. */
export function modelDelAttr(value: unknown, name: string): void {
  if (value instanceof PyInstance) {
    instanceDelAttr(value, name);
    return;
  }
  if (value instanceof PyClass && value.dict.delete(name)) return;
  if (value instanceof PyFunction && value.dict.delete(name)) return;
  throw pyError('AttributeError', name);
}
