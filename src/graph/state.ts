/**
 * stateAt(timeline, k): the whole picture at step k, as a pure function of the timeline. It
 * replays the reveals and changes of steps 0…k, so seeking to any step is exact and needs no
 * history; a link carries a travelling grad only at the step that sends it.
 */
import type {DisplayTensor, LinkState, NodeState, State, Timeline} from './model.js';

/** What a node shows so far while replaying (all fields present, so objects keep one shape). */
interface NodeAcc {
  visible: boolean;
  value: DisplayTensor | undefined;
  grad: DisplayTensor | undefined;
  gradStored: boolean;
}

/** The picture at step `k` (clamped to the steps there are; an empty timeline gives an empty picture). */
export function stateAt(timeline: Timeline, k: number): State {
  const {graph, steps} = timeline;
  const last = steps.length - 1;
  const at = last < 0 ? -1 : Math.min(Math.max(0, Math.trunc(Number.isFinite(k) ? k : 0)), last);
  const nodes = new Map<string, NodeAcc>();
  for (const n of graph.nodes)
    nodes.set(n.id, {visible: false, value: undefined, grad: undefined, gradStored: false});
  const visibleLinks = new Set<string>();

  for (let i = 0; i <= at; i++) {
    const step = steps[i];
    if (!step) break;
    for (const id of step.reveal?.nodeIds ?? step.nodeIds) {
      const n = nodes.get(id);
      if (n) n.visible = true;
    }
    for (const id of step.reveal?.linkIds ?? step.linkIds) visibleLinks.add(id);
    const changes = step.changes;
    if (!changes) continue;
    for (const c of changes) {
      if (c.link) continue;
      const n = nodes.get(c.id);
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
