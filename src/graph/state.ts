/**
 * stateAt(timeline, k): the whole picture at step k, as a pure function of the timeline.
 *
 * Seeking must be instant at any size, so a seek does not replay from step 0: every `every`
 * steps a frame (the picture after that step, with nothing lit) is kept, and a seek copies the
 * nearest frame at or before k, replays the few steps after it, then lights step k. Playing is
 * cheaper still: the frame of the step asked for last is kept, and the next step applies its own
 * reveals and changes to a copy of it. Frames are arrays in graph order (copying one is a
 * memcpy); per-node and per-link states are frozen objects shared between frames and states, so
 * a step makes new objects only for what it touches, and the records a State hands out are views
 * over its arrays (./state-record.ts), made in constant time: nothing per step walks the graph.
 */
import type {DisplayTensor, LinkState, GraphNodeState, State, Step, Timeline} from './model.js';
import {recordView} from './state-record.js';

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/** The picture after some step with nothing lit: node and link states in graph order. */
interface Frame {
  readonly nodes: GraphNodeState[];
  readonly links: LinkState[];
}

/** What is kept per timeline (timelines are immutable data, so this cache changes no result). */
interface Cache {
  /** Node and link ids in graph order (the first of each id), and their positions. */
  readonly nodeIds: readonly string[];
  readonly linkIds: readonly string[];
  readonly nodeAt: ReadonlyMap<string, number>;
  readonly linkAt: ReadonlyMap<string, number>;
  /** Steps between frames. */
  readonly every: number;
  /** frames[c] is the picture after step c · every − 1 (frames[0]: before any step). */
  readonly frames: Frame[];
  /** Prints sorted by seq (null when they are not, and output is built by a plain scan). */
  readonly printSeqs: readonly number[] | null;
  /** outputs[j]: the text of the first j prints (filled on demand). */
  readonly outputs: string[];
  /** The picture after the step asked for last (nothing lit), so the next step is one apply. */
  recent: {readonly at: number; readonly frame: Frame} | null;
}

const caches = new WeakMap<Timeline, Cache>();

const hiddenNode: GraphNodeState = Object.freeze({visible: false, active: false});
const shownNode: GraphNodeState = Object.freeze({visible: true, active: false});
const hiddenLink: LinkState = Object.freeze({visible: false, active: false, flow: null});
const shownLink: LinkState = Object.freeze({visible: true, active: false, flow: null});

/** At most this many frames are kept per timeline, so memory stays ~frames × (nodes + links). */
const MAX_FRAMES = 64;

function cacheOf(timeline: Timeline): Cache {
  let cache = caches.get(timeline);
  if (cache) return cache;
  const nodeAt = positions(timeline.graph.nodes);
  const linkAt = positions(timeline.graph.links);
  const prints = timeline.prints ?? [];
  const sorted = prints.every((p, i) => i === 0 || (prints[i - 1]?.seq ?? 0) <= p.seq);
  cache = {
    nodeIds: [...nodeAt.keys()],
    linkIds: [...linkAt.keys()],
    nodeAt,
    linkAt,
    every: Math.max(16, Math.ceil(timeline.steps.length / MAX_FRAMES)),
    frames: [
      {
        nodes: new Array<GraphNodeState>(nodeAt.size).fill(hiddenNode),
        links: new Array<LinkState>(linkAt.size).fill(hiddenLink),
      },
    ],
    printSeqs: sorted ? prints.map((p) => p.seq) : null,
    outputs: [''],
    recent: null,
  };
  caches.set(timeline, cache);
  return cache;
}

/** Each distinct id's position, in order of first appearance. */
function positions(items: readonly {readonly id: string}[]): Map<string, number> {
  const at = new Map<string, number>();
  for (const {id} of items) if (!at.has(id)) at.set(id, at.size);
  return at;
}

/** A node's state with a change applied (a new frozen object; the old one is left as it was). */
function withChange(
  n: GraphNodeState,
  value: DisplayTensor | undefined,
  grad: DisplayTensor | null | undefined,
  gradStored: boolean | undefined,
): GraphNodeState {
  const next: Mutable<GraphNodeState> = {visible: n.visible, active: false};
  const v = value ?? n.value;
  if (v) next.value = v;
  if (grad === undefined) {
    if (n.grad) {
      next.grad = n.grad;
      next.gradStored = n.gradStored ?? false;
    }
  } else if (grad !== null) {
    next.grad = grad;
    next.gradStored = gradStored ?? false;
  }
  return Object.freeze(next);
}

/** Applies one step's reveals and changes to a frame being built (nothing is lit). */
function apply(cache: Cache, step: Step, frame: Frame): void {
  const {nodes, links} = frame;
  for (const id of step.reveal?.nodeIds ?? step.nodeIds) {
    const i = cache.nodeAt.get(id);
    const n = i === undefined ? undefined : nodes[i];
    if (i === undefined || !n || n.visible) continue;
    nodes[i] = n === hiddenNode ? shownNode : Object.freeze({...n, visible: true});
  }
  for (const id of step.reveal?.linkIds ?? step.linkIds) {
    const i = cache.linkAt.get(id);
    if (i !== undefined) links[i] = shownLink;
  }
  for (const c of step.changes ?? []) {
    if (c.link || (c.value === undefined && c.grad === undefined)) continue;
    const i = cache.nodeAt.get(c.id);
    const n = i === undefined ? undefined : nodes[i];
    if (i !== undefined && n) nodes[i] = withChange(n, c.value, c.grad, c.gradStored);
  }
}

/** A copy of the picture after step `at` (−1: before any step), nothing lit. */
function pictureAfter(timeline: Timeline, cache: Cache, at: number): Frame {
  const recent = cache.recent;
  if (recent && (recent.at === at || recent.at === at - 1)) {
    const frame = {nodes: recent.frame.nodes.slice(), links: recent.frame.links.slice()};
    if (recent.at !== at) apply(cache, timeline.steps[at] as Step, frame);
    return frame;
  }
  const {every, frames} = cache;
  const {steps} = timeline;
  const want = Math.floor((at + 1) / every);
  while (frames.length <= want) {
    const c = frames.length;
    const prev = frames[c - 1] as Frame;
    const frame = {nodes: prev.nodes.slice(), links: prev.links.slice()};
    for (let i = (c - 1) * every; i < c * every; i++) apply(cache, steps[i] as Step, frame);
    frames.push(frame);
  }
  const base = frames[want] as Frame;
  const frame = {nodes: base.nodes.slice(), links: base.links.slice()};
  for (let i = want * every; i <= at; i++) apply(cache, steps[i] as Step, frame);
  return frame;
}

/** What the script had printed before the step after `at` (the prints with seq < `until`). */
function outputUntil(timeline: Timeline, cache: Cache, until: number): string {
  const prints = timeline.prints ?? [];
  const {printSeqs, outputs} = cache;
  if (!printSeqs) {
    let out = '';
    for (const p of prints) if (p.seq < until) out += p.text;
    return out;
  }
  // How many prints come before `until` (binary search over sorted seqs).
  let lo = 0;
  let hi = printSeqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((printSeqs[mid] as number) < until) lo = mid + 1;
    else hi = mid;
  }
  for (let j = outputs.length; j <= lo; j++)
    outputs.push((outputs[j - 1] as string) + (prints[j - 1]?.text ?? ''));
  return outputs[lo] as string;
}

/** The picture at step `k` (clamped to the steps there are; an empty timeline gives an empty picture). */
export function stateAt(timeline: Timeline, k: number): State {
  const {steps} = timeline;
  const last = steps.length - 1;
  const at = last < 0 ? -1 : Math.min(Math.max(0, Math.trunc(Number.isFinite(k) ? k : 0)), last);
  const cache = cacheOf(timeline);
  const unlit = pictureAfter(timeline, cache, at);
  cache.recent = {at, frame: unlit};
  const nodes = unlit.nodes.slice();
  const links = unlit.links.slice();

  const current = at >= 0 ? steps[at] : undefined;
  if (current) {
    for (const id of current.nodeIds) {
      const i = cache.nodeAt.get(id);
      const n = i === undefined ? undefined : nodes[i];
      if (i !== undefined && n) nodes[i] = {...n, visible: true, active: true};
    }
    for (const h of current.hooks ?? []) {
      const i = cache.nodeAt.get(h.nodeId);
      const n = i === undefined ? undefined : nodes[i];
      if (i === undefined || !n) continue;
      const {nodeId: _, ...shown} = h;
      nodes[i] = {...n, visible: true, hooks: [...(n.hooks ?? []), shown]};
    }
    const phase = current.phase;
    const linkGrads = new Map<string, DisplayTensor>();
    for (const c of current.changes ?? []) if (c.link && c.grad) linkGrads.set(c.id, c.grad);
    const active = new Set(current.linkIds);
    for (const id of new Set([...current.linkIds, ...linkGrads.keys()])) {
      const i = cache.linkAt.get(id);
      const l = i === undefined ? undefined : links[i];
      if (i === undefined || !l) continue;
      const lit = active.has(id);
      const state: Mutable<LinkState> = {
        visible: lit || l.visible,
        active: lit,
        flow: lit ? phase : null,
      };
      const grad = linkGrads.get(id);
      if (grad) state.grad = grad;
      links[i] = state;
    }
  }
  const next = at >= 0 ? steps[at + 1] : steps[0];
  return {
    step: at,
    nodes: recordView(cache.nodeIds, cache.nodeAt, nodes),
    links: recordView(cache.linkIds, cache.linkAt, links),
    span: current?.span ?? null,
    narration: current?.narration ?? {en: '', zh: ''},
    output: at >= 0 ? outputUntil(timeline, cache, next?.seq ?? Infinity) : '',
  };
}
