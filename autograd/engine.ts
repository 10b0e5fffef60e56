/**
 * The backward engine, as PyTorch's: count each Node's dependencies from the roots, then run
 * ready Nodes highest sequence number first (AccumulateGrad before anything else), summing the
 * gradients a Node receives from several consumers before it runs.
 */
import {binary} from './kernels/elementwise.js';
import {gather} from './kernels/strided.js';
import {isGradEnabled, withGradMode} from './gradmode.js';
import {runtimeError, TorchError} from './errors.js';
import {AccumulateGrad} from './node.js';
import {declareNode, declareOp} from './op.js';
import type {OpDeclaration} from './op.js';
import type {Node} from './node.js';
import {getObserver, muteObserver} from './report.js';
import {attach, gradientEdge} from './record.js';
import {sameShape} from './shape.js';
import {runPostHooks, runPreHooks} from './hooks.js';
import type {HookFired} from './hooks.js';
import {Tensor, peekNextTensorId} from './tensor.js';
import * as arith from './ops/arith.js';
import {writeStrided} from './ops/views.js';
import {sumTo} from './ops/reduce.js';
import {castData} from './ops/convert.js';
import {formatSize} from './print/repr.js';

/** Keyword arguments of `backward()`. */
export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
  /** Accumulate only into these tensors (`inputs=`). */
  inputs?: readonly Tensor[];
}

/** Keyword arguments of `torch.autograd.grad()`. */
export interface GradOptions {
  gradOutputs?: readonly (Tensor | null)[] | Tensor | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  allowUnused?: boolean;
}

/** PyTorch's `_make_grads`: the seed gradient of each root, checked. */
function makeGrads(roots: readonly Tensor[], grads: readonly (Tensor | null)[]): (Tensor | null)[] {
  return roots.map((root, i) => {
    const g = grads[i] ?? null;
    if (g !== null) {
      if (!sameShape(g.shape, root.shape)) {
        throw runtimeError(
          `Mismatch in shape: grad_output[${i}] has a shape of ${formatSize(g.shape)} and output[${i}] has a shape of ${formatSize(root.shape)}.`,
        );
      }
      return g;
    }
    if (!root.requiresGrad) return null;
    if (root.numel() !== 1)
      throw runtimeError('grad can be implicitly created only for scalar outputs');
    const ones = muteObserver(
      () =>
        new Tensor(
          new (root.data.constructor as typeof Float64Array)(1).fill(1),
          [...root.shape],
          root.dtype,
        ),
    );
    getObserver()?.tensorCreated?.(ones);
    return ones;
  });
}

/** A max-heap of ready nodes by sequence number; ties leave in arrival order. */
class ReadyQueue {
  private heap: {node: Node; order: number}[] = [];
  private count = 0;

  get size(): number {
    return this.heap.length;
  }

  private before(a: {node: Node; order: number}, b: {node: Node; order: number}): boolean {
    return (
      a.node.sequenceNr > b.node.sequenceNr ||
      (a.node.sequenceNr === b.node.sequenceNr && a.order < b.order)
    );
  }

  push(node: Node): void {
    const h = this.heap;
    h.push({node, order: this.count++});
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const hi = h[i];
      const hp = h[p];
      if (!hi || !hp || !this.before(hi, hp)) break;
      h[i] = hp;
      h[p] = hi;
      i = p;
    }
  }

  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) throw runtimeError('internal: empty ready queue');
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const hm = () => h[m] ?? last;
        if (l < h.length && this.before(h[l] ?? last, hm())) m = l;
        if (r < h.length && this.before(h[r] ?? last, hm())) m = r;
        if (m === i) break;
        const tmp = h[i] ?? last;
        h[i] = h[m] ?? last;
        h[m] = tmp;
        i = m;
      }
    }
    return top.node;
  }
}

/** Adds `g` into `buffer[i]` (out of place, as PyTorch's InputBuffer does). */
function accumulateInput(buffer: (Tensor | null)[], i: number, g: Tensor): void {
  const old = buffer[i] ?? null;
  if (old === null) {
    buffer[i] = g;
    return;
  }
  if (isGradEnabled()) {
    // create_graph: the sum of two paths is part of the new graph (AddBackward0).
    buffer[i] = arith.add(old, g);
    return;
  }
  const res = binary('add', old, g, old.dtype);
  buffer[i] = new Tensor(res.data, res.shape, old.dtype);
}

/** PyTorch's validate_outputs: sum a broadcast gradient down to the input's shape, cast its dtype. */
function validate(node: Node, index: number, g: Tensor, target: Node): Tensor {
  const edge = node.nextFunctions[index];
  const meta = target.outputMeta[edge?.[1] ?? 0];
  if (!meta) return g;
  let out = g;
  if (!sameShape(out.shape, meta.shape)) {
    if (!expandable(meta.shape, out.shape)) {
      throw runtimeError(
        `Function ${node.name()} returned an invalid gradient at index ${index} - got [${out.shape.join(', ')}] but expected shape compatible with [${meta.shape.join(', ')}]`,
      );
    }
    out = sumTo(out, meta.shape);
  }
  if (out.dtype !== meta.dtype) out = castData(out, meta.dtype);
  return out;
}

function expandable(shape: readonly number[], to: readonly number[]): boolean {
  if (shape.length > to.length) return false;
  for (let i = 1; i <= shape.length; i++) {
    const s = shape[shape.length - i];
    if (s !== 1 && s !== to[to.length - i]) return false;
  }
  return true;
}

function gatherCopy(t: Tensor): Tensor['data'] {
  return gather(t, t.dtype);
}

/** AccumulateGrad: set `.grad` (stealing a fresh dense gradient), or add into it in place. */
function accumulateLeaf(variable: Tensor, incoming: Tensor, fresh: boolean): void {
  const before = variable.grad;
  let previous = before;
  if (isGradEnabled()) {
    // create_graph: .grad keeps its graph — a copy the first time (CopyBackwards), then
    // .grad + grad out of place (AddBackward0), as PyTorch's AccumulateGrad does in grad mode.
    variable.grad = before === null ? copyWithGraph(incoming) : arith.add(before, incoming);
  } else if (before === null) {
    // Like AccumulateGrad, keep a dense gradient this pass made; otherwise clone it (a clone is
    // empty + copy_, so PyTorch's copy starts at version 1).
    const steal =
      fresh &&
      incoming.offset === 0 &&
      incoming.isContiguous() &&
      incoming.data.length === incoming.numel();
    variable.grad = steal
      ? incoming
      : muteObserver(
          () =>
            new Tensor(gatherCopy(incoming), [...incoming.shape], incoming.dtype, undefined, 0, {
              value: 1,
            }),
        );
  } else {
    const res = binary('add', before, incoming, before.dtype);
    // The observer is told `.grad` as it was: a copy, since the add below writes into it.
    if (getObserver() !== null)
      previous = muteObserver(
        () => new Tensor(gatherCopy(before), [...before.shape], before.dtype),
      );
    writeStrided(before, res.data);
    before.version.value++;
  }
  const after = variable.grad ?? incoming;
  const obs = getObserver();
  if (obs !== null) {
    obs.tensorCreated?.(after);
    obs.gradAccumulated?.({tensor: variable, incoming, before: previous, after, retained: false});
  }
}

/** `CopyBackwards`: the grad_fn of `.grad`'s first copy under create_graph (passes its gradient). */
const COPY_BACKWARDS = declareNode('CopyBackwards', true);

/** A copy of `t` whose grad_fn is CopyBackwards (PyTorch's `empty_like(t).copy_(t)`). */
function copyWithGraph(t: Tensor): Tensor {
  const out = new Tensor(gatherCopy(t), [...t.shape], t.dtype, undefined, 0, {value: 1});
  if (t.requiresGrad) attach(COPY_BACKWARDS, [t], [out], (grads) => [grads[0] ?? null]);
  return out;
}

/** The retain_grad hook of 1.13: `.grad = grad.clone()` the first time, then `.grad + grad`. */
function accumulateRetained(t: Tensor, incoming: Tensor): void {
  const before = t.grad;
  const after = muteObserver(() => {
    if (before === null)
      return new Tensor(gather(incoming, incoming.dtype), [...incoming.shape], incoming.dtype);
    const res = binary('add', before, incoming, before.dtype);
    return new Tensor(res.data, res.shape, before.dtype);
  });
  t.grad = after;
  const obs = getObserver();
  if (obs !== null) {
    obs.tensorCreated?.(after);
    obs.gradAccumulated?.({tensor: t, incoming, before, after, retained: true});
  }
}

interface RunPlan {
  /** For autograd.grad / backward(inputs=): where to capture each input's gradient. */
  readonly captures: readonly {readonly node: Node; readonly slot: number}[] | null;
  /** Nodes that must run (null: all reachable). */
  readonly needed: Set<Node> | null;
  /** Whether captured gradients are accumulated into `.grad` (backward(inputs=)) or returned. */
  readonly accumulate: boolean;
}

/** Runs the engine from `roots` with seed gradients; returns captured gradients for `plan.captures`. */
function execute(
  roots: readonly Tensor[],
  seeds: readonly Tensor[],
  retainGraph: boolean,
  plan: RunPlan,
): (Tensor | null)[] {
  const startId = seeds.length > 0 ? Math.min(...seeds.map((s) => s.id)) : Infinity;
  const freshFrom = Math.max(startId, peekNextTensorId());
  const rootEdges = roots.map((r, i) => {
    const edge = gradientEdge(r);
    if (edge[0] === null) {
      throw runtimeError(
        `element ${i} of tensors does not require grad and does not have a grad_fn`,
      );
    }
    return edge;
  });
  // Count dependencies over the reachable graph.
  const deps = new Map<Node, number>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const [n] of rootEdges) {
    if (n && !seen.has(n)) {
      seen.add(n);
      stack.push(n);
    }
  }
  while (stack.length) {
    const n = stack.pop();
    if (!n) break;
    for (const [next] of n.nextFunctions) {
      if (!next) continue;
      deps.set(next, (deps.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  const buffers = new Map<Node, (Tensor | null)[]>();
  const captured: (Tensor | null)[] = plan.captures ? plan.captures.map(() => null) : [];
  const queue = new ReadyQueue();
  rootEdges.forEach(([n, slot], i) => {
    if (!n) return;
    const buf = buffers.get(n) ?? new Array<Tensor | null>(n.outputMeta.length).fill(null);
    const seed = seeds[i];
    if (seed) accumulateInput(buf, slot, seed);
    buffers.set(n, buf);
  });
  const pushed = new Set<Node>();
  for (const [n] of rootEdges) {
    if (n && (deps.get(n) ?? 0) === 0 && !pushed.has(n)) {
      pushed.add(n);
      queue.push(n);
    }
  }
  const obs = getObserver();
  const reported = new Set<number>();
  const report = (ts: readonly (Tensor | null)[]) => {
    if (obs === null) return;
    for (const t of ts) {
      if (t !== null && t.id >= freshFrom && !reported.has(t.id)) {
        reported.add(t.id);
        obs.tensorCreated?.(t);
      }
    }
  };
  while (queue.size > 0) {
    const node = queue.pop();
    const gradsIn = buffers.get(node) ?? [];
    buffers.delete(node);
    if (plan.captures) {
      plan.captures.forEach((c, i) => {
        if (c.node === node) captured[i] = gradsIn[c.slot] ?? null;
      });
    }
    if (plan.needed && !plan.needed.has(node)) continue;
    const fired: HookFired[] = [];
    runHooksBefore(node, gradsIn, fired);
    if (node instanceof AccumulateGrad) {
      report(gradsIn);
      report(fired.map((h) => h.after));
      obs?.engineStep?.({node, gradsIn, gradsOut: [], hooks: fired});
      const g = gradsIn[0];
      if (g) accumulateLeaf(node.variable, g, g.id >= freshFrom);
      continue;
    }
    const anyGrad = gradsIn.some((g) => g !== null);
    if (anyGrad && isGradEnabled() && !node.supportsCreateGraph()) {
      throw runtimeError(
        `grad-graph: create_graph=True cannot differentiate through ${node.name()} yet`,
      );
    }
    const raw = anyGrad
      ? formula(() => node.apply(gradsIn, retainGraph))
      : node.nextFunctions.map(() => null);
    const gradsOut = node.nextFunctions.map(([next], i) => {
      const g = raw[i] ?? null;
      if (g === null) return null;
      if (next) return formula(() => validate(node, i, g, next));
      return node.returnsUnneededGrads() ? g : null;
    });
    if (node.hooks && node.hooks.post.length > 0) {
      formula(() => {
        runPostHooks(node, gradsOut, gradsIn, fired);
      });
    }
    // A gradient for an input that needs none goes nowhere (only post-hooks see it).
    node.nextFunctions.forEach(([next], i) => {
      if (!next) gradsOut[i] = null;
    });
    report(gradsIn);
    report(gradsOut);
    report(fired.flatMap((h) => [h.before, h.after]));
    obs?.engineStep?.({node, gradsIn, gradsOut, hooks: fired});
    node.nextFunctions.forEach(([next, slot], i) => {
      if (!next) return;
      const g = gradsOut[i] ?? null;
      const buf = buffers.get(next) ?? new Array<Tensor | null>(next.outputMeta.length).fill(null);
      if (g) accumulateInput(buf, slot, g);
      buffers.set(next, buf);
      const left = (deps.get(next) ?? 1) - 1;
      deps.set(next, left);
      if (left === 0) queue.push(next);
    });
  }
  return captured;
}

/**
 * What happens to a node's gradients before it runs: `retain_grad()` and the pre-hooks, in
 * PyTorch's order (a retain_grad with no place among hooks, as after an in-place op, first).
 */
function runHooksBefore(node: Node, gradsIn: (Tensor | null)[], fired: HookFired[]): void {
  const placed = new Set<number>();
  for (const e of node.hooks?.pre ?? []) {
    if (e.kind === 'tensor' && e.hooks.some((h) => 'retain' in h)) placed.add(e.outputNr);
  }
  if (node.retained) {
    for (const [slot, t] of node.retained) {
      const g = gradsIn[slot];
      if (g && !placed.has(slot)) accumulateRetained(t, g);
    }
  }
  if (!node.hooks || node.hooks.pre.length === 0) return;
  formula(() => {
    runPreHooks(
      node,
      gradsIn,
      (slot, g) => {
        const t = node.retained?.get(slot);
        if (t) accumulateRetained(t, g);
      },
      fired,
    );
  });
}

/**
 * Runs what a backward step computes (a node's formula, a hook, the sum-to of a broadcast
 * gradient). Under create_graph its ops build the gradient's own graph, which a second pass
 * walks: the observer is told of them, as of any op; otherwise they are the engine's own work.
 */
function formula<T>(fn: () => T): T {
  return isGradEnabled() ? fn() : muteObserver(fn);
}

/** Nodes from which one of `targets` can be reached (PyTorch's exec_info.needed_). */
function neededNodes(rootNodes: readonly Node[], targets: ReadonlySet<Node>): Set<Node> {
  const memo = new Map<Node, boolean>();
  const visit = (n: Node): boolean => {
    const known = memo.get(n);
    if (known !== undefined) return known;
    memo.set(n, false);
    let need = targets.has(n);
    for (const [next] of n.nextFunctions) if (next && visit(next)) need = true;
    memo.set(n, need);
    return need;
  };
  rootNodes.forEach(visit);
  return new Set([...memo].filter(([, v]) => v).map(([k]) => k));
}

/** `torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph, inputs)`. */
export function backward(
  roots: readonly Tensor[],
  grads: readonly (Tensor | null)[],
  options: BackwardOptions = {},
): void {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seedsOrNull = makeGrads(roots, grads);
  const obs = getObserver();
  const seeds = seedsOrNull.filter((s): s is Tensor => s !== null);
  obs?.backwardStarted?.({roots, seeds, retainGraph, inputs: null});
  try {
    withGradMode(createGraph, () => {
      let plan: RunPlan = {captures: null, needed: null, accumulate: true};
      if (options.inputs) {
        const captures = options.inputs.map((t) => captureOf(t));
        const rootNodes = roots.flatMap((r) =>
          gradientEdge(r)[0] ? [gradientEdge(r)[0] as Node] : [],
        );
        const needed = neededNodes(rootNodes, new Set(captures.map((c) => c.node)));
        plan = {
          captures,
          needed: new Set([...needed].filter((n) => !(n instanceof AccumulateGrad))),
          accumulate: true,
        };
        const got = execute(roots, seeds, retainGraph, plan);
        options.inputs.forEach((t, i) => {
          const g = got[i];
          if (g) accumulateLeaf(t, g, false);
        });
        return;
      }
      execute(roots, seeds, retainGraph, plan);
    });
  } catch (e) {
    obs?.backwardFinished?.(e);
    throw e;
  }
  obs?.backwardFinished?.(null);
}

function captureOf(t: Tensor): {node: Node; slot: number} {
  if (!t.requiresGrad)
    throw runtimeError('One of the differentiated Tensors does not require grad');
  const [node, slot] = gradientEdge(t);
  if (!node) throw runtimeError('One of the differentiated Tensors does not require grad');
  return {node, slot};
}

/** `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, allow_unused=False)`. */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions = {},
): (Tensor | null)[] {
  const createGraph = options.createGraph ?? false;
  const outs = outputs instanceof Tensor ? [outputs] : [...outputs];
  const ins = inputs instanceof Tensor ? [inputs] : [...inputs];
  const go = options.gradOutputs;
  const given =
    go === undefined || go === null ? outs.map(() => null) : go instanceof Tensor ? [go] : [...go];
  const retainGraph = options.retainGraph ?? createGraph;
  const seedsOrNull = makeGrads(outs, given);
  const seeds = seedsOrNull.filter((s): s is Tensor => s !== null);
  const obs = getObserver();
  obs?.backwardStarted?.({roots: outs, seeds, retainGraph, inputs: ins});
  let result: (Tensor | null)[] = [];
  try {
    withGradMode(createGraph, () => {
      const captures = ins.map((t) => captureOf(t));
      const rootNodes = outs.flatMap((r) => {
        const n = gradientEdge(r)[0];
        return n ? [n] : [];
      });
      const needed = neededNodes(rootNodes, new Set(captures.map((c) => c.node)));
      const plan: RunPlan = {
        captures,
        needed: new Set([...needed].filter((n) => !(n instanceof AccumulateGrad))),
        accumulate: false,
      };
      result = execute(outs, seeds, retainGraph, plan);
      if (!options.allowUnused && result.some((g) => g === null)) {
        throw runtimeError(
          'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
        );
      }
    });
  } catch (e) {
    obs?.backwardFinished?.(e);
    throw e;
  }
  obs?.backwardFinished?.(null);
  return result;
}

/** Re-exported so callers can tell engine errors from others. */
export {TorchError};

declare module './tensor.js' {
  interface Tensor {
    /** `backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)`. */
    backward(gradient?: Tensor | null, options?: BackwardOptions): void;
  }
}

/** `x.backward()` (its Python form, a Python-level function, is the runner's). */
export const declarations: readonly OpDeclaration[] = [
  declareOp({
    name: 'backward',
    nodes: [COPY_BACKWARDS],
    methods: {
      backward(this: Tensor, gradient?: Tensor | null, options: BackwardOptions = {}) {
        backward(
          [this],
          gradient === undefined || gradient === null ? [null] : [gradient],
          options,
        );
      },
    },
  }),
];
