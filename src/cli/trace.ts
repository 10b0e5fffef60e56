/**
 * `grad-graph trace FILE.py` (or `-` for standard input): runs the script and writes its Trace as
 * JSON to stdout. Exit codes like `run`: 0 when the script ran to the end; 1 when it stopped with
 * an error (the trace, which records the error, is still written, and the traceback goes to
 * stderr); 2 for a usage error or a file that cannot be read.
 */
import {readFileSync} from 'node:fs';
import {traceSource} from '../pipeline.js';
import type {CliIO, Command} from './io.js';

const traceUsage = 'usage: grad-graph trace [--value-limit N] [--indent N] FILE.py|-';

function usageError(io: CliIO, message: string): number {
  io.stderr(`${traceUsage}\ngrad-graph trace: error: ${message}\n`);
  return 2;
}

/** The reason CPython gives when it cannot open a script. */
function openError(e: unknown): string {
  const code = (e as {code?: string}).code;
  if (code === 'ENOENT') return '[Errno 2] No such file or directory';
  if (code === 'EISDIR') return '[Errno 21] Is a directory';
  if (code === 'EACCES') return '[Errno 13] Permission denied';
  return e instanceof Error ? e.message : 'cannot read';
}

/** The `trace` command. */
export const trace: Command = async (args, io) => {
  const numbers: {valueLimit?: number; indent?: number} = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    if (flag === '--value-limit' || flag === '--indent') {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value)) {
        return usageError(io, `${flag} expects a non-negative integer`);
      }
      numbers[flag === '--indent' ? 'indent' : 'valueLimit'] = Number(value);
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(`${traceUsage}\n`);
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
      io.stderr(`grad-graph: can't open file '${file}': ${openError(e)}\n`);
      return 2;
    }
  }
  const result = traceSource(source, {
    filename,
    ...(numbers.valueLimit !== undefined ? {valueLimit: numbers.valueLimit} : {}),
  });
  io.stdout(`${JSON.stringify(result, null, numbers.indent)}\n`);
  if (result.error) {
    io.stderr(`${result.error.traceback}\n`);
    return 1;
  }
  return 0;
};
