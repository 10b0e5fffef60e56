/**
 * The harmless parts of `os`, `sys` and `time`: path arithmetic (os.path.join, basename, dirname,
 * split, splitext, normpath, isabs), an empty `os.environ`, `sys.version_info`, `sys.argv`,
 * `sys.exit` (SystemExit), and clocks. Anything that would touch files, processes or the network
 * (os.listdir, os.getcwd, os.path.exists, open…) is a clear error: a script runs in a page, with
 * no file system.
 */
import {PyDict, PyRecord} from '../containers.js';
import {pyError} from '../errors.js';
import {pyStr, typeName} from '../repr.js';
import {PyCallable, PyList, PyModule, PyTuple, type Kwargs} from '../values.js';

function pathArg(v: unknown): string {
  if (typeof v !== 'string') {
    throw pyError('TypeError', `expected str, bytes or os.PathLike object, not ${typeName(v)}`);
  }
  return v;
}

function join(args: readonly unknown[]): string {
  if (args.length === 0) {
    throw pyError('TypeError', "join() missing 1 required positional argument: 'a'");
  }
  let path = pathArg(args[0]);
  for (const part of args.slice(1).map(pathArg)) {
    if (part.startsWith('/')) path = part;
    else if (path === '' || path.endsWith('/')) path += part;
    else path += `/${part}`;
  }
  return path;
}

function split(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head && head !== '/'.repeat(head.length)) head = head.replace(/\/+$/, '');
  return [head, tail];
}

function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > sep) {
    let i = sep + 1;
    while (i < dot && p.charAt(i) === '.') i++;
    if (i < dot) return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ''];
}

function normpath(p: string): string {
  if (p === '') return '.';
  const initial = p.startsWith('/') ? (p.startsWith('//') && !p.startsWith('///') ? 2 : 1) : 0;
  const out: string[] = [];
  for (const comp of p.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && !out.length) || out[out.length - 1] === '..') out.push(comp);
    else if (out.length) out.pop();
  }
  const text = '/'.repeat(initial) + out.join('/');
  return text || '.';
}

function noFiles(what: string): PyCallable {
  return new PyCallable(what.split('.').pop() ?? what, () => {
    throw pyError(
      'NotImplementedError',
      `${what}() is not supported by grad-graph: scripts run without a file system`,
    );
  });
}

function fn(name: string, f: (args: readonly unknown[], kwargs: Kwargs) => unknown): PyCallable {
  return new PyCallable(name, f);
}

/** A fresh `os` module (with `os.path`). */
export function makeOsModule(): PyModule {
  const path = new PyModule(
    'posixpath',
    new Map<string, unknown>([
      ['join', fn('join', join)],
      ['basename', fn('basename', (a) => split(pathArg(a[0]))[1])],
      ['dirname', fn('dirname', (a) => split(pathArg(a[0]))[0])],
      ['split', fn('split', (a) => new PyTuple(split(pathArg(a[0]))))],
      ['splitext', fn('splitext', (a) => new PyTuple(splitext(pathArg(a[0]))))],
      ['normpath', fn('normpath', (a) => normpath(pathArg(a[0])))],
      ['isabs', fn('isabs', (a) => pathArg(a[0]).startsWith('/'))],
      ['sep', '/'],
      ['exists', noFiles('os.path.exists')],
      ['isfile', noFiles('os.path.isfile')],
      ['isdir', noFiles('os.path.isdir')],
      ['abspath', noFiles('os.path.abspath')],
      ['getsize', noFiles('os.path.getsize')],
      ['expanduser', noFiles('os.path.expanduser')],
    ]),
    '/usr/lib/python3.11/posixpath.py',
  );
  const attrs = new Map<string, unknown>([
    ['path', path],
    ['sep', '/'],
    ['linesep', '\n'],
    ['name', 'posix'],
    ['curdir', '.'],
    ['environ', new PyDict()],
    ['getenv', fn('getenv', (a, kw) => a[1] ?? kw.get('default') ?? null)],
  ]);
  for (const name of [
    'getcwd',
    'listdir',
    'mkdir',
    'makedirs',
    'remove',
    'unlink',
    'rmdir',
    'rename',
    'walk',
    'scandir',
    'chdir',
    'system',
    'stat',
  ]) {
    attrs.set(name, noFiles(`os.${name}`));
  }
  return new PyModule('os', attrs, '/usr/lib/python3.11/os.py');
}

/** A fresh `sys` module; `argv` holds the script's file name. */
export function makeSysModule(filename = 'script.py'): PyModule {
  const versionInfo = new PyRecord(
    null,
    'sys.version_info',
    ['major', 'minor', 'micro', 'releaselevel', 'serial'],
    [3n, 11n, 2n, 'final', 0n],
  );
  const attrs = new Map<string, unknown>([
    ['version_info', versionInfo],
    ['version', '3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]'],
    ['argv', new PyList([filename])],
    ['platform', 'linux'],
    ['maxsize', 9223372036854775807n],
    ['byteorder', 'little'],
    [
      'exit',
      fn('exit', (a) => {
        const code = a[0] ?? null;
        throw pyError('SystemExit', code === null ? '' : pyStr(code));
      }),
    ],
    ['getrecursionlimit', fn('getrecursionlimit', () => 1000n)],
  ]);
  return new PyModule('sys', attrs, '(built-in)');
}

/** A fresh `time` module: real clocks (their values are not compared), `sleep` returns at once. */
export function makeTimeModule(): PyModule {
  const seconds = () => Date.now() / 1000;
  const precise = () => performance.now() / 1000;
  const attrs = new Map<string, unknown>([
    ['time', fn('time', seconds)],
    ['perf_counter', fn('perf_counter', precise)],
    ['monotonic', fn('monotonic', precise)],
    ['process_time', fn('process_time', precise)],
    ['time_ns', fn('time_ns', () => BigInt(Date.now()) * 1000000n)],
    ['perf_counter_ns', fn('perf_counter_ns', () => BigInt(Math.round(precise() * 1e9)))],
    [
      'sleep',
      fn('sleep', (a) => {
        const s = a[0];
        if (typeof s !== 'number' && typeof s !== 'bigint' && typeof s !== 'boolean') {
          throw pyError('TypeError', `'${typeName(s)}' object cannot be interpreted as an integer`);
        }
        if (Number(s) < 0) throw pyError('ValueError', 'sleep length must be non-negative');
        return null;
      }),
    ],
  ]);
  return new PyModule('time', attrs, '(built-in)');
}
