/**
 * `grad-graph trace FILE.py [-o trace.json]` (or `-` for standard input): runs the script and
 * writes its Trace as JSON to stdout, or to the `-o` file. Exit codes like `run`: 0 when the script ran to the end; 1 when it stopped with
 * an error (the trace, which records the error, is still written, and the traceback goes to
 * stderr); 2 for a usage error or a file that cannot be read.
 */
// The run without the worker entries (Vite worker imports Node cannot load).
import {runErrorOfTrace} from '../run/errors.js';
import {runOptionsOf} from '../run/limits.js';
import {traceSource} from '../run/trace.js';
import type {Command} from './io.js';
import {writeOutput} from './output.js';
import {
  flagUsage,
  limitFlags,
  limitHelp,
  parseScriptArgs,
  readScript,
  withCliDefaults,
} from './script-file.js';

const flags = {'--value-limit': 'valueLimit', '--indent': 'indent', ...limitFlags(true)} as const;
const traceUsage = `usage: grad-graph trace [-o trace.json] ${flagUsage(flags)} FILE.py|-`;
const traceHelp = `${traceUsage}\n\n${limitHelp(flags)}`;

/** The `trace` command. */
export const trace: Command = async (args, io) => {
  const parsed = parseScriptArgs(
    args,
    io,
    'trace',
    traceUsage,
    flags,
    {
      '-o': 'out',
      '--output': 'out',
    },
    traceHelp,
  );
  if (typeof parsed === 'number') return parsed;
  const script = await readScript(parsed.file, io);
  if (!script) return 2;
  const {source, filename} = script;
  const {valueLimit, indent, ...limits} = parsed.numbers;
  const result = traceSource(source, {
    filename,
    ...runOptionsOf(withCliDefaults(limits)),
    ...(valueLimit !== undefined ? {valueLimit} : {}),
  });
  if (
    !writeOutput(parsed.texts.out ?? '-', `${JSON.stringify(result, null, indent)}\n`, io, 'trace')
  ) {
    return 2;
  }
  const error = runErrorOfTrace(result);
  if (error) {
    io.stderr(`${error.traceback}\n`);
    return 1;
  }
  return 0;
};
