/**
 * `grad-graph run FILE.py` (or `-` for standard input): runs the script and prints exactly what
 * `python3 FILE.py` prints; on an error, a Python-style traceback on stderr and exit code 1.
 */
import {readFileSync} from 'node:fs';
import {runScript, type Limits} from '../script/index.js';
import type {CliIO, Command} from './io.js';

const runUsage =
  'usage: grad-graph run [--max-loop-iterations N] [--max-statements N] [--max-depth N] [--time-budget-ms N] FILE.py|-';

const limitFlags: Readonly<Record<string, keyof Limits>> = {
  '--max-loop-iterations': 'maxLoopIterations',
  '--max-statements': 'maxStatements',
  '--max-depth': 'maxDepth',
  '--time-budget-ms': 'timeBudgetMs',
};

function usageError(io: CliIO, message: string): number {
  io.stderr(`${runUsage}\ngrad-graph run: error: ${message}\n`);
  return 2;
}

/** The `run` command. */
export const run: Command = async (args, io) => {
  const limits: Partial<Record<keyof Limits, number>> = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const key = flag ? limitFlags[flag] : undefined;
    if (key) {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value)) {
        return usageError(io, `${flag} expects a non-negative integer`);
      }
      limits[key] = Number(value);
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(`${runUsage}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(io, `unrecognized option '${arg}'`);
    } else if (file !== null) {
      return usageError(io, `unexpected argument '${arg}'`);
    } else {
      file = arg;
    }
  }
  if (file === null) return usageError(io, 'the following arguments are required: FILE.py');
  let source: string;
  let filename = file;
  if (file === '-') {
    source = await io.readStdin();
    filename = '<stdin>';
  } else {
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as {code?: string}).code;
      const reason =
        code === 'ENOENT'
          ? '[Errno 2] No such file or directory'
          : code === 'EISDIR'
            ? '[Errno 21] Is a directory'
            : code === 'EACCES'
              ? '[Errno 13] Permission denied'
              : (e as Error).message;
      io.stderr(`grad-graph: can't open file '${file}': ${reason}\n`);
      return 2;
    }
  }
  const result = runScript(source, {
    filename,
    limits,
    hooks: {
      printed: (text) => {
        io.stdout(text);
      },
      warned: (text) => {
        io.stderr(text);
      },
    },
  });
  if (result.error) {
    io.stderr(`${result.error.traceback}\n`);
    return 1;
  }
  return 0;
};
