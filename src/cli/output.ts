/**
 * Writing a command's result: to standard output for `-`, else to a file, with a one-line error
 * in CPython's words (never a stack trace) when the file cannot be written.
 */
import {writeFileSync} from 'node:fs';
import type {CliIO} from './io.js';

/** The reason, as CPython words it, that a file could not be written. */
export function writeError(e: unknown): string {
  const code = (e as {code?: string}).code;
  if (code === 'ENOENT') return '[Errno 2] No such file or directory';
  if (code === 'EACCES') return '[Errno 13] Permission denied';
  if (code === 'EISDIR') return '[Errno 21] Is a directory';
  if (code === 'ENOTDIR') return '[Errno 20] Not a directory';
  if (code === 'EROFS') return '[Errno 30] Read-only file system';
  if (code === 'ENOSPC') return '[Errno 28] No space left on device';
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes `text` to `out` (`-` is standard output). Returns true, or prints
 * `grad-graph COMMAND: error: can't write 'OUT': REASON` and returns false (the caller exits 2).
 */
export function writeOutput(out: string, text: string, io: CliIO, command: string): boolean {
  if (out === '-') {
    io.stdout(text);
    return true;
  }
  try {
    writeFileSync(out, text);
    return true;
  } catch (e) {
    io.stderr(`grad-graph ${command}: error: can't write '${out}': ${writeError(e)}\n`);
    return false;
  }
}
