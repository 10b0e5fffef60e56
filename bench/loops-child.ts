/**
 * One measured run for bench/loops.ts, in a process of its own so its peak memory is its own:
 * `tsx bench/loops-child.ts run|render FILE.py` runs the CLI command in-process (output kept in
 * memory) and prints `{"ms": …, "cpuMs": …, "peakMB": …}` on its last line: the command's wall time,
 * its CPU time (user + system, this process's threads: V8's compiler and collector included), and
 * the process's peak resident memory (modules loaded, so both commands pay the same base).
 *
 * The peak is Linux's VmHWM (/proc/self/status), the high-water mark of this process's own memory.
 * `process.resourceUsage().maxRSS` is not: Linux carries the largest RSS across `execve`, so a child
 * reported its parent's size at the fork (the bench runner's ~700 MB, the same for every row).
 */
import {readFileSync} from 'node:fs';
import process from 'node:process';
import {commands} from '../src/cli/commands.js';

const [name, file] = process.argv.slice(2);
const command = name === undefined ? undefined : commands[name];
if (!command || !file) throw new Error('usage: loops-child.ts run|render FILE.py');
// Both get ten minutes: a loaded machine ran the 20,000-step loop past the default 30 s budget.
const budget = ['--time-budget-ms', '600000'];
const args = name === 'render' ? [file, '-o', '-', ...budget] : [...budget, file];
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
const cpuStart = process.cpuUsage();
const code = await command(args, io);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
if (code !== 0) throw new Error(`${name} ${file} exited with ${code}`);
/** Peak resident memory of this process in MB (maxRSS where there is no /proc). */
function peakResidentMB(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1] !== undefined) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}
const peakMB = peakResidentMB();
console.log(JSON.stringify({ms, cpuMs, peakMB, bytes}));
