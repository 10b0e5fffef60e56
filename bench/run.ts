/**
 * `npm run bench`: every benchmark suite in one run, printed as a table and written to
 * bench/results.json with the machine it ran on.
 */
import {writeFileSync} from 'node:fs';
import os from 'node:os';
import {formatTable, measure, type BenchRow} from './harness.js';
import {suites} from './suites.js';

const rows: BenchRow[] = [];
for (const suite of suites) {
  for (const c of await suite()) {
    const row = measure(c);
    rows.push(row);
    console.log(formatTable([row]).split('\n')[2]);
  }
}
console.log(`\n${formatTable(rows)}`);
const machine = {
  cpus: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
writeFileSync(
  new URL('./results.json', import.meta.url),
  `${JSON.stringify({date: new Date().toISOString(), machine, rows}, null, 2)}\n`,
);
