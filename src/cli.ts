import process from 'node:process';
import {usage} from './cli-usage.js';

/** Where the CLI writes: stdout and stderr, so tests can run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the CLI with the given arguments (without `node` and the script path); returns the exit code. */
export function main(args: readonly string[], io: CliIO): number {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    io.stdout(`${usage}\n`);
    return args.length === 0 ? 2 : 0;
  }
  io.stderr(`${usage}\ngrad-graph: error: unknown command '${args[0] ?? ''}'\n`);
  return 2;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
