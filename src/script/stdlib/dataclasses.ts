/**
 * Python's `dataclasses`: `@dataclass` (with `init`, `repr`, `eq`, `order`, `frozen`) reads the
 * class body's `__annotations__` in order, inherited dataclass fields first, and adds the methods
 * dataclasses.py generates: `__init__` (a function with the fields as parameters, so a wrong call
 * gets CPython's own argument errors), `__repr__`, `__eq__`, the orderings, and for frozen classes
 * a `__setattr__` raising FrozenInstanceError; `field(default=, default_factory=, init=, repr=,
 * compare=)`, `fields`, `asdict`, `astuple`, `replace`, `is_dataclass`.
 */
import type {Param, Stmt} from '../ast.js';
import {bindArguments} from '../arguments.js';
import {getAttr, setAttr} from '../attributes.js';
import {callValue} from '../call.js';
import {hashOf, PyDict, PySet} from '../containers.js';
import {pyError} from '../errors.js';
import {builtinException, errorOf} from '../exceptions.js';
import {
  notImplemented,
  objectClass,
  PyClass,
  PyFunction,
  PyInstance,
  PyMethodDescriptor,
} from '../objects.js';
import {compare} from '../operators.js';
import {pyRepr, typeName} from '../repr.js';
import {PyCallable, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';

/** What `field(...)` says about one field. */
interface FieldState {
  name: string;
  type: unknown;
  /** undefined: no default. */
  default: unknown;
  factory: unknown;
  init: boolean;
  repr: boolean;
  compare: boolean;
}

const fieldClass = new PyClass(
  'Field',
  [objectClass],
  new Map<string, unknown>([
    [
      '__repr__',
      new PyMethodDescriptor(
        '__repr__',
        (self) => `Field(name=${pyRepr(stateOf(self).name)})`,
        'Field',
      ),
    ],
  ]),
  'dataclasses',
);

function stateOf(f: unknown): FieldState {
  return (f as PyInstance).native as FieldState;
}

function makeField(state: FieldState): PyInstance {
  const inst = new PyInstance(fieldClass);
  inst.native = state;
  inst.dict.set('name', state.name);
  inst.dict.set('type', state.type);
  inst.dict.set('default', state.default ?? missing);
  inst.dict.set('default_factory', state.factory ?? missing);
  return inst;
}

/** dataclasses.MISSING. */
const missing = new PyInstance(
  new PyClass('_MISSING_TYPE', [objectClass], new Map(), 'dataclasses'),
);
/** The default an `__init__` parameter with a default_factory gets (then replaced by a call). */
const factoryMarker = new PyInstance(
  new PyClass('_HAS_DEFAULT_FACTORY_CLASS', [objectClass], new Map(), 'dataclasses'),
);

/** `dataclasses.FrozenInstanceError` (an AttributeError). */
const frozenError = new PyClass(
  'FrozenInstanceError',
  [builtinException('AttributeError')],
  new Map(),
  'dataclasses',
);

function field(args: readonly unknown[], kwargs: Kwargs): PyInstance {
  if (args.length > 0) {
    throw pyError(
      'TypeError',
      `field() takes 0 positional arguments but ${args.length} were given`,
    );
  }
  const known = [
    'default',
    'default_factory',
    'init',
    'repr',
    'hash',
    'compare',
    'metadata',
    'kw_only',
  ];
  for (const k of kwargs.keys()) {
    if (!known.includes(k))
      throw pyError('TypeError', `field() got an unexpected keyword argument '${k}'`);
  }
  const d = kwargs.get('default');
  const factory = kwargs.get('default_factory');
  if (d !== undefined && factory !== undefined) {
    throw pyError('ValueError', 'cannot specify both default and default_factory');
  }
  return makeField({
    name: '',
    type: null,
    default: d,
    factory,
    init: kwargs.get('init') !== false,
    repr: kwargs.get('repr') !== false,
    compare: kwargs.get('compare') !== false,
  });
}

/** The `__repr__` methods @dataclass wrote (pprint lays their instances out field by field). */
const generatedReprs = new WeakSet<object>();

/**
 * The (name, value) pairs a dataclass instance's generated repr shows, or null when `v` is not an
 * instance of a dataclass whose `__repr__` is the generated one (pprint's _pprint_dataclass test).
 */
export function generatedReprFields(v: unknown): [string, unknown][] | null {
  if (!(v instanceof PyInstance)) return null;
  const repr = v.cls.lookup('__repr__');
  if (typeof repr !== 'object' || repr === null || !generatedReprs.has(repr)) return null;
  const fields = fieldsOf(v) ?? [];
  return fields.filter((f) => f.repr).map((f) => [f.name, getAttr(v, f.name)]);
}

/** The fields of a dataclass (or instance), in order; null when it is not one. */
function fieldsOf(v: unknown): FieldState[] | null {
  const cls = v instanceof PyInstance ? v.cls : v;
  if (!(cls instanceof PyClass)) return null;
  const table = cls.lookup('__dataclass_fields__');
  if (!(table instanceof PyDict)) return null;
  return table.items().map(([, f]) => stateOf(f));
}

function isMutableDefault(v: unknown): boolean {
  return v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen);
}

const span = {line: 0, column: 0, endLine: 0, endColumn: 0};

/** The generated `__init__`: a function whose parameters are the init fields. */
function initFunction(cls: PyClass, fields: readonly FieldState[], frozen: boolean): PyFunction {
  const params: Param[] = [{name: 'self', default: null, span}];
  const defaults: unknown[] = [];
  for (const f of fields) {
    if (!f.init) continue;
    const hasDefault = f.default !== undefined || f.factory !== undefined;
    params.push({
      name: f.name,
      default: hasDefault ? {kind: 'Constant', value: null, span} : null,
      span,
    });
    if (hasDefault) defaults.push(f.default !== undefined ? f.default : factoryMarker);
  }
  const node: Extract<Stmt, {kind: 'FunctionDef'}> = {
    kind: 'FunctionDef',
    name: '__init__',
    args: {posonly: [], args: params, vararg: null, kwonly: [], kwarg: null},
    body: [],
    decorators: [],
    span,
  };
  const runtime = {
    invoke(fn: PyFunction, args: readonly unknown[], kwargs: Kwargs): unknown {
      const vars = bindArguments(fn, args, kwargs, () => {
        throw pyError('TypeError', 'unexpected **kwargs');
      });
      const self = vars.get('self') as PyInstance;
      for (const f of fields) {
        let value = f.init ? vars.get(f.name) : f.default;
        if (value === factoryMarker || (!f.init && f.factory !== undefined))
          value = callValue(f.factory, []);
        if (value === undefined) continue;
        if (frozen) self.dict.set(f.name, value);
        else setAttr(self, f.name, value);
      }
      if (self.cls.lookup('__post_init__') !== undefined)
        callValue(getAttr(self, '__post_init__'), []);
      return null;
    },
  };
  return new PyFunction(
    '__init__',
    `${cls.qualname}.__init__`,
    node,
    defaults,
    new Map(),
    null,
    runtime,
  );
}

function values(self: unknown, fields: readonly FieldState[]): PyTuple {
  return new PyTuple(fields.filter((f) => f.compare).map((f) => getAttr(self, f.name)));
}

/** Applies `@dataclass(...)` to a class. */
function process(cls: unknown, options: Kwargs): PyClass {
  if (!(cls instanceof PyClass)) throw pyError('TypeError', `${typeName(cls)} is not a class`);
  const flag = (name: string, fallback: boolean) => {
    const v = options.get(name);
    return v === undefined ? fallback : v === true;
  };
  const [init, repr, eq, order, frozen] = [
    flag('init', true),
    flag('repr', true),
    flag('eq', true),
    flag('order', false),
    flag('frozen', false),
  ];
  if (order && !eq) throw pyError('ValueError', 'eq must be true if order is true');
  const all = new Map<string, FieldState>();
  for (const base of [...cls.mro].reverse().slice(0, -1)) {
    for (const f of fieldsOf(base) ?? []) all.set(f.name, f);
  }
  const annotations = cls.dict.get('__annotations__');
  for (const [name, type] of annotations instanceof PyDict ? annotations.items() : []) {
    if (typeof name !== 'string') continue;
    const value = cls.dict.get(name);
    let f: FieldState;
    if (value instanceof PyInstance && value.cls === fieldClass) {
      f = {...stateOf(value), name, type};
      if (f.default === undefined) cls.dict.delete(name);
      else cls.dict.set(name, f.default);
    } else {
      f = {name, type, default: value, factory: undefined, init: true, repr: true, compare: true};
    }
    if (isMutableDefault(f.default)) {
      throw pyError(
        'ValueError',
        `mutable default <class '${typeName(f.default)}'> for field ${name} is not allowed: use default_factory`,
      );
    }
    all.set(name, f);
  }
  const fields = [...all.values()];
  let seenDefault = false;
  for (const f of fields) {
    if (!f.init) continue;
    const hasDefault = f.default !== undefined || f.factory !== undefined;
    if (seenDefault && !hasDefault) {
      throw pyError('TypeError', `non-default argument '${f.name}' follows default argument`);
    }
    seenDefault ||= hasDefault;
  }
  cls.dict.set('__dataclass_fields__', new PyDict(fields.map((f) => [f.name, makeField(f)])));
  const method = (name: string, f: (self: unknown, args: readonly unknown[]) => unknown) => {
    if (!cls.dict.has(name)) cls.dict.set(name, new PyMethodDescriptor(name, f, cls.qualname));
  };
  if (init) cls.dict.set('__init__', initFunction(cls, fields, frozen));
  if (repr && !cls.dict.has('__repr__')) {
    method('__repr__', (self) => {
      const shown = fields
        .filter((f) => f.repr)
        .map((f) => `${f.name}=${pyRepr(getAttr(self, f.name))}`);
      return `${(self as PyInstance).cls.qualname}(${shown.join(', ')})`;
    });
    generatedReprs.add(cls.dict.get('__repr__') as object);
  }
  if (eq) {
    method('__eq__', (self, [other]) =>
      other instanceof PyInstance && other.cls === (self as PyInstance).cls
        ? compare('==', values(self, fields), values(other, fields))
        : notImplemented,
    );
    if (!cls.dict.has('__hash__')) {
      // eq without frozen makes instances unhashable; frozen ones hash their field values.
      if (frozen) method('__hash__', (self) => hashOf(values(self, fields)));
      else cls.dict.set('__hash__', null);
    }
  }
  if (order) {
    for (const [name, op] of [
      ['__lt__', '<'],
      ['__le__', '<='],
      ['__gt__', '>'],
      ['__ge__', '>='],
    ] as const) {
      if (cls.dict.has(name)) {
        throw pyError(
          'TypeError',
          `Cannot overwrite attribute ${name} in class ${cls.name}. Consider using functools.total_ordering`,
        );
      }
      method(name, (self, [other]) =>
        other instanceof PyInstance && other.cls === (self as PyInstance).cls
          ? compare(op, values(self, fields), values(other, fields))
          : notImplemented,
      );
    }
  }
  if (frozen) {
    const names = new Set(fields.map((f) => f.name));
    const refuse = (what: string) => (self: unknown, args: readonly unknown[]) => {
      const name = String(args[0]);
      if ((self as PyInstance).cls === cls || names.has(name)) {
        const message = `cannot ${what} field '${name}'`;
        throw errorOf(callValue(frozenError, [message]) as PyInstance, message);
      }
      return null;
    };
    cls.dict.set(
      '__setattr__',
      new PyMethodDescriptor('__setattr__', refuse('assign to'), cls.qualname),
    );
    cls.dict.set(
      '__delattr__',
      new PyMethodDescriptor('__delattr__', refuse('delete'), cls.qualname),
    );
  }
  return cls;
}

function dataclass(args: readonly unknown[], kwargs: Kwargs): unknown {
  if (args.length === 1 && kwargs.size === 0) return process(args[0], kwargs);
  if (args.length > 1) {
    throw pyError(
      'TypeError',
      `dataclass() takes from 0 to 1 positional arguments but ${args.length} were given`,
    );
  }
  const options = new Map(kwargs);
  return new PyCallable('wrap', (inner) => process(inner[0], options));
}

function requireDataclass(v: unknown, what: string): FieldState[] {
  const fs = v instanceof PyInstance ? fieldsOf(v) : null;
  if (!fs) throw pyError('TypeError', `${what}() should be called on dataclass instances`);
  return fs;
}

function asdict(v: unknown): unknown {
  const fs = v instanceof PyInstance ? fieldsOf(v) : null;
  if (fs) return new PyDict(fs.map((f) => [f.name, asdict(getAttr(v, f.name))]));
  if (v instanceof PyList) return new PyList(v.items.map(asdict));
  if (v instanceof PyTuple) return new PyTuple(v.items.map(asdict));
  if (v instanceof PyDict) return new PyDict(v.items().map(([k, x]) => [asdict(k), asdict(x)]));
  return v;
}

function astuple(v: unknown): unknown {
  const fs = v instanceof PyInstance ? fieldsOf(v) : null;
  if (fs) return new PyTuple(fs.map((f) => astuple(getAttr(v, f.name))));
  if (v instanceof PyList) return new PyList(v.items.map(astuple));
  if (v instanceof PyTuple) return new PyTuple(v.items.map(astuple));
  return v;
}

/** A fresh `dataclasses` module. */
export function makeDataclassesModule(): PyModule {
  return new PyModule(
    'dataclasses',
    new Map<string, unknown>([
      ['dataclass', new PyCallable('dataclass', dataclass)],
      ['field', new PyCallable('field', field)],
      ['MISSING', missing],
      ['FrozenInstanceError', frozenError],
      [
        'fields',
        new PyCallable('fields', ([v]) => {
          const fs = fieldsOf(v);
          if (!fs) throw pyError('TypeError', 'must be called with a dataclass type or instance');
          return new PyTuple(
            ((v instanceof PyInstance ? v.cls : v) as PyClass).lookup(
              '__dataclass_fields__',
            ) instanceof PyDict
              ? (
                  ((v instanceof PyInstance ? v.cls : v) as PyClass).lookup(
                    '__dataclass_fields__',
                  ) as PyDict
                )
                  .items()
                  .map(([, f]) => f)
              : [],
          );
        }),
      ],
      [
        'asdict',
        new PyCallable('asdict', ([v]) => {
          requireDataclass(v, 'asdict');
          return asdict(v);
        }),
      ],
      [
        'astuple',
        new PyCallable('astuple', ([v]) => {
          requireDataclass(v, 'astuple');
          return astuple(v);
        }),
      ],
      [
        'replace',
        new PyCallable('replace', ([v], kwargs) => {
          const fs = requireDataclass(v, 'replace');
          const changes = new Map(kwargs);
          for (const f of fs)
            if (f.init && !changes.has(f.name)) changes.set(f.name, getAttr(v, f.name));
          return callValue((v as PyInstance).cls, [], changes);
        }),
      ],
      ['is_dataclass', new PyCallable('is_dataclass', ([v]) => fieldsOf(v) !== null)],
    ]),
    '/usr/lib/python3.11/dataclasses.py',
  );
}
