import process from 'node:process';
import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {isMainThread, parentPort, Worker, workerData} from 'node:worker_threads';
import {commands} from './cli/commands.js';
import type {CliIO} from './cli/io.js';
import {usage} from './cli/usage.js';
import {loadAllStdlibModules} from './script/index.js';
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
  // Runs here are synchronous and waiting costs nothing: every module, no lazy chunk.
  loadAllStdlibModules();
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

/** What the CLI's thread is told by the process that started it (see below). */
interface CliWorkerData {
  readonly gradGraphCli: readonly string[];
}

function isCliWorker(data: unknown): data is CliWorkerData {
  return typeof data === 'object' && data !== null && 'gradGraphCli' in data;
}

if (isMainThread && isEntryPoint()) {
  // The CLI runs on a thread of its own with a 64 MB stack: the main thread's (~1 MB) held about
  // 800 nested Python calls, short of CPython's recursion limit of 1000, so a deep recursion
  // ended in a JS stack overflow instead of CPython's RecursionError at its depth.
  const worker = new Worker(new URL(import.meta.url), {
    workerData: {gradGraphCli: process.argv.slice(2)} satisfies CliWorkerData,
    resourceLimits: {stackSizeMb: 64},
    stdin: true,
  });
  worker.on('message', (m: unknown) => {
    if (m === 'stdin' && worker.stdin) process.stdin.pipe(worker.stdin);
    else if (typeof m === 'number') process.exitCode = m;
  });
  worker.on('error', (e) => {
    process.stderr.write(`grad-graph: internal error: ${e.stack ?? e.message}\n`);
    process.exitCode = 70;
  });
  worker.on('exit', () => {
    process.stdin.unpipe();
    process.stdin.destroy();
  });
} else if (!isMainThread && isCliWorker(workerData)) {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      parentPort?.postMessage('stdin');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  parentPort?.postMessage(await main(workerData.gradGraphCli, io));
}
