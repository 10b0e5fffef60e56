/**
 * The bounded fuzz campaign of `npm test`: generated, mutated, truncated, deeply nested, huge and
 * oddly encoded scripts, and wrong arguments for every exposed callable, all through `runScript`,
 * each checked with the property of test/fuzz/property.ts. The seed is fixed, so the sequence of
 * scripts is the same on every run; past a wall-time cap the run stops (the scripts run are then a
 * prefix of that sequence), but never before `minimumScripts`, however loaded the machine: the
 * count is a property of the test, not of the machine's speed.
 * `npm run fuzz` runs ten times more with a random seed.
 */
import {describe, expect, it} from 'vitest';
import {runCampaign} from '../fuzz/campaign.js';
import {boundedSeed, boundedSize} from '../fuzz/sizes.js';

/** Wall-time cap of the campaign: well under a minute even with the machine's load. */
const capMs = 40_000;
/** The campaign's prefix that always runs, whatever the cap: fewer would not count as a fuzz test. */
const minimumScripts = 6_000;

describe('runScript under fuzzing', () => {
  it(`answers every fuzzed script in Python's words, located in the source (seed ${boundedSeed})`, () => {
    const report = runCampaign(boundedSeed, boundedSize, 20, undefined, capMs, minimumScripts);
    const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${total} scripts in ${(report.elapsedMs / 1000).toFixed(1)} s`,
      JSON.stringify(report.counts),
    );
    const shown = report.findings.map(
      (f) => `${f.family} #${f.index}: ${f.problem}\n${f.source.slice(0, 600)}`,
    );
    expect(shown).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(minimumScripts);
    for (const family of ['grammar', 'mutation', 'truncation', 'unicode', 'arguments']) {
      expect(report.counts[family] ?? 0, family).toBeGreaterThan(500);
    }
    for (const family of ['nesting', 'huge', 'odd']) {
      expect(report.counts[family] ?? 0, family).toBeGreaterThan(0);
    }
  }, 600_000);
});
