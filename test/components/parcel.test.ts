/**
 * pack / Unpacker (src/run/parcel.ts): a worker's big answer cut into slices and put back together
 * equal to what was packed, with shared objects still shared, and nothing changed in the original.
 */
import {describe, expect, it} from 'vitest';
import {pack, Unpacker} from '../../src/run/parcel.js';
import {traceSource} from '../../src/run/index.js';
import {buildPicture} from '../../src/run/picture.js';

/** What the page gets: every slice and the skeleton cloned as postMessage clones them. */
function roundTrip(value: unknown, items?: number): unknown {
  const {skeleton, slices} = pack(value, items);
  const unpacker = new Unpacker();
  for (const slice of slices) unpacker.add(structuredClone(slice));
  return unpacker.unpack(structuredClone(skeleton));
}

describe('pack and Unpacker', () => {
  it('cut long arrays and big records into slices of at most `items`, and put them back', () => {
    const record = Object.fromEntries(Array.from({length: 25}, (_, i) => [`k${String(i)}`, i]));
    const value = {
      long: Array.from({length: 23}, (_, i) => ({i, inner: [i, {deep: Array(12).fill(i)}]})),
      short: [1, 2, 3],
      record,
      nested: [[Array.from({length: 11}, (_, i) => i)]],
      values: new Float32Array([1.5, 2.5]),
      nothing: null,
    };
    const before = JSON.stringify(value);
    const {slices, skeleton} = pack(value, 10);
    expect(JSON.stringify(value)).toBe(before);
    expect(slices.every((s) => s.items.length <= 10)).toBe(true);
    // long: 3 slices, record: 3, nested's inner array: 2.
    expect(slices).toHaveLength(8);
    expect(JSON.stringify(skeleton).length).toBeLessThan(before.length / 4);
    const back = roundTrip(value, 10) as typeof value;
    expect(back).toEqual(value);
    expect(back.values).toBeInstanceOf(Float32Array);
  });

  it('keeps an object shared where the answer shares it (a picture graph is its timeline graph)', () => {
    const nodes = Array.from({length: 30}, (_, i) => ({id: String(i)}));
    const graph = {nodes};
    const value = {graph, timeline: {graph, steps: [graph]}};
    const back = roundTrip(value, 8) as typeof value;
    expect(back.timeline.graph).toBe(back.graph);
    expect(back.timeline.steps[0]).toBe(back.graph);
    expect(back.graph.nodes).toHaveLength(30);
  });

  it('a whole value too big packs to a placeholder, and small ones pass as they are', () => {
    expect(
      roundTrip(
        Array.from({length: 40}, (_, i) => i),
        10,
      ),
    ).toEqual(Array.from({length: 40}, (_, i) => i));
    expect(roundTrip('text')).toBe('text');
    expect(roundTrip({a: [1]})).toEqual({a: [1]});
  });

  it('a script worker answer, a trace and its 1,000-node picture, comes back equal', () => {
    const lines = ['import torch', 'h0 = torch.ones(2, requires_grad=True)'];
    for (let i = 1; i <= 500; i++) lines.push(`h${String(i)} = h${String(i - 1)} * 0.9`);
    lines.push('h500.sum().backward()');
    const trace = traceSource(`${lines.join('\n')}\n`);
    const picture = buildPicture(trace, {view: 'dataflow', direction: 'LR'});
    const value = {trace, picture};
    const {skeleton} = pack(value);
    expect(JSON.stringify(skeleton).length).toBeLessThan(20_000);
    const back = roundTrip(value) as typeof value;
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(back.picture.timeline.graph).toBe(back.picture.graph);
  });
});
