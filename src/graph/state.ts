/**
 * stateAt(timeline, k): the whole picture at step k, as a pure function of the timeline. It
 * replays the reveals and changes of steps 0…k (from a cached checkpoint), so seeking to any
 * step is exact and needs no history; a link carries a travelling grad only at its step.
 */
import type {DisplayTensor, LinkState, NodeState, State, Timeline} from './model.js';

/** What a node shows so far while replaying (all fields present, so objects keep one shape). */
interface NodeAcc {
  visible: boolean;
  value: DisplayTensor | undefined;
  grad: DisplayTensor | undefined;
  gradStored: boolean;
}

/** The replayed picture after some step: node states and the links revealed so far. */
interface Replay {
  readonly nodes: Map<string, NodeAcc>;
  readonly links: Set<string>;
}

/**
 * Replays already done, every `every` steps, per timeline (timelines are immutable data, so
 * this cache changes no result: stateAt stays a pure function). At most ~32 are kept, so a
 * seek replays at most `every` steps.
 */
const checkpoints = new WeakMap<Timeline, {every: number; saved: Replay[]}>();

function fresh(timeline: Timeline): Replay {
  const nodes = new Map<string, NodeAcc>();
  for (const n of timeline.graph.nodes) {
    nodes.set(n.id, {visible: false, value: undefined, grad: undefined, gradStored: false});
  }
  return {nodes, links: new Set<string>()};
}

function copy(r: Replay): Replay {
  const nodes = new Map<string, NodeAcc>();
  for (const [id, n] of r.nodes) nodes.set(id, {...n});
  return {nodes, links: new Set(r.links)};
}

/** Applies steps `from`…`to` (inclusive) to a replay, in place. */
function replay(timeline: Timeline, r: Replay, from: number, to: number): void {
  const {steps} = timeline;
  for (let i = from; i <= to; i++) {
    const step = steps[i];
    if (!step) break;
    for (const id of step.reveal?.nodeIds ?? step.nodeIds) {
      const n = r.nodes.get(id);
      if (n) n.visible = true;
    }
    for (const id of step.reveal?.linkIds ?? step.linkIds) r.links.add(id);
    const changes = step.changes;
    if (!changes) continue;
    for (const c of changes) {
      if (c.link) continue;
      const n = r.nodes.get(c.id);
      if (!n) continue;
      if (c.value !== undefined) n.value = c.value;
      if (c.grad === null) {
        n.grad = undefined;
        n.gradStored = false;
      } else if (c.grad !== undefined) {
        n.grad = c.grad;
        n.gradStored = c.gradStored ?? false;
      }
    }
  }
}

/** The replay after step `at`, starting from the nearest checkpoint at or before it. */
function replayTo(timeline: Timeline, at: number): Replay {
  let cache = checkpoints.get(timeline);
  if (!cache) {
    cache = {every: Math.max(64, Math.ceil(timeline.steps.length / 32)), saved: []};
    checkpoints.set(timeline, cache);
  }
  const {every, saved} = cache;
  // Checkpoint c holds the replay after step (c + 1) · every − 1.
  const want = Math.floor((at + 1) / every);
  while (saved.length < want) {
    const c = saved.length;
    const r = c === 0 ? fresh(timeline) : copy(saved[c - 1] as Replay);
    replay(timeline, r, c * every, (c + 1) * every - 1);
    saved.push(r);
  }
  const base = want === 0 ? fresh(timeline) : copy(saved[want - 1] as Replay);
  replay(timeline, base, want * every, at);
  return base;
}

/** The picture at step `k` (clamped to the steps there are; an empty timeline gives an empty picture). */
export function stateAt(timeline: Timeline, k: number): State {
  const {graph, steps} = timeline;
  const last = steps.length - 1;
  const at = last < 0 ? -1 : Math.min(Math.max(0, Math.trunc(Number.isFinite(k) ? k : 0)), last);
  const {nodes, links: visibleLinks} = at < 0 ? fresh(timeline) : replayTo(timeline, at);

  const current = at >= 0 ? steps[at] : undefined;
  const activeNodes = new Set(current?.nodeIds ?? []);
  const activeLinks = new Set(current?.linkIds ?? []);
  const linkGrads = new Map<string, DisplayTensor>();
  for (const c of current?.changes ?? []) if (c.link && c.grad) linkGrads.set(c.id, c.grad);
  const phase = current?.phase ?? null;

  const nodeStates: Record<string, NodeState> = {};
  for (const [id, n] of nodes) {
    const active = activeNodes.has(id);
    const state: {-readonly [K in keyof NodeState]: NodeState[K]} = {
      visible: n.visible || active,
      active,
    };
    if (n.value) state.value = n.value;
    if (n.grad) {
      state.grad = n.grad;
      state.gradStored = n.gradStored;
    }
    nodeStates[id] = state;
  }
  const linkStates: Record<string, LinkState> = {};
  for (const l of graph.links) {
    const active = activeLinks.has(l.id);
    const grad = linkGrads.get(l.id);
    const state: {-readonly [K in keyof LinkState]: LinkState[K]} = {
      visible: active || visibleLinks.has(l.id),
      active,
      flow: active ? phase : null,
    };
    if (grad) state.grad = grad;
    linkStates[l.id] = state;
  }
  const next = at >= 0 ? steps[at + 1] : steps[0];
  const until = next?.seq ?? Infinity;
  let output = '';
  if (at >= 0) for (const p of timeline.prints ?? []) if (p.seq < until) output += p.text;

  return {
    step: at,
    nodes: nodeStates,
    links: linkStates,
    span: current?.span ?? null,
    narration: current?.narration ?? {en: '', zh: ''},
    output,
  };
}
