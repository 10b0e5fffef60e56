/**
 * Python's `typing`, as far as type hints in tutorial code need it at run time: the aliases
 * (`List`, `Dict`, `Tuple`, `Optional`, `Union`, `Callable`, `Any`, `Literal`, …) subscripted
 * with CPython 3.11's checks and reprs (`typing.Optional[int]`, `typing.Callable[[int], float]`),
 * `TypeVar`, `Generic[T]` and `Protocol` as bases, `cast`, `NewType`, `TYPE_CHECKING` and the
 * decorators that return what they are given; and the builtin generics `list[int]`,
 * `dict[str, float]` (types.GenericAlias). Hints are not checked, as in Python.
 */
import {callValue} from '../call.js';
import {pyError} from '../errors.js';
import {late} from '../late.js';
import {truthy} from '../operators.js';
import {PyClass, PyEllipsisType, PyInstance, PyMethodDescriptor, objectClass} from '../objects.js';
import {pyRepr} from '../repr.js';
import {PyCallable, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';

/** What a typing object is: its kind, name, origin type and arguments. */
interface Form {
  readonly kind:
    | 'special' // Any, Optional, Union, ClassVar, Final, Literal, Type
    | 'alias' // List, Dict, … before subscription: `params` arguments expected (-1: any)
    | 'generic' // an alias or special form with its arguments
    | 'union'
    | 'callable'
    | 'typevar'
    | 'builtin' // list[int]: types.GenericAlias
    | 'pep604'; // int | None: types.UnionType
  readonly name: string;
  readonly origin: unknown;
  readonly args: readonly unknown[];
  readonly params: number;
}

const formOf = (v: unknown): Form | null =>
  v instanceof PyInstance && forms.has(v) ? (v.native as Form) : null;

const forms = new WeakSet<PyInstance>();

/** typing._type_repr: a class as module.qualname (builtins by its name), None, …, forms. */
function typeRepr(t: unknown): string {
  if (t === null) return 'None';
  if (t instanceof PyEllipsisType) return '...';
  if (t instanceof PyClass)
    return t.module === 'builtins' ? t.qualname : `${t.module}.${t.qualname}`;
  if (t instanceof PyCallable) {
    const k = t.kind;
    if (k.kind === 'type') return t.name === 'NoneType' ? 'None' : t.name;
    if (k.kind === 'class') return k.qualname;
  }
  if (t instanceof PyList) return `[${t.items.map(typeRepr).join(', ')}]`;
  if (typeof t === 'string') return `ForwardRef(${pyRepr(t)})`;
  return pyRepr(t);
}

function formRepr(f: Form): string {
  switch (f.kind) {
    case 'special':
    case 'alias':
      return `typing.${f.name}`;
    case 'typevar':
      return f.name;
    case 'pep604':
      return f.args.map(typeRepr).join(' | ');
    case 'builtin':
      return `${typeRepr(f.origin)}[${f.args.length ? f.args.map(typeRepr).join(', ') : '()'}]`;
    case 'union': {
      const none = f.args.filter(isNone);
      if (f.args.length === 2 && none.length === 1) {
        return `typing.Optional[${typeRepr(f.args.find((a) => !isNone(a)))}]`;
      }
      return `typing.Union[${f.args.map(typeRepr).join(', ')}]`;
    }
    case 'callable': {
      const [params, result] = f.args;
      const shown = params instanceof PyEllipsisType ? '...' : typeRepr(params);
      return `typing.Callable[${shown}, ${typeRepr(result)}]`;
    }
    case 'generic':
      if (f.name === 'Literal') return `typing.Literal[${f.args.map((a) => pyRepr(a)).join(', ')}]`;
      return `typing.${f.name}[${f.args.length ? f.args.map(typeRepr).join(', ') : '()'}]`;
  }
}

function isNone(t: unknown): boolean {
  return t === null || (t instanceof PyCallable && t.name === 'NoneType');
}

function sameType(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const fa = formOf(a);
  const fb = formOf(b);
  if (fa && fb) return formsEqual(fa, fb);
  if (isNone(a) && isNone(b)) return true;
  return false;
}

function formsEqual(a: Form, b: Form): boolean {
  if (a.kind !== b.kind || a.name !== b.name || a.args.length !== b.args.length) return false;
  if (a.kind === 'union') return a.args.every((x) => b.args.some((y) => sameType(x, y)));
  return a.args.every((x, i) => sameType(x, b.args[i]));
}

/** typing._type_check: what may stand in a type argument. */
function checkType(arg: unknown, msg: string): unknown {
  const f = formOf(arg);
  if (f && f.kind === 'special' && !['Any', 'NoReturn'].includes(f.name)) {
    throw pyError('TypeError', `Plain ${formRepr(f)} is not valid as type argument`);
  }
  if (
    arg === null ||
    typeof arg === 'string' ||
    arg instanceof PyClass ||
    arg instanceof PyCallable ||
    f !== null
  ) {
    return arg;
  }
  throw pyError('TypeError', `${msg} Got ${pyRepr(arg).slice(0, 100)}.`);
}

const argsOf = (key: unknown): unknown[] => (key instanceof PyTuple ? [...key.items] : [key]);

function make(cls: PyClass, form: Form): PyInstance {
  const inst = new PyInstance(cls);
  inst.native = form;
  forms.add(inst);
  return inst;
}

function union(args: readonly unknown[]): unknown {
  if (args.length === 0) throw pyError('TypeError', 'Cannot take a Union of no types.');
  const flat: unknown[] = [];
  for (const a of args) {
    const checked = checkType(a, 'Union[arg, ...]: each arg must be a type.');
    const f = formOf(checked);
    for (const t of f?.kind === 'union' || f?.kind === 'pep604' ? f.args : [checked]) {
      if (!flat.some((x) => sameType(x, t))) flat.push(t);
    }
  }
  if (flat.length === 1) return flat[0];
  return make(classes.union, {kind: 'union', name: 'Union', origin: null, args: flat, params: -1});
}

/** `form[key]`. */
function subscript(self: PyInstance, key: unknown): unknown {
  const f = self.native as Form;
  const args = argsOf(key);
  switch (f.kind) {
    case 'special':
      switch (f.name) {
        case 'Union':
          return union(args);
        case 'Optional': {
          const arg = checkType(key, `${formRepr(f)} requires a single type.`);
          return union([arg, null]);
        }
        case 'Literal':
          return make(classes.literal, {
            kind: 'generic',
            name: 'Literal',
            origin: null,
            args,
            params: -1,
          });
        case 'ClassVar':
        case 'Final': {
          const arg = checkType(key, `${formRepr(f)} accepts only single type.`);
          return make(classes.generic, {
            kind: 'generic',
            name: f.name,
            origin: null,
            args: [arg],
            params: 1,
          });
        }
        default:
          throw pyError('TypeError', `typing.${f.name} is not subscriptable`);
      }
    case 'alias': {
      if (f.name === 'Callable') return callable(args);
      if (f.name === 'Tuple') {
        const shown = key instanceof PyTuple && key.items.length === 0 ? [] : args;
        return make(classes.generic, {
          kind: 'generic',
          name: 'Tuple',
          origin: f.origin,
          args: shown,
          params: -1,
        });
      }
      const checked = args.map((a) => checkType(a, 'Parameters to generic types must be types.'));
      if (f.params >= 0 && checked.length !== f.params) {
        throw pyError(
          'TypeError',
          `Too ${checked.length > f.params ? 'many' : 'few'} arguments for typing.${f.name}; actual ${checked.length}, expected ${f.params}`,
        );
      }
      return make(classes.generic, {
        kind: 'generic',
        name: f.name,
        origin: f.origin,
        args: checked,
        params: f.params,
      });
    }
    case 'builtin':
    case 'generic':
    case 'union':
    case 'callable':
    case 'pep604':
      throw pyError('TypeError', `${formRepr(f)} is not a generic class`);
    case 'typevar':
      throw pyError('TypeError', "'TypeVar' object is not subscriptable");
  }
}

/** `a | b` with a typing object on one side: types.UnionType stays one, else typing.Union. */
function orForms(a: unknown, b: unknown): unknown {
  const fa = formOf(a);
  const fb = formOf(b);
  const pep = (f: Form | null, v: unknown) => (f ? f.kind === 'pep604' : isTypeLike(v));
  if (pep(fa, a) && pep(fb, b)) {
    const flat: unknown[] = [];
    for (const v of [a, b]) {
      const f = formOf(v);
      for (const t of f?.kind === 'pep604' ? f.args : [v]) {
        if (!flat.some((x) => sameType(x, t))) flat.push(t);
      }
    }
    if (flat.length === 1) return flat[0];
    return make(classes.pep604, {
      kind: 'pep604',
      name: 'UnionType',
      origin: null,
      args: flat,
      params: -1,
    });
  }
  return union([a, b]);
}

function callable(args: readonly unknown[]): unknown {
  if (args.length !== 2) {
    throw pyError('TypeError', 'Callable must be used as Callable[[arg, ...], result].');
  }
  const [params, result] = args;
  if (!(params instanceof PyList) && !(params instanceof PyEllipsisType)) {
    throw pyError(
      'TypeError',
      `Callable[args, result]: args must be a list. Got ${pyRepr(params).slice(0, 100)}`,
    );
  }
  return make(classes.callable, {
    kind: 'callable',
    name: 'Callable',
    origin: null,
    args: [params, checkType(result, 'Callable[args, result]: result must be a type.')],
    params: 2,
  });
}

function descriptors(): Map<string, unknown> {
  const d = (
    name: string,
    f: (self: PyInstance, args: readonly unknown[], kw: Kwargs) => unknown,
  ) =>
    [
      name,
      new PyMethodDescriptor(name, (self, args, kw) => f(self as PyInstance, args, kw), 'typing'),
    ] as const;
  return new Map<string, unknown>([
    d('__repr__', (self) => formRepr(self.native as Form)),
    d('__getitem__', (self, [key]) => subscript(self, key)),
    d('__eq__', (self, [other]) => {
      const o = formOf(other);
      return o !== null && formsEqual(self.native as Form, o);
    }),
    d('__hash__', (self) => BigInt(formRepr(self.native as Form).length)),
    d('__or__', (self, [other]) => orForms(self, other)),
    d('__ror__', (self, [other]) => orForms(other, self)),
    d('__call__', (self, args, kw) => {
      const f = self.native as Form;
      if ((f.kind === 'generic' || f.kind === 'builtin') && f.origin !== null) {
        return callValue(f.origin, args, kw);
      }
      if (f.kind === 'alias' && f.origin !== null) {
        const name = typeRepr(f.origin);
        throw pyError('TypeError', `Type ${f.name} cannot be instantiated; use ${name}() instead`);
      }
      throw pyError('TypeError', `Cannot instantiate ${formRepr(f)}`);
    }),
    d('__mro_entries__', (self) => {
      const f = self.native as Form;
      if (f.kind === 'generic' && f.name === 'Generic') return new PyTuple([genericClass]);
      if (f.kind === 'generic' && f.origin instanceof PyClass) return new PyTuple([f.origin]);
      throw pyError('TypeError', `Cannot subclass ${formRepr(f)}`);
    }),
  ]);
}

function formClass(name: string, module = 'typing'): PyClass {
  return new PyClass(name, [objectClass], descriptors(), module);
}

const classes = {
  special: formClass('_SpecialForm'),
  alias: formClass('_SpecialGenericAlias'),
  generic: formClass('_GenericAlias'),
  literal: formClass('_LiteralGenericAlias'),
  union: formClass('_UnionGenericAlias'),
  callable: formClass('_CallableGenericAlias'),
  typevar: formClass('TypeVar'),
  builtin: formClass('GenericAlias', 'types'),
  pep604: formClass('UnionType', 'types'),
};

/** `typing.Generic`: a base class; `Generic[T]` stands for it in a class's bases. */
const genericClass = new PyClass(
  'Generic',
  [objectClass],
  new Map<string, unknown>([
    [
      '__class_getitem__',
      new PyCallable('__class_getitem__', ([key]) => {
        const params = argsOf(key);
        for (const p of params) {
          if (formOf(p)?.kind !== 'typevar') {
            throw pyError(
              'TypeError',
              'Parameters to Generic[...] must all be type variables or parameter specification variables.',
            );
          }
        }
        return make(classes.generic, {
          kind: 'generic',
          name: 'Generic',
          origin: null,
          args: params,
          params: -1,
        });
      }),
    ],
  ]),
  'typing',
);

/** `typing.Protocol`: a base class that asks nothing at run time. */
const protocolClass = new PyClass('Protocol', [genericClass], new Map(), 'typing');

/** `list[int]`: types.GenericAlias of a builtin type (subscript.ts calls it through late). */
function builtinGenericAlias(origin: unknown, key: unknown): unknown {
  const args = key instanceof PyTuple ? [...key.items] : [key];
  const name = origin instanceof PyCallable ? origin.name : typeRepr(origin);
  return make(classes.builtin, {kind: 'builtin', name, origin, args, params: -1});
}

/** Is `v` a type in the sense of `int | None`: a class, a builtin type or None. */
function isTypeLike(v: unknown): boolean {
  return (
    v === null ||
    v instanceof PyClass ||
    (v instanceof PyCallable && (v.kind.kind === 'type' || v.kind.kind === 'class'))
  );
}

/** `int | None`: a types.UnionType, when both sides are types (not both None). */
function typeUnion(a: unknown, b: unknown): unknown {
  if (!isTypeLike(a) || !isTypeLike(b) || (a === null && b === null)) return undefined;
  const args = sameType(a, b) ? [a] : [a, b];
  if (args.length === 1) return a;
  return make(classes.pep604, {kind: 'pep604', name: 'UnionType', origin: null, args, params: -1});
}

late.genericAlias = builtinGenericAlias;
late.typeUnion = typeUnion;

function typeVar(args: readonly unknown[], kwargs: Kwargs): PyInstance {
  const [name] = args;
  if (typeof name !== 'string') {
    throw pyError('TypeError', 'TypeVar() argument 1 must be str');
  }
  const co = truthy(kwargs.get('covariant') ?? false);
  const contra = truthy(kwargs.get('contravariant') ?? false);
  if (co && contra) throw pyError('ValueError', 'Bivariant types are not supported.');
  if (args.length === 2) {
    throw pyError('TypeError', 'A single constraint is not allowed');
  }
  const prefix = co ? '+' : contra ? '-' : '~';
  return make(classes.typevar, {
    kind: 'typevar',
    name: `${prefix}${name}`,
    origin: null,
    args: [],
    params: 0,
  });
}

const identity = (name: string) =>
  new PyCallable(name, (args) => {
    if (args.length !== 1) {
      throw pyError(
        'TypeError',
        `${name}() takes 1 positional argument but ${args.length} were given`,
      );
    }
    return args[0];
  });

/** A fresh `typing` module, with the builtin types `builtins` supplies (list, dict, …). */
export function makeTypingModule(builtins: ReadonlyMap<string, unknown>): PyModule {
  const module = new PyModule('typing', new Map(), '/usr/lib/python3.11/typing.py');
  const set = (k: string, v: unknown) => module.attrs.set(k, v);
  for (const name of [
    'Any',
    'NoReturn',
    'Never',
    'Optional',
    'Union',
    'Literal',
    'ClassVar',
    'Final',
  ]) {
    set(name, make(classes.special, {kind: 'special', name, origin: null, args: [], params: -1}));
  }
  const aliases: [string, string | null, number][] = [
    ['List', 'list', 1],
    ['Dict', 'dict', 2],
    ['Set', 'set', 1],
    ['FrozenSet', 'frozenset', 1],
    ['Tuple', 'tuple', -1],
    ['Type', 'type', 1],
    ['Callable', null, -1],
    ['Iterable', null, 1],
    ['Iterator', null, 1],
    ['Sequence', null, 1],
    ['MutableSequence', null, 1],
    ['Mapping', null, 2],
    ['MutableMapping', null, 2],
    ['Collection', null, 1],
    ['Generator', null, 3],
    ['Hashable', null, 0],
    ['Sized', null, 0],
    ['DefaultDict', null, 2],
    ['OrderedDict', null, 2],
    ['Counter', null, 1],
    ['Deque', null, 1],
  ];
  for (const [name, origin, params] of aliases) {
    set(
      name,
      make(classes.alias, {
        kind: 'alias',
        name,
        origin: origin === null ? null : (builtins.get(origin) ?? null),
        args: [],
        params,
      }),
    );
  }
  set('Generic', genericClass);
  set('Protocol', protocolClass);
  set('TypeVar', new PyCallable('TypeVar', typeVar, {kind: 'class', qualname: 'typing.TypeVar'}));
  set('TYPE_CHECKING', false);
  set(
    'cast',
    new PyCallable('cast', (args) => {
      if (args.length !== 2) {
        throw pyError(
          'TypeError',
          `cast() missing ${2 - args.length} required positional argument${args.length === 1 ? '' : 's'}`,
        );
      }
      return args[1];
    }),
  );
  for (const name of ['overload', 'final', 'no_type_check', 'runtime_checkable'])
    set(name, identity(name));
  set(
    'NewType',
    new PyCallable('NewType', ([name, tp]) => {
      if (typeof name !== 'string') throw pyError('TypeError', 'NewType() argument 1 must be str');
      checkType(tp, 'NewType(name, tp): tp must be a type.');
      return new PyCallable(name, (args) => args[0], {kind: 'class', qualname: `__main__.${name}`});
    }),
  );
  set('get_args', new PyCallable('get_args', ([t]) => new PyTuple([...(formOf(t)?.args ?? [])])));
  set(
    'get_origin',
    new PyCallable('get_origin', ([t]) => {
      const f = formOf(t);
      if (!f || f.kind === 'alias' || f.kind === 'special' || f.kind === 'typevar') return null;
      if (f.kind === 'union') return module.attrs.get('Union');
      return f.origin;
    }),
  );
  return module;
}
