/**
 * An optimizer's call is one step of the timeline: the trace records `optimizer.step()` and
 * `optimizer.zero_grad()` as groups of kind 'optimizer' around the in-place ops they ran (one
 * `sgd`/`adam`/… update per parameter, one `zero_` per `.grad`); the steps of those ops merge into
 * one that makes all their changes and says, with the numbers, what the optimizer did.
 */
import type {GroupRecord, OpRecord} from '../trace/schema.js';
import {decodeArg} from '../trace/numbers.js';
import {narrateOptimizerStep, narrateZeroGrad, type UpdateFacts} from './narration-optim.js';
import type {Localized} from './model.js';
import {quantity} from './quantity.js';
import {versionAt} from './tensors.js';
import type {Context, Draft} from './timeline-context.js';

/** The drafts with each optimizer call's run of steps merged into one. */
export function mergeOptimizerCalls(ctx: Context, drafts: readonly Draft[]): Draft[] {
  const calls = (ctx.trace.groups ?? []).filter((g) => g.kind === 'optimizer');
  if (calls.length === 0) return [...drafts];
  const opAtSeq = new Map<number, OpRecord>(ctx.trace.ops.map((op) => [op.seq, op]));
  const out: Draft[] = [];
  let run: Draft[] = [];
  let runCall: GroupRecord | null = null;
  let at = 0;
  const flush = () => {
    if (runCall && run.length > 0) out.push(merged(ctx, runCall, run, opAtSeq));
    run = [];
    runCall = null;
  };
  for (const d of drafts) {
    const seq = d.seq ?? -Infinity;
    // Calls and drafts are both in seq order: move to the first call not ended before this draft.
    while (at < calls.length && (calls[at] as GroupRecord).endSeq <= seq) at++;
    const call = calls[at];
    const inside = call !== undefined && call.startSeq < seq && d.phase === 'forward';
    const g = inside ? call : null;
    if (g !== runCall) flush();
    if (g === null) out.push(d);
    else {
      runCall = g;
      run.push(d);
    }
  }
  flush();
  return out;
}

function merged(
  ctx: Context,
  call: GroupRecord,
  run: readonly Draft[],
  opAtSeq: ReadonlyMap<number, OpRecord>,
): Draft {
  const ops = run.flatMap((d) => {
    const op = d.seq === undefined ? undefined : opAtSeq.get(d.seq);
    return op ? [op] : [];
  });
  const last = run[run.length - 1] as Draft;
  const nodeIds = ctx.keepNodes(run.flatMap((d) => d.nodeIds));
  const linkIds = ctx.keepLinks(run.flatMap((d) => d.linkIds));
  return {
    phase: 'forward',
    kind: 'optimizer',
    label: call.name,
    pass: last.pass,
    nodeIds,
    linkIds,
    span: call.span ?? run[0]?.span ?? null,
    narration: narrate(ctx, call, ops),
    ...(last.seq !== undefined ? {seq: last.seq} : {}),
    reveal: {
      nodeIds: ctx.keepNodes(run.flatMap((d) => d.reveal?.nodeIds ?? d.nodeIds)),
      linkIds: ctx.keepLinks(run.flatMap((d) => d.reveal?.linkIds ?? d.linkIds)),
    },
    changes: run.flatMap((d) => d.changes ?? []),
  };
}

/** A tensor's numbers at a moment (its version before `seq`), as narration writes them. */
function valueAt(ctx: Context, id: number | undefined, seq: number): string {
  const t = ctx.tensors.get(id ?? -1);
  return t ? quantity(t.versions[versionAt(t, seq)]?.data) : '?';
}

function narrate(ctx: Context, call: GroupRecord, ops: readonly OpRecord[]): Localized {
  const code = ctx.code(call.span, call.name);
  const zeroed = ops.filter((op) => op.op === 'zero_');
  if (zeroed.length > 0 && zeroed.length === ops.length) {
    return narrateZeroGrad(
      code,
      zeroed.map((op) => ctx.name(op.outputs[0] ?? null)),
    );
  }
  const updates = ops.filter((op) => op.inPlace && op.op !== 'zero_');
  const first = updates[0];
  const hyper: Record<string, string> = {};
  for (const [k, v] of Object.entries(first?.args ?? {})) {
    const x = decodeArg(v);
    if (typeof x === 'number') hyper[k] = quantityOfNumber(x);
  }
  return narrateOptimizerStep({
    code,
    algorithm: first?.op ?? (call.className ?? '').toLowerCase(),
    hyper,
    updates: updates.map((op): UpdateFacts => ({
      name: ctx.name(op.outputs[0] ?? null),
      before: valueAt(ctx, op.outputs[0], op.seq),
      grad: valueAt(ctx, op.inputs[1], op.seq),
      after: valueAt(ctx, op.outputs[0], op.seq + 1),
    })),
  });
}

/** A hyperparameter as narration writes a number (`0.1`, `0.999`, `1e-08`). */
function quantityOfNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
