/**
 * Python's `pprint`: `pprint`, `pformat`, `pp`, `saferepr`, `isreadable`, `isrecursive` and
 * `PrettyPrinter`, laid out as CPython 3.11's pprint.py lays them out — the same width rule
 * (a repr that fits is written whole, else the container is broken one item per line), the same
 * dispatch on the built-in containers (dict, OrderedDict, defaultdict, Counter, list, tuple, set,
 * frozenset, deque, str, dataclass instances), sorted dict keys and depth limits. Anything else is
 * written as its repr, a tensor's several lines included, as pprint does.
 */
import {pyError} from '../errors.js';
import {truthy} from '../operators.js';
import {typeName} from '../repr.js';
import {PyCallable, PyModule, PyNamespace, type CallSite, type Kwargs} from '../values.js';
import {Printer, type Options} from './pprint-printer.js';

/** Writes text where print() writes it. */
export type PprintWrite = (text: string, site: CallSite) => void;

const optionNames = ['indent', 'width', 'depth', 'compact', 'sort_dicts', 'underscore_numbers'];

/** Reads PrettyPrinter's options (positional `positional`, the rest keyword-only) with its checks. */
function readOptions(
  fn: string,
  positional: readonly string[],
  args: readonly unknown[],
  kwargs: Kwargs,
  defaults: Partial<Record<string, unknown>> = {},
): Map<string, unknown> {
  const values = new Map<string, unknown>(Object.entries(defaults));
  if (args.length > positional.length) {
    // the counts include the object printed (or PrettyPrinter's self)
    throw pyError(
      'TypeError',
      `${fn}() takes from 1 to ${positional.length + 1} positional arguments but ${args.length + 1} were given`,
    );
  }
  args.forEach((v, i) => values.set(positional[i] ?? '', v));
  for (const [k, v] of kwargs) {
    if (!optionNames.includes(k) && k !== 'stream' && k !== 'object') {
      throw pyError('TypeError', `${fn}() got an unexpected keyword argument '${k}'`);
    }
    if (positional.slice(0, args.length).includes(k)) {
      throw pyError('TypeError', `${fn}() got multiple values for argument '${k}'`);
    }
    values.set(k, v);
  }
  return values;
}

function toOptions(values: Map<string, unknown>): Options {
  const asInt = (v: unknown, d: number): number => {
    if (v === undefined) return d;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') return Math.trunc(v);
    throw pyError(
      'TypeError',
      `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`,
    );
  };
  const indent = asInt(values.get('indent'), 1);
  const width = asInt(values.get('width'), 80);
  const depthValue = values.get('depth');
  const depth = depthValue === undefined || depthValue === null ? null : asInt(depthValue, 0);
  if (indent < 0) throw pyError('ValueError', 'indent must be >= 0');
  if (depth !== null && depth <= 0) throw pyError('ValueError', 'depth must be > 0');
  if (!width) throw pyError('ValueError', 'width must be != 0');
  const stream = values.get('stream');
  if (stream !== undefined && stream !== null) {
    throw pyError(
      'NotImplementedError',
      "pprint(stream=...) is not supported by grad-graph's Python subset",
    );
  }
  return {
    indent,
    width,
    depth,
    compact: truthy(values.get('compact') ?? false),
    sortDicts: truthy(values.get('sort_dicts') ?? true),
    underscoreNumbers: truthy(values.get('underscore_numbers') ?? false),
  };
}

function pformat(obj: unknown, o: Options): string {
  const out: string[] = [];
  new Printer(o).format(obj, out, 0, 0, new Set(), 0);
  return out.join('');
}

function needObject(fn: string, args: readonly unknown[], kwargs: Kwargs): unknown {
  if (args.length > 0) return args[0];
  if (kwargs.has('object')) return kwargs.get('object');
  throw pyError('TypeError', `${fn}() missing 1 required positional argument: 'object'`);
}

const printerPositional = ['indent', 'width', 'depth', 'stream'];

/** A `PrettyPrinter(...)` object with its pprint, pformat, isreadable and isrecursive methods. */
function makePrinter(o: Options, write: PprintWrite): PyNamespace {
  const self = new PyNamespace('PrettyPrinter', new Map());
  const method = (name: string, f: (obj: unknown, site: CallSite) => unknown) => {
    self.attrs.set(
      name,
      new PyCallable(name, (args, kwargs, site) => f(needObject(name, args, kwargs), site), {
        kind: 'method',
        self,
        owner: 'PrettyPrinter',
      }),
    );
  };
  method('pprint', (obj, site) => {
    write(`${pformat(obj, o)}\n`, site);
    return null;
  });
  method('pformat', (obj) => pformat(obj, o));
  method('isreadable', (obj) => {
    const [, readable, recursive] = new Printer(o).safeRepr(obj, new Set(), null, 0);
    return readable && !recursive;
  });
  method('isrecursive', (obj) => new Printer(o).safeRepr(obj, new Set(), null, 0)[2]);
  return self;
}

/** A fresh `pprint` module whose pprint() writes through `write` (print's sink). */
export function makePprintModule(write: PprintWrite): PyModule {
  const module = new PyModule('pprint', new Map(), '/usr/lib/python3.11/pprint.py');
  const fn = (name: string, f: (args: readonly unknown[], kw: Kwargs, s: CallSite) => unknown) =>
    module.attrs.set(name, new PyCallable(name, f, {kind: 'builtin'}));
  const rest = (args: readonly unknown[]) => args.slice(1);
  fn('pprint', (args, kwargs, site) => {
    const obj = needObject('pprint', args, kwargs);
    const values = readOptions(
      'pprint',
      ['stream', ...printerPositional.slice(0, 3)],
      rest(args),
      kwargs,
    );
    write(`${pformat(obj, toOptions(values))}\n`, site);
    return null;
  });
  fn('pp', (args, kwargs, site) => {
    const obj = needObject('pp', args, kwargs);
    const values = readOptions(
      'pp',
      ['stream', ...printerPositional.slice(0, 3)],
      rest(args),
      kwargs,
      {
        sort_dicts: false,
      },
    );
    write(`${pformat(obj, toOptions(values))}\n`, site);
    return null;
  });
  fn('pformat', (args, kwargs) => {
    const obj = needObject('pformat', args, kwargs);
    return pformat(
      obj,
      toOptions(readOptions('pformat', printerPositional.slice(0, 3), rest(args), kwargs)),
    );
  });
  const plain = toOptions(new Map());
  fn(
    'saferepr',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('saferepr', args, kwargs), new Set(), null, 0)[0],
  );
  fn(
    'isreadable',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('isreadable', args, kwargs), new Set(), null, 0)[1],
  );
  fn(
    'isrecursive',
    (args, kwargs) =>
      new Printer(plain).safeRepr(needObject('isrecursive', args, kwargs), new Set(), null, 0)[2],
  );
  module.attrs.set(
    'PrettyPrinter',
    new PyCallable(
      'PrettyPrinter',
      (args, kwargs) =>
        makePrinter(
          toOptions(readOptions('PrettyPrinter.__init__', printerPositional, args, kwargs)),
          write,
        ),
      {kind: 'class', qualname: 'pprint.PrettyPrinter'},
    ),
  );
  return module;
}
