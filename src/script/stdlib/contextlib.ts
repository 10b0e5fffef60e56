/**
 * Python's `contextlib`: `contextmanager` (a generator function as a `with` manager: the code
 * before its `yield` enters, the code after exits, an exception in the block is raised at the
 * `yield`), `suppress` and `nullcontext`, with CPython 3.11's errors (contextlib.py's own logic).
 */
import {callValue} from '../call.js';
import {isStopIteration} from '../dunders.js';
import {PyException, pyError} from '../errors.js';
import {errorOf, exceptionObject, isExceptionClass, isExceptionObject} from '../exceptions.js';
import {PyGenerator} from '../generators.js';
import {PyClass, PyFunction, PyInstance, PyMethodDescriptor, objectClass} from '../objects.js';
import {pyStr, typeName} from '../repr.js';
import {PyCallable, PyModule, PyTuple, type Kwargs} from '../values.js';

/** A method of a TS-made class, given the state its instances hold in `native`. */
function method(
  owner: string,
  name: string,
  f: (state: never, args: readonly unknown[]) => unknown,
): PyMethodDescriptor {
  return new PyMethodDescriptor(
    name,
    (self, args) => f((self as PyInstance).native as never, args),
    owner,
  );
}

/** The generator behind a `@contextmanager` manager, made when the decorated function is called. */
interface ManagerState {
  readonly gen: PyGenerator;
}

/** Is `e` the exception object `value`'s own PyException? */
function isSame(e: unknown, value: unknown): boolean {
  return e instanceof PyException && exceptionObject(e) === value;
}

function enter(state: ManagerState): unknown {
  try {
    return state.gen.send(null);
  } catch (e) {
    if (isStopIteration(e)) throw pyError('RuntimeError', "generator didn't yield");
    throw e;
  }
}

function exit(state: ManagerState, args: readonly unknown[]): boolean {
  const [type, given] = args;
  if (type === null || type === undefined) {
    try {
      state.gen.send(null);
    } catch (e) {
      if (isStopIteration(e)) return false;
      throw e;
    }
    throw pyError('RuntimeError', "generator didn't stop");
  }
  const value = isExceptionObject(given) ? given : callValue(type, []);
  if (!isExceptionObject(value)) {
    throw pyError('TypeError', 'exceptions must derive from BaseException');
  }
  const err = errorOf(value, pyStr(value));
  // The traceback as the `with` block left it: restored if the generator raises it again.
  const frames = [...err.frames];
  const {statement, span} = err;
  try {
    state.gen.throw(err);
  } catch (e) {
    if (isStopIteration(e)) return !isSame(e, value);
    if (isSame(e, value)) {
      err.frames.splice(0, err.frames.length, ...frames);
      err.statement = statement;
      err.span = span;
      return false;
    }
    throw e;
  }
  throw pyError('RuntimeError', "generator didn't stop after throw()");
}

const generatorManager = new PyClass(
  '_GeneratorContextManager',
  [objectClass],
  new Map<string, unknown>([
    ['__enter__', method('_GeneratorContextManager', '__enter__', enter)],
    ['__exit__', method('_GeneratorContextManager', '__exit__', exit)],
  ]),
  'contextlib',
);

/** `@contextmanager`: calling the decorated function makes a manager around its generator. */
function contextmanager(args: readonly unknown[]): PyCallable {
  const func = args[0];
  if (args.length !== 1) {
    throw pyError(
      'TypeError',
      `contextmanager() takes 1 positional argument but ${args.length} were given`,
    );
  }
  const name = func instanceof PyFunction ? func.name : 'helper';
  return new PyCallable(name, (callArgs, kwargs, site) => {
    const gen = callValue(func, callArgs, kwargs, site.span);
    if (!(gen instanceof PyGenerator)) {
      // contextlib's __enter__ calls next() on it: a function that is not a generator fails there.
      throw pyError('TypeError', `'${typeName(gen)}' object is not an iterator`);
    }
    const inst = new PyInstance(generatorManager);
    inst.native = {gen} satisfies ManagerState;
    return inst;
  });
}

/** `suppress(*exceptions)`: a `with` block whose matching exceptions are swallowed. */
const suppressClass = new PyClass(
  'suppress',
  [objectClass],
  new Map<string, unknown>([
    ['__enter__', method('suppress', '__enter__', () => null)],
    [
      '__exit__',
      method('suppress', '__exit__', (types: unknown[], args) => {
        const value = args[1];
        if (!isExceptionObject(value)) return false;
        return types.some((t) => matches(t, value));
      }),
    ],
  ]),
  'contextlib',
);

function matches(t: unknown, value: PyInstance): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => matches(x, value));
  if (!isExceptionClass(t)) {
    throw pyError(
      'TypeError',
      'issubclass() arg 2 must be a class, a tuple of classes, or a union',
    );
  }
  return value.cls.isSubclassOf(t);
}

/** `nullcontext(enter_result=None)`: a manager that does nothing. */
const nullClass = new PyClass(
  'nullcontext',
  [objectClass],
  new Map<string, unknown>([
    ['__enter__', method('nullcontext', '__enter__', (s: {result: unknown}) => s.result)],
    ['__exit__', method('nullcontext', '__exit__', () => null)],
  ]),
  'contextlib',
);

function instance(cls: PyClass, native: unknown): PyInstance {
  const inst = new PyInstance(cls);
  inst.native = native;
  return inst;
}

/** A fresh `contextlib` module. */
export function makeContextlibModule(): PyModule {
  return new PyModule(
    'contextlib',
    new Map<string, unknown>([
      ['contextmanager', new PyCallable('contextmanager', (args) => contextmanager(args))],
      ['suppress', new PyCallable('suppress', (args) => instance(suppressClass, [...args]))],
      [
        'nullcontext',
        new PyCallable('nullcontext', (args, kwargs: Kwargs) =>
          instance(nullClass, {result: kwargs.get('enter_result') ?? args[0] ?? null}),
        ),
      ],
    ]),
    '/usr/lib/python3.11/contextlib.py',
  );
}
