import process from 'node:process';
import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {commands} from './cli/commands.js';
import type {CliIO} from './cli/io.js';
import {usage} from './cli/usage.js';
import pkg from '../package.json' with {type: 'json'};

export type {CliIO} from './cli/io.js';

/** Runs the CLI with the given arguments (without `node` and the script path); returns the exit code. */
export async function main(args: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`grad-graph ${pkg.version}\n`);
    return 0;
  }
  if (name === undefined) {
    io.stderr(`${usage}\n`);
    return 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`${usage}\ngrad-graph: error: unknown command '${name}'\n`);
    return 2;
  }
  return command(rest, io);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  process.exitCode = await main(process.argv.slice(2), io);
}
