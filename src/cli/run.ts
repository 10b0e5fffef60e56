/**
 * `grad-graph run FILE.py` (or `-` for standard input): runs the script and prints exactly what
 * `python3 FILE.py` prints; on an error, a Python-style traceback on stderr and exit code 1.
 */
import {runErrorOf} from '../run/errors.js';
import {runOptionsOf} from '../run/limits.js';
import {withMaxElements} from '../run/trace.js';
import {runScript} from '../script/index.js';
import type {Command} from './io.js';
import {
  flagUsage,
  limitFlags,
  limitHelp,
  parseScriptArgs,
  readScript,
  withCliDefaults,
} from './script-file.js';

const flags = limitFlags(false);
const runUsage = `usage: grad-graph run ${flagUsage(flags)} FILE.py|-`;
const runHelp = `${runUsage}\n\n${limitHelp(flags)}`;

/** The `run` command. */
export const run: Command = async (args, io) => {
  const parsed = parseScriptArgs(args, io, 'run', runUsage, flags, {}, runHelp);
  if (typeof parsed === 'number') return parsed;
  const script = await readScript(parsed.file, io);
  if (!script) return 2;
  const {source, filename} = script;
  const {limits, maxElements} = runOptionsOf(withCliDefaults(parsed.numbers));
  const result = withMaxElements(maxElements, () =>
    runScript(source, {
      filename,
      ...(limits ? {limits} : {}),
      hooks: {
        printed: (text) => {
          io.stdout(text);
        },
        warned: (text) => {
          io.stderr(text);
        },
      },
    }),
  );
  if (result.error) {
    io.stderr(`${runErrorOf(result.error).traceback}\n`);
    return 1;
  }
  return 0;
};
