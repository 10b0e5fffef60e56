/**
 * Python's built-in exception classes (CPython 3.11's hierarchy) as PyClasses, and the bridge
 * between the two ways an exception exists here: the JS `PyException` the runner throws (what
 * TypeScript code and PyTorch's bindings raise by type name) and the Python object a script
 * catches (`except RuntimeError as e`), raises or subclasses.
 */
import {PyException} from './errors.js';
import {late} from './late.js';
import {PyClass, PyInstance, PyMethodDescriptor, PyProperty, objectClass} from './objects.js';
import {pyRepr, pyStr} from './repr.js';
import {PyTuple} from './values.js';

/** What a built-in exception instance carries besides its dict. */
interface ExceptionState {
  args: readonly unknown[];
  /** The PyException that carries it while it propagates (traceback frames, cause, context). */
  error: PyException | null;
}

function state(self: unknown): ExceptionState {
  if (self instanceof PyInstance && self.native && typeof self.native === 'object') {
    return self.native as ExceptionState;
  }
  return {args: [], error: null};
}

function chained(self: unknown, which: 'cause' | 'context'): unknown {
  const err = state(self).error;
  const other = which === 'cause' ? err?.pyCause : err?.context;
  return other ? exceptionObject(other) : null;
}

/** `e.args` of an exception object. */
export function exceptionArgs(self: PyInstance): readonly unknown[] {
  return state(self).args;
}

/** `str(e)`: '' for no args, `str(arg)` for one (its repr for KeyError), the tuple's repr else. */
export function exceptionStr(self: PyInstance): string {
  const args = state(self).args;
  if (args.length === 0) return '';
  if (args.length === 1) {
    return self.cls.isSubclassOf(builtinException('KeyError')) ? pyRepr(args[0]) : pyStr(args[0]);
  }
  return pyRepr(new PyTuple(args));
}

const baseException = new PyClass(
  'BaseException',
  [objectClass],
  new Map<string, unknown>([
    [
      '__init__',
      new PyMethodDescriptor(
        '__init__',
        (self, args) => {
          if (self instanceof PyInstance) state(self).args = [...args];
          return null;
        },
        'BaseException',
      ),
    ],
    [
      '__str__',
      new PyMethodDescriptor(
        '__str__',
        (self) => exceptionStr(self as PyInstance),
        'BaseException',
      ),
    ],
    [
      '__repr__',
      new PyMethodDescriptor(
        '__repr__',
        (self) => {
          const inst = self as PyInstance;
          const args = state(inst).args;
          const inner =
            args.length === 1 ? pyRepr(args[0]) : pyRepr(new PyTuple(args)).slice(1, -1);
          return `${inst.cls.name}(${args.length === 0 ? '' : inner})`;
        },
        'BaseException',
      ),
    ],
    [
      'args',
      new PyProperty(
        new PyMethodDescriptor('args', (self) => new PyTuple(state(self).args), 'BaseException'),
        new PyMethodDescriptor(
          'args',
          (self, args) => {
            state(self).args = late.iterate(args[0]);
            return null;
          },
          'BaseException',
        ),
      ),
    ],
    [
      '__cause__',
      new PyProperty(
        new PyMethodDescriptor('__cause__', (self) => chained(self, 'cause'), 'BaseException'),
      ),
    ],
    [
      '__context__',
      new PyProperty(
        new PyMethodDescriptor('__context__', (self) => chained(self, 'context'), 'BaseException'),
      ),
    ],
    ['__traceback__', null],
    ['with_traceback', new PyMethodDescriptor('with_traceback', (self) => self, 'BaseException')],
  ]),
  'builtins',
  'BaseException',
  (cls, args) => {
    const inst = new PyInstance(cls);
    const s: ExceptionState = {args: [...args], error: null};
    inst.native = s;
    return inst;
  },
);

/** CPython 3.11's built-in exceptions: name → base name. */
const hierarchy: readonly (readonly [string, string])[] = [
  ['Exception', 'BaseException'],
  ['SystemExit', 'BaseException'],
  ['KeyboardInterrupt', 'BaseException'],
  ['GeneratorExit', 'BaseException'],
  ['ArithmeticError', 'Exception'],
  ['FloatingPointError', 'ArithmeticError'],
  ['OverflowError', 'ArithmeticError'],
  ['ZeroDivisionError', 'ArithmeticError'],
  ['AssertionError', 'Exception'],
  ['AttributeError', 'Exception'],
  ['BufferError', 'Exception'],
  ['EOFError', 'Exception'],
  ['ImportError', 'Exception'],
  ['ModuleNotFoundError', 'ImportError'],
  ['LookupError', 'Exception'],
  ['IndexError', 'LookupError'],
  ['KeyError', 'LookupError'],
  ['MemoryError', 'Exception'],
  ['NameError', 'Exception'],
  ['UnboundLocalError', 'NameError'],
  ['OSError', 'Exception'],
  ['FileNotFoundError', 'OSError'],
  ['PermissionError', 'OSError'],
  ['TimeoutError', 'OSError'],
  ['ReferenceError', 'Exception'],
  ['RuntimeError', 'Exception'],
  ['NotImplementedError', 'RuntimeError'],
  ['RecursionError', 'RuntimeError'],
  ['StopIteration', 'Exception'],
  ['StopAsyncIteration', 'Exception'],
  ['SyntaxError', 'Exception'],
  ['IndentationError', 'SyntaxError'],
  ['TabError', 'IndentationError'],
  ['SystemError', 'Exception'],
  ['TypeError', 'Exception'],
  ['ValueError', 'Exception'],
  ['UnicodeError', 'ValueError'],
  ['Warning', 'Exception'],
  ['UserWarning', 'Warning'],
  ['DeprecationWarning', 'Warning'],
  ['PendingDeprecationWarning', 'Warning'],
  ['RuntimeWarning', 'Warning'],
  ['SyntaxWarning', 'Warning'],
  ['FutureWarning', 'Warning'],
  ['ImportWarning', 'Warning'],
  ['UnicodeWarning', 'Warning'],
  ['ResourceWarning', 'Warning'],
];

const classes = new Map<string, PyClass>([['BaseException', baseException]]);
for (const [name, base] of hierarchy) {
  classes.set(name, new PyClass(name, [classes.get(base) as PyClass], new Map(), 'builtins'));
}
// `StopIteration.value`: what the generator returned (its first argument, else None).
(classes.get('StopIteration') as PyClass).dict.set(
  'value',
  new PyProperty(
    new PyMethodDescriptor('value', (self) => state(self).args[0] ?? null, 'StopIteration'),
  ),
);
// `e.name` of a NameError or AttributeError, `e.obj` of an AttributeError: what the failed lookup
// looked for and on what (None for one the script made).
for (const [cls, field] of [
  ['NameError', 'name'],
  ['AttributeError', 'name'],
  ['AttributeError', 'obj'],
] as const) {
  (classes.get(cls) as PyClass).dict.set(
    field,
    new PyProperty(
      new PyMethodDescriptor(
        field,
        (self) => {
          const err = state(self).error;
          if (!err || err.missingName === null) return null;
          return field === 'name' ? err.missingName : err.missingOwner;
        },
        cls,
      ),
    ),
  );
}
classes.set('EnvironmentError', classes.get('OSError') as PyClass);
classes.set('IOError', classes.get('OSError') as PyClass);

/** The built-in exception classes by name (the builtins a script sees). */
export const builtinExceptions: ReadonlyMap<string, PyClass> = classes;

/** A built-in exception class by name; unknown names (a TS error type) map to RuntimeError. */
export function builtinException(name: string): PyClass {
  return classes.get(name) ?? (classes.get('RuntimeError') as PyClass);
}

/** Is `value` an exception class (a subclass of BaseException)? */
export function isExceptionClass(value: unknown): value is PyClass {
  return value instanceof PyClass && value.isSubclassOf(baseException);
}

/** Is `value` an exception object? */
export function isExceptionObject(value: unknown): value is PyInstance {
  return value instanceof PyInstance && value.cls.isSubclassOf(baseException);
}

/**
 * The Python object of a raised exception: the one the script raised, or (for an error raised
 * by TypeScript by type name) an instance of that built-in class with `args == (message,)`.
 */
export function exceptionObject(err: PyException): PyInstance {
  if (err.value instanceof PyInstance) return err.value;
  const inst = new PyInstance(builtinException(err.type));
  const args = err.args ?? (err.message === '' ? [] : [err.message]);
  const s: ExceptionState = {args: [...args], error: err};
  inst.native = s;
  err.value = inst;
  return inst;
}

/** The PyException that carries an exception object when the script raises it. */
export function errorOf(value: PyInstance, message: string): PyException {
  const s = state(value);
  const cls = value.cls;
  if (s.error && s.error.value === value) {
    return s.error;
  }
  const err = new PyException(cls.name, message);
  err.value = value;
  err.args = s.args;
  err.shownType =
    cls.module === 'builtins' || cls.module === '__main__'
      ? cls.qualname
      : `${cls.module}.${cls.qualname}`;
  if (value.native && typeof value.native === 'object')
    (value.native as ExceptionState).error = err;
  else value.native = {args: s.args, error: err} satisfies ExceptionState;
  return err;
}
