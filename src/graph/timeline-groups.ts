/**
 * A collapsed span group (a loop iteration, a function or module call) is one step of the
 * timeline: the steps it holds merge into one that makes all their changes, so a 100-iteration
 * loop is 100 steps to scrub through, not 100 times every op and engine step. A backward pass that
 * runs after the loop goes back through a collapsed group in a run of engine steps: that run is one
 * step too. Expanding the group brings its steps back.
 */
import type {GraphGroup, Localized, StepChange} from './model.js';
import {quantity} from './quantity.js';
import {versionAt} from './tensors.js';
import type {Context, Draft} from './timeline-context.js';

/** The drafts with each collapsed span group's run of steps merged into one. */
export function mergeCollapsed(ctx: Context, drafts: readonly Draft[]): Draft[] {
  const collapsed = new Set(ctx.graph.collapsed ?? []);
  const spans = (ctx.graph.groups ?? []).filter(
    (g) => collapsed.has(g.id) && g.startSeq !== undefined && g.endSeq !== undefined,
  );
  if (spans.length === 0) return [...drafts];
  // Outermost collapsed span holding a seq (spans are disjoint once nested ones are dropped).
  const outer = spans.filter(
    (g) =>
      !spans.some(
        (o) => o !== g && contains(o, g.startSeq ?? 0) && (o.endSeq ?? 0) >= (g.endSeq ?? Infinity),
      ),
  );
  outer.sort((a, b) => (a.startSeq ?? 0) - (b.startSeq ?? 0));
  const out: Draft[] = [];
  let run: Draft[] = [];
  let runGroup: GraphGroup | null = null;
  const flush = () => {
    if (runGroup && run.length > 0) out.push(merged(ctx, runGroup, run));
    run = [];
    runGroup = null;
  };
  const byId = new Map(outer.map((g) => [g.id, g]));
  let runPass = -1;
  for (const d of drafts) {
    const seq = d.seq ?? -Infinity;
    // A backward pass run after the loop goes through the group's nodes in a run of engine steps.
    const through = d.kind === 'engine' ? byId.get(d.nodeIds[0] ?? '') : undefined;
    const g = outer.find((s) => contains(s, seq)) ?? through ?? null;
    if (g !== runGroup || (through !== undefined && d.pass !== runPass)) flush();
    runPass = d.pass;
    if (g === null) out.push(d);
    else {
      runGroup = g;
      run.push(d);
    }
  }
  flush();
  return out;
}

function contains(g: GraphGroup, seq: number): boolean {
  return (g.startSeq ?? Infinity) < seq && seq < (g.endSeq ?? -Infinity);
}

/** One step for a collapsed group's steps: all their changes, lighting the group. */
function merged(ctx: Context, group: GraphGroup, run: readonly Draft[]): Draft {
  const ops = run.filter((d) => d.phase === 'forward').length;
  const passes = new Set(run.filter((d) => d.kind === 'seed').map((d) => d.pass));
  const engine = run.filter((d) => d.kind === 'engine' || d.kind === 'accumulate').length;
  const changes: StepChange[] = run.flatMap((d) => d.changes ?? []);
  const nodeIds = ctx.keepNodes([group.id, ...run.flatMap((d) => d.nodeIds)]);
  const linkIds = ctx.keepLinks(run.flatMap((d) => d.linkIds));
  const revealNodes = ctx.keepNodes(run.flatMap((d) => d.reveal?.nodeIds ?? d.nodeIds));
  const revealLinks = ctx.keepLinks(run.flatMap((d) => d.reveal?.linkIds ?? d.linkIds));
  const last = run[run.length - 1] as Draft;
  // What each pass started from: the loss a reader follows from one iteration to the next.
  const roots = [...passes].flatMap((p) => {
    const pass = ctx.trace.backwardPasses[p];
    const t = ctx.tensors.get(pass?.roots[0] ?? -1);
    const data = t?.versions[versionAt(t, pass?.seq ?? 0)]?.data;
    return t && data ? [`${t.names[0] ?? ctx.name(t.id)} = ${quantity(data)}`] : [];
  });
  return {
    phase: last.phase,
    kind: 'group',
    label: group.label,
    pass: last.pass,
    nodeIds,
    linkIds,
    span: group.span ?? run[0]?.span ?? null,
    narration: narrateGroup(group.label, ops, passes.size, engine, [...roots, ...grads(ctx, run)]),
    ...(last.seq !== undefined ? {seq: last.seq} : {}),
    reveal: {nodeIds: revealNodes, linkIds: revealLinks},
    changes,
  };
}

/** The `.grad` values a run leaves (`w.grad = 7`), from its steps' changes, last per tensor. */
function grads(ctx: Context, run: readonly Draft[]): string[] {
  const tensorOf = new Map<string, number>();
  for (const n of ctx.graph.nodes) if (n.tensorId !== undefined) tensorOf.set(n.id, n.tensorId);
  const last = new Map<number, string>();
  for (const d of run) {
    for (const c of d.changes ?? []) {
      const id = tensorOf.get(c.id);
      if (!c.gradStored || !c.grad || id === undefined) continue;
      const text = c.grad.text.includes('\n') ? `(${c.grad.shape.join('×')})` : c.grad.text;
      last.set(id, `${ctx.name(id)}.grad = ${text}`);
    }
  }
  return [...last.values()];
}

function narrateGroup(
  label: string,
  ops: number,
  passes: number,
  engine: number,
  written: readonly string[],
): Localized {
  const en = [`${label} (collapsed): ${ops} op${ops === 1 ? '' : 's'} forward`];
  const zh = [`${label}（已折叠）：前向 ${ops} 个运算`];
  if (ops === 0 && passes === 0) {
    // The backward pass going back through what the group computed.
    en[0] = `${label} (collapsed): the backward pass goes through it in ${engine} engine step${engine === 1 ? '' : 's'}`;
    zh[0] = `${label}（已折叠）：反向传播经过它，共 ${engine} 个引擎步骤`;
  } else if (passes > 0) {
    en.push(
      `, ${passes === 1 ? 'a backward pass' : `${passes} backward passes`} of ${engine} engine steps`,
    );
    zh.push(`，${passes} 次反向传播，共 ${engine} 个引擎步骤`);
  }
  if (written.length > 0) {
    en.push(`: ${written.slice(0, 4).join(', ')}${written.length > 4 ? ', …' : ''}`);
    zh.push(`：${written.slice(0, 4).join('，')}${written.length > 4 ? '，…' : ''}`);
  }
  en.push('. Expand the group to step through it.');
  zh.push('。展开这个分组可以逐步查看。');
  return {en: en.join(''), zh: zh.join('')};
}
