/**
 * stateAt against a plain reference: replaying every step from the start, as the definition of
 * the picture at step k says, must give exactly what the checkpointed stateAt gives, at every
 * step and in any seek order, on graphs big enough to span many checkpoints.
 */
import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import type {
  DisplayTensor,
  LinkState,
  GraphNodeState,
  State,
  Step,
  Timeline,
} from '../../src/graph/model.js';
import {stateAt} from '../../src/graph/state.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {loopTrace, neuronsTrace, seedTrace} from './fixtures.js';

/** The picture at every step, by replaying the steps one after another from nothing (obviously right). */
function reference(timeline: Timeline): State[] {
  const {steps} = timeline;
  const shown = new Set<string>();
  const links = new Set<string>();
  const values = new Map<string, DisplayTensor>();
  const grads = new Map<string, {grad: DisplayTensor; stored: boolean}>();
  const states: State[] = [];
  for (let at = 0; at < steps.length; at++) {
    const s = steps[at] as Step;
    for (const id of s.reveal?.nodeIds ?? s.nodeIds) shown.add(id);
    for (const id of s.reveal?.linkIds ?? s.linkIds) links.add(id);
    for (const c of s.changes ?? []) {
      if (c.link) continue;
      if (c.value) values.set(c.id, c.value);
      if (c.grad === null) grads.delete(c.id);
      else if (c.grad) grads.set(c.id, {grad: c.grad, stored: c.gradStored ?? false});
    }
    states.push(picture(timeline, at, shown, links, values, grads));
  }
  return states;
}

/** The reference picture at step `at` from what steps 0…at revealed and changed. */
function picture(
  timeline: Timeline,
  at: number,
  shown: ReadonlySet<string>,
  links: ReadonlySet<string>,
  values: ReadonlyMap<string, DisplayTensor>,
  grads: ReadonlyMap<string, {grad: DisplayTensor; stored: boolean}>,
): State {
  const {graph, steps} = timeline;
  const current = steps[at];
  const nodes: Record<string, GraphNodeState> = {};
  for (const n of graph.nodes) {
    const active = current?.nodeIds.includes(n.id) ?? false;
    const g = grads.get(n.id);
    const v = values.get(n.id);
    nodes[n.id] = {
      visible: shown.has(n.id) || active,
      active,
      ...(v ? {value: v} : {}),
      ...(g ? {grad: g.grad, gradStored: g.stored} : {}),
    };
  }
  const linkStates: Record<string, LinkState> = {};
  for (const l of graph.links) {
    const active = current?.linkIds.includes(l.id) ?? false;
    const grad = current?.changes?.find((c) => c.link && c.id === l.id && c.grad)?.grad;
    linkStates[l.id] = {
      visible: active || links.has(l.id),
      active,
      flow: active ? (current?.phase ?? null) : null,
      ...(grad ? {grad} : {}),
    };
  }
  const until = steps[at + 1]?.seq ?? Infinity;
  const output = (timeline.prints ?? [])
    .filter((p) => p.seq < until)
    .map((p) => p.text)
    .join('');
  return {
    step: at,
    nodes,
    links: linkStates,
    span: current?.span ?? null,
    narration: current?.narration ?? {en: '', zh: ''},
    output,
  };
}

/** A small deterministic permutation of 0…n−1 (a seek order that jumps back and forth). */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({length: n}, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

/** Deep equality, checked cheaply as JSON first (same keys in the same order), then in full. */
function same(actual: State, expected: State | undefined): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

const printing = traceSource(
  [
    'import torch',
    'x = torch.ones(2, requires_grad=True)',
    'print(x)',
    'y = x * 2',
    'y.retain_grad()',
    'print(y)',
    'z = (y * y).sum()',
    'z.backward()',
    'print(x.grad, y.grad)',
  ].join('\n'),
);

const cases: [string, () => Timeline[]][] = [
  [
    'the seed tutorial',
    () => {
      const t = seedTrace();
      return [buildTimeline(t, buildGraph(t)), buildTimeline(t, buildGraph(t, {view: 'autograd'}))];
    },
  ],
  [
    'a training loop (each iteration)',
    () => {
      const t = loopTrace();
      return [0, 1, 2].map((i) => buildTimeline(t, buildGraph(t, {iteration: i})));
    },
  ],
  [
    'a script that prints and retains a grad',
    () => [buildTimeline(printing, buildGraph(printing))],
  ],
  [
    '6 neurons of 8 inputs, expanded and collapsed, both views',
    () => {
      const t = neuronsTrace(6, 8);
      return [
        buildTimeline(t, buildGraph(t, {collapse: []})),
        buildTimeline(t, buildGraph(t)),
        buildTimeline(t, buildGraph(t, {view: 'autograd', collapse: []})),
      ];
    },
  ],
];

describe('stateAt equals a full replay from the start', () => {
  for (const [name, make] of cases) {
    it(`${name}: at every step, in order and in a shuffled order`, () => {
      for (const timeline of make()) {
        const n = timeline.steps.length;
        expect(n).toBeGreaterThan(0);
        const expected = reference(timeline);
        for (const k of shuffled(n, n)) same(stateAt(timeline, k), expected[k]);
        // Played forward, each step is applied to the one before (the kept frame).
        for (let k = 0; k < n; k++) same(stateAt(timeline, k), expected[k]);
        for (let k = n - 1; k >= 0; k--) same(stateAt(timeline, k), expected[k]);
        expect(stateAt(timeline, -1)).toEqual(expected[0]);
      }
    }, 60_000);
  }

  it('spans many checkpoints on the big case', () => {
    const t = neuronsTrace(6, 8);
    expect(buildTimeline(t, buildGraph(t, {collapse: []})).steps.length).toBeGreaterThan(16 * 8);
  });

  it('returns fresh records: changing one state leaves later ones as they were', () => {
    const t = seedTrace();
    const timeline = buildTimeline(t, buildGraph(t));
    const last = timeline.steps.length - 1;
    const before = reference(timeline)[last];
    const s = stateAt(timeline, last) as {nodes: Record<string, GraphNodeState>};
    for (const id of Object.keys(s.nodes)) s.nodes[id] = {visible: false, active: false};
    expect(stateAt(timeline, last)).toEqual(before);
  });

  it('hands out frozen per-node states (they are shared between states, so no one may change them)', () => {
    const t = neuronsTrace(8, 8);
    const timeline = buildTimeline(t, buildGraph(t, {collapse: []}));
    const s = stateAt(timeline, 40);
    const inactive = Object.values(s.nodes).filter((n) => !n.active);
    expect(inactive.length).toBeGreaterThan(0);
    for (const n of inactive) expect(Object.isFrozen(n)).toBe(true);
  });
});
