/**
 * The builtins of the object model: `object`, the exception classes, `NotImplemented`, `super`,
 * `staticmethod`, `classmethod`, `property`, `issubclass` and `delattr`, with CPython 3.11's
 * argument errors.
 */
import {isModelValue, modelDelAttr} from './classes.js';
import {pyError} from './errors.js';
import {builtinExceptions} from './exceptions.js';
import {
  notImplemented,
  ellipsis,
  objectClass,
  PyClass,
  PyClassMethod,
  PyInstance,
  PyProperty,
  PyStaticMethod,
  PySuper,
} from './objects.js';
import {typeName} from './repr.js';
import {PyCallable, PyTuple, type Kwargs} from './values.js';

function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
}

function count(name: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  if (min === max) {
    throw pyError(
      'TypeError',
      `${name} expected ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
  const [bound, n] = args.length < min ? ['at least', min] : ['at most', max];
  throw pyError(
    'TypeError',
    `${name} expected ${bound} ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`,
  );
}

function attrName(v: unknown): string {
  if (typeof v !== 'string') {
    throw pyError('TypeError', `attribute name must be string, not '${typeName(v)}'`);
  }
  return v;
}

function isSubclass(cls: unknown, target: unknown): boolean {
  if (target instanceof PyTuple) return target.items.some((t) => isSubclass(cls, t));
  const builtinType = (v: unknown): v is PyCallable =>
    v instanceof PyCallable && v.kind.kind === 'type';
  if (builtinType(target)) {
    // Among the builtin types only bool derives from another (int); a class never derives from one.
    if (!(cls instanceof PyClass) && !builtinType(cls)) {
      throw pyError('TypeError', 'issubclass() arg 1 must be a class');
    }
    return cls === target || (builtinType(cls) && cls.name === 'bool' && target.name === 'int');
  }
  if (!(target instanceof PyClass)) {
    throw pyError(
      'TypeError',
      'issubclass() arg 2 must be a class, a tuple of classes, or a union',
    );
  }
  if (!(cls instanceof PyClass)) {
    if (cls instanceof PyCallable && cls.kind.kind === 'type') return target === objectClass;
    throw pyError('TypeError', 'issubclass() arg 1 must be a class');
  }
  return cls.isSubclassOf(target);
}

/** The object-model builtins, by name. */
export function languageBuiltins(): Map<string, unknown> {
  const b = new Map<string, unknown>([...builtinExceptions]);
  const fn = (name: string, call: (args: readonly unknown[], kwargs: Kwargs) => unknown) =>
    b.set(name, new PyCallable(name, call));
  b.set('object', objectClass);
  b.set('NotImplemented', notImplemented);
  b.set('Ellipsis', ellipsis);
  b.set(
    'super',
    new PyCallable(
      'super',
      (args, kwargs) => {
        noKw('super', kwargs);
        // The zero-argument form is resolved by the evaluator (it needs the calling frame).
        if (args.length === 0) throw pyError('RuntimeError', 'super(): no arguments');
        count('super', args, 1, 2);
        const [cls, self] = args;
        if (!(cls instanceof PyClass)) {
          throw pyError('TypeError', `super() argument 1 must be a type, not ${typeName(cls)}`);
        }
        const ok =
          (self instanceof PyInstance && self.cls.isSubclassOf(cls)) ||
          (self instanceof PyClass && self.isSubclassOf(cls));
        if (!ok) {
          throw pyError(
            'TypeError',
            'super(type, obj): obj must be an instance or subtype of type',
          );
        }
        return new PySuper(cls, self);
      },
      {kind: 'type'},
    ),
  );
  b.set(
    'staticmethod',
    new PyCallable(
      'staticmethod',
      (args, kwargs) => {
        noKw('staticmethod', kwargs);
        count('staticmethod', args, 1, 1);
        return new PyStaticMethod(args[0]);
      },
      {kind: 'type'},
    ),
  );
  b.set(
    'classmethod',
    new PyCallable(
      'classmethod',
      (args, kwargs) => {
        noKw('classmethod', kwargs);
        count('classmethod', args, 1, 1);
        return new PyClassMethod(args[0]);
      },
      {kind: 'type'},
    ),
  );
  b.set(
    'property',
    new PyCallable(
      'property',
      (args, kwargs) => {
        const names = ['fget', 'fset', 'fdel', 'doc'];
        const v = names.map((n, i) => kwargs.get(n) ?? args[i] ?? null);
        for (const k of kwargs.keys()) {
          if (!names.includes(k)) {
            throw pyError('TypeError', `property() got an unexpected keyword argument '${k}'`);
          }
        }
        if (args.length > 4) {
          throw pyError('TypeError', `property() takes at most 4 arguments (${args.length} given)`);
        }
        return new PyProperty(v[0], v[1], v[2]);
      },
      {kind: 'type'},
    ),
  );
  fn('issubclass', (args, kwargs) => {
    noKw('issubclass', kwargs);
    count('issubclass', args, 2, 2);
    return isSubclass(args[0], args[1]);
  });
  fn('delattr', (args, kwargs) => {
    noKw('delattr', kwargs);
    count('delattr', args, 2, 2);
    const name = attrName(args[1]);
    if (!isModelValue(args[0])) {
      throw pyError('AttributeError', `'${typeName(args[0])}' object has no attribute '${name}'`);
    }
    modelDelAttr(args[0], name);
    return null;
  });
  return b;
}
