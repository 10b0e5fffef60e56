/**
 * `grad-graph run FILE.py` (or `-` for standard input): runs the script and prints exactly what
 * `python3 FILE.py` prints; on an error, a Python-style traceback on stderr and exit code 1.
 */
import {runScript, type Limits} from '../script/index.js';
import type {Command} from './io.js';
import {parseScriptArgs, readScript} from './script-file.js';

const runUsage =
  'usage: grad-graph run [--max-loop-iterations N] [--max-statements N] [--max-depth N] [--time-budget-ms N] FILE.py|-';

const limitFlags: Readonly<Record<string, keyof Limits>> = {
  '--max-loop-iterations': 'maxLoopIterations',
  '--max-statements': 'maxStatements',
  '--max-depth': 'maxDepth',
  '--time-budget-ms': 'timeBudgetMs',
};

/** The `run` command. */
export const run: Command = async (args, io) => {
  const parsed = parseScriptArgs(args, io, 'run', runUsage, limitFlags);
  if (typeof parsed === 'number') return parsed;
  const script = await readScript(parsed.file, io);
  if (!script) return 2;
  const {source, filename} = script;
  const limits: Partial<Limits> = parsed.numbers;
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
