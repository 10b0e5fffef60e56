/**
 * `grad-graph trace FILE.py [-o trace.json]` (or `-` for standard input): runs the script and
 * writes its Trace as JSON to stdout, or to the `-o` file. Exit codes like `run`: 0 when the script ran to the end; 1 when it stopped with
 * an error (the trace, which records the error, is still written, and the traceback goes to
 * stderr); 2 for a usage error or a file that cannot be read.
 */
import {traceSource} from '../pipeline.js';
import type {Command} from './io.js';
import {writeOutput} from './output.js';
import {limitFlags, limitUsage, limitsOf, parseScriptArgs, readScript} from './script-file.js';

const traceUsage = `usage: grad-graph trace [-o trace.json] [--value-limit N] [--indent N] [--max-ops N] ${limitUsage} FILE.py|-`;

/** The `trace` command. */
export const trace: Command = async (args, io) => {
  const parsed = parseScriptArgs(
    args,
    io,
    'trace',
    traceUsage,
    {
      '--value-limit': 'valueLimit',
      '--indent': 'indent',
      '--max-ops': 'maxOps',
      ...limitFlags,
    },
    {'-o': 'out', '--output': 'out'},
  );
  if (typeof parsed === 'number') return parsed;
  const script = await readScript(parsed.file, io);
  if (!script) return 2;
  const {source, filename} = script;
  const {valueLimit, indent, maxOps, ...rest} = parsed.numbers;
  const {limits, maxElements} = limitsOf(rest);
  const result = traceSource(source, {
    filename,
    limits,
    ...(valueLimit !== undefined ? {valueLimit} : {}),
    ...(maxOps !== undefined ? {maxOps} : {}),
    ...(maxElements !== undefined ? {maxElements} : {}),
  });
  if (
    !writeOutput(parsed.texts.out ?? '-', `${JSON.stringify(result, null, indent)}\n`, io, 'trace')
  ) {
    return 2;
  }
  if (result.error) {
    io.stderr(`${result.error.traceback}\n`);
    return 1;
  }
  return 0;
};
