/**
 * One measured run for bench/loops.ts, in a process of its own so its peak memory is its own:
 * `tsx bench/loops-child.ts run|render FILE.py` runs the CLI command in-process (output kept in
 * memory) and prints `{"ms": …, "peakMB": …}` on its last line: the command's wall time, and the
 * process's peak resident memory (modules loaded, so both commands pay the same base).
 */
import process from 'node:process';
import {commands} from '../src/cli/commands.js';

const [name, file] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (!command || !file) throw new Error('usage: loops-child.ts run|render FILE.py');
const args = name === 'render' ? [file, '-o', '-'] : [file];
let bytes = 0;
const io = {
  stdout: (text: string) => {
    bytes += text.length;
  },
  stderr: (text: string) => {
    process.stderr.write(text);
  },
  readStdin: () => Promise.resolve(''),
};
const start = performance.now();
const code = await command(args, io);
const ms = performance.now() - start;
if (code !== 0) throw new Error(`${name} ${file} exited with ${code}`);
const peakMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ms, peakMB, bytes}));
