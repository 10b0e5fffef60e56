/**
 * `npm run fuzz`: the long fuzz campaign (about ten times the bounded one in `npm test`), with a
 * random seed printed first so any finding can be replayed: `npm run fuzz -- --seed N`.
 * Options: `--seed N`, `--scale K` (multiplies the bounded campaign's counts; default 10).
 * Exits 1 when the property was violated, printing each finding and its script.
 */
import {runCampaign} from './campaign.js';
import {boundedSize, scaled} from './sizes.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seed = Number(option('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const scale = Number(option('--scale') ?? 10);
console.log(`grad-graph fuzz: seed ${seed}, scale ${scale}`);
const report = runCampaign(seed, scaled(boundedSize, scale), 200, (done) => {
  if (done % 10_000 === 0) console.log(`  ${done} scripts…`);
});
const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
console.log(`${total} scripts in ${(report.elapsedMs / 1000).toFixed(1)} s`, report.counts);
for (const f of report.findings) {
  console.log(`\n--- ${f.family} #${f.index}: ${f.problem}`);
  console.log(
    f.source.length > 2000 ? `${f.source.slice(0, 2000)}… (${f.source.length} chars)` : f.source,
  );
}
console.log(`\n${report.findings.length} finding(s)`);
process.exitCode = report.findings.length ? 1 : 0;
