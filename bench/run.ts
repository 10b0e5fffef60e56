/**
 * `npm run bench`: every benchmark suite in one run, printed as a table and written to
 * bench/results.json with the machine it ran on.
 *
 * `npm run bench -- WORD …` runs only the rows whose workload names contain one of the words, and
 * writes bench/results.local.json instead, so a partial run never replaces the full results.
 */
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import {formatTable, measure, type BenchRow} from './harness.js';
import {suites} from './suites.js';

const filters = process.argv.slice(2).map((word) => word.toLowerCase());
const wanted = (name: string) =>
  filters.length === 0 || filters.some((word) => name.toLowerCase().includes(word));

const started = performance.now();
const rows: BenchRow[] = [];
for (const suite of suites) {
  for (const c of await suite(wanted)) {
    if (!wanted(c.name)) continue;
    const row = measure(c);
    rows.push(row);
    console.log(formatTable([row]).split('\n')[2]);
  }
}
console.log(`\n${formatTable(rows)}`);
const seconds = (performance.now() - started) / 1000;
console.log(`\n${rows.length} rows in ${seconds.toFixed(1)} s`);
const machine = {
  cpus: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
};
const date = new Date().toISOString();
const file = filters.length === 0 ? './results.json' : './results.local.json';
writeFileSync(
  new URL(file, import.meta.url),
  `${JSON.stringify({date, machine, seconds, rows}, null, 2)}\n`,
);
if (filters.length === 0) {
  const markdown = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${date} in ${seconds.toFixed(0)} s.`,
    `Machine: ${machine.cpus}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node},`,
    `${machine.platform}; load average ${machine.loadAverage.join(' / ')} when it finished.`,
    '',
    'Each row: our median, the baseline measured in the same run, their ratio and the target.',
    '',
    '```',
    formatTable(rows),
    '```',
    '',
  ].join('\n');
  writeFileSync(new URL('./results.md', import.meta.url), markdown);
}
