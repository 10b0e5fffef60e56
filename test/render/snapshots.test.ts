import {describe, expect, it} from 'vitest';
import {renderSVG} from '../../src/render/index.js';
import {fixtureLayout, seedGraph, seedStateAt, seedTimeline} from './fixtures/seed.js';
import {checkSnapshot} from './snapshot.js';

/** Named pictures: each becomes test/output/<name>.svg. */
const pictures: Record<string, () => string> = {
  'fixture-seed-lr-first': () =>
    renderSVG(seedGraph, fixtureLayout(seedGraph, 'LR'), seedStateAt(0), {
      step: seedTimeline.steps[0] ?? null,
      stepCount: seedTimeline.steps.length,
    }),
  'fixture-seed-lr-sum': () =>
    renderSVG(seedGraph, fixtureLayout(seedGraph, 'LR'), seedStateAt(8), {
      step: seedTimeline.steps[8] ?? null,
      stepCount: seedTimeline.steps.length,
    }),
  'fixture-seed-tb-last-zh': () =>
    renderSVG(seedGraph, fixtureLayout(seedGraph, 'TB'), seedStateAt(9), {
      step: seedTimeline.steps[9] ?? null,
      stepCount: seedTimeline.steps.length,
      lang: 'zh',
    }),
};

describe('renderSVG snapshots (test/output/)', () => {
  for (const [name, picture] of Object.entries(pictures)) {
    it(`${name} matches test/output/${name}.svg`, () => {
      expect(checkSnapshot(name, picture())).toBeNull();
    });
  }
});
