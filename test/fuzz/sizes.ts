/**
 * Campaign sizes. The bounded size is what `npm test` runs: chosen by measuring on the loaded
 * two-core machine so the whole campaign stays well under a minute (see the fuzz test's notes).
 */
import type {CampaignSize} from './campaign.js';

/** The seed of the bounded campaign in `npm test` (fixed: the test is reproducible). */
export const boundedSeed = 20_261_126;

/** The bounded campaign of `npm test`. */
export const boundedSize: CampaignSize = {
  grammar: 8_000,
  mutations: 8_000,
  truncationStride: 1,
  sprinkles: 2_000,
  wrongArgumentCombos: 10,
  hostile: true,
  deepestNesting: 10_000,
};

/** A campaign `k` times bigger (truncations at every position either way; hostile cases once). */
export function scaled(size: CampaignSize, k: number): CampaignSize {
  return {
    grammar: Math.round(size.grammar * k),
    mutations: Math.round(size.mutations * k),
    truncationStride: 1,
    sprinkles: Math.round(size.sprinkles * k),
    wrongArgumentCombos: Math.round(size.wrongArgumentCombos * k),
    hostile: size.hostile,
    deepestNesting: 100_000,
  };
}
