/**
 * What the script commands (`run`, `trace`, `render`) share: reading their command line (one
 * FILE.py or `-`, plus whole-number options) and reading the script, with CPython's words when
 * the file cannot be opened.
 */
import {readFileSync} from 'node:fs';
import {limitNames, runLimits, type LimitName, type LimitValues} from '../run/limits.js';
import type {CliIO} from './io.js';

/**
 * The flags of the run limits (`--max-loop-iterations N`, …), read from the one table of limits:
 * `run` takes all but `--max-ops` (it records no ops), `trace` all seven.
 */
export function limitFlags(withOps: boolean): Readonly<Record<string, LimitName>> {
  return Object.fromEntries(
    limitNames
      .filter((name) => withOps || name !== 'maxOps')
      .map((name) => [`--${runLimits[name].attribute}`, name]),
  );
}

/**
 * The CLI's defaults where they differ from the element's: a terminal has Ctrl-C and a tutorial's
 * training loop may run for minutes, so the wall-clock budget is ten minutes, not a page's 30 s
 * (the statement and loop limits still stop a runaway script).
 */
export const cliDefaults: Readonly<LimitValues> = {timeBudgetMs: 600_000};

/** The limits set on the command line over the CLI's defaults. */
export function withCliDefaults<Key extends LimitName>(
  values: Partial<Record<Key, number>>,
): LimitValues {
  return {...cliDefaults, ...values};
}

/**
 * The help of the limit flags among `flags`: one line each, what a script that goes past it does
 * and the default, read from the table of run limits (the element's attributes say the same).
 */
export function limitHelp(flags: Readonly<Record<string, string>>): string {
  const rows = Object.entries(flags).flatMap(([flag, key]) => {
    const limit = (runLimits as Readonly<Record<string, (typeof runLimits)[LimitName]>>)[key];
    return limit
      ? [
          [
            `${flag} N`,
            `stop when the script ${limit.stops} (default ${String(cliDefaults[key as LimitName] ?? limit.fallback)})`,
          ],
        ]
      : [];
  });
  const width = Math.max(...rows.map(([f]) => (f ?? '').length));
  const lines = rows.map(([f, text]) => `  ${(f ?? '').padEnd(width)}  ${text ?? ''}`);
  return `limits (past one, the script stops with a RuntimeError naming it; 0 is allowed):\n${lines.join('\n')}`;
}

/** The usage text of some flags: `[--flag N] …`. */
export function flagUsage(flags: Readonly<Record<string, string>>): string {
  return Object.keys(flags)
    .map((flag) => `[${flag} N]`)
    .join(' ');
}

/** A parsed command line: the script argument, the whole-number and the text options by key. */
export interface ScriptArgs<Key extends string, TextKey extends string = never> {
  readonly file: string;
  readonly numbers: Partial<Record<Key, number>>;
  readonly texts: Partial<Record<TextKey, string>>;
}

/**
 * Parses `[--flag N | --flag=N]… [-o TEXT]… FILE.py|-` where every flag of `flags` takes a
 * non-negative integer and every flag of `textFlags` any text. Returns the arguments, or the exit
 * code after printing `help` (0; default the usage) or a usage error (2).
 */
export function parseScriptArgs<Key extends string, TextKey extends string = never>(
  args: readonly string[],
  io: CliIO,
  command: string,
  usage: string,
  flags: Readonly<Record<string, Key>>,
  textFlags: Readonly<Record<string, TextKey>> = {},
  help: string = usage,
): ScriptArgs<Key, TextKey> | number {
  const usageError = (message: string) => {
    io.stderr(`${usage}\ngrad-graph ${command}: error: ${message}\n`);
    return 2;
  };
  const numbers: Partial<Record<Key, number>> = {};
  const texts: Partial<Record<TextKey, string>> = {};
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    const key = Object.hasOwn(flags, flag) ? flags[flag] : undefined;
    const textKey = Object.hasOwn(textFlags, flag) ? textFlags[flag] : undefined;
    if (textKey !== undefined) {
      const value = inline ?? args[++i];
      if (value === undefined) return usageError(`argument ${flag}: expected one argument`);
      texts[textKey] = value;
    } else if (key !== undefined) {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value)) {
        return usageError(`${flag} expects a non-negative integer`);
      }
      numbers[key] = Number(value);
    } else if (arg === '-h' || arg === '--help') {
      io.stdout(`${help}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unrecognized option '${arg}'`);
    } else if (file !== null) {
      return usageError(`unexpected argument '${arg}'`);
    } else {
      file = arg;
    }
  }
  if (file === null) return usageError('the following arguments are required: FILE.py');
  return {file, numbers, texts};
}

/** The reason CPython gives when it cannot open a script. */
function openError(e: unknown): string {
  const code = (e as {code?: string}).code;
  if (code === 'ENOENT') return '[Errno 2] No such file or directory';
  if (code === 'EISDIR') return '[Errno 21] Is a directory';
  if (code === 'EACCES') return '[Errno 13] Permission denied';
  return e instanceof Error ? e.message : 'cannot read';
}

/**
 * Reads the script named on the command line (`-` is standard input) with the filename its
 * tracebacks use; on failure prints CPython's message and returns null (the caller exits 2).
 */
export async function readScript(
  file: string,
  io: CliIO,
): Promise<{source: string; filename: string} | null> {
  if (file === '-') return {source: await io.readStdin(), filename: '<stdin>'};
  try {
    return {source: readFileSync(file, 'utf8'), filename: file};
  } catch (e) {
    io.stderr(`grad-graph: can't open file '${file}': ${openError(e)}\n`);
    return null;
  }
}
