/**
 * Double backward, drawn (#20): a backward under `create_graph=True` records the ops its nodes'
 * formulas (and a custom Function's own backward) run, so the gradient's graph is in the trace,
 * drawn in both views, and its ops are steps of the pass that built it; the later pass walks
 * it with every tensor named. The script is the golden case `picture_double_backward`, whose
 * prints (next_functions, values) come from PyTorch 1.13.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import type {ViewKind} from '../../src/graph/model.js';
import {traceSource} from '../../src/run/index.js';
import {parseTrace} from '../../src/trace/index.js';
import {goldenDir, goldens, normalize} from '../script/golden-cases.js';

const name = 'picture_double_backward';
const source = readFileSync(new URL(`cases/${name}.py`, goldenDir), 'utf8');
const stdout = goldens[name]?.stdout ?? '';
const lines = stdout.split('\n');
const trace = traceSource(source);

function picture(view: ViewKind) {
  const graph = buildGraph(trace, {view});
  return {graph, timeline: buildTimeline(trace, graph)};
}

/** The number PyTorch printed in `tensor(12., …)` on line `i` (as narration writes it: `12`). */
function printedValue(i: number): string {
  return (/tensor\(([^,)]+)/.exec(lines[i] ?? '')?.[1] ?? '?').replace(/\.$/, '');
}

/** The grad_fn names PyTorch printed on a line of `next_functions` (`<MulBackward1 object …>`). */
function printedNames(line: string): string[] {
  return [...line.matchAll(/<(?:torch\.autograd\.function\.)?(\w+) object/g)].map(
    (m) => m[1] ?? '',
  );
}

describe('the trace of a create_graph backward', () => {
  it('prints what PyTorch printed, and survives JSON', () => {
    expect(trace.error).toBeNull();
    expect(normalize(trace.output)).toBe(normalize(stdout));
    expect(parseTrace(JSON.stringify(trace)).ops.filter((o) => o.pass !== undefined)).toEqual(
      trace.ops.filter((o) => o.pass !== undefined),
    );
  });

  it('records the ops of PowBackward0’s formula as ops of the first pass, with the grad_fns PyTorch printed', () => {
    const ran = trace.ops.filter((o) => o.pass === 0);
    expect(ran.map((o) => o.op)).toEqual(['pow', 'mul', 'mul']);
    // g.grad_fn, its next function, that one's next: as PyTorch printed them.
    const chain = [
      ...printedNames(lines[1] ?? '').slice(0, 2),
      ...printedNames(lines[2] ?? ''),
      ...printedNames(lines[3] ?? ''),
    ];
    expect(chain).toEqual(['MulBackward0', 'MulBackward1', 'PowBackward0', 'AccumulateGrad']);
    expect(ran.map((o) => o.gradFnName).reverse()).toEqual(chain.slice(0, 3));
    // The pass's own steps and the program's ops are not mixed up: the ops ran inside the pass.
    const pass = trace.backwardPasses[0];
    for (const op of ran) {
      expect(op.seq).toBeGreaterThan(pass?.seq ?? Infinity);
      expect(op.seq).toBeLessThan(pass?.endSeq ?? -1);
    }
    // The second pass walks exactly those nodes.
    const walked = trace.backwardPasses[1]?.steps.map((s) => s.gradFnId);
    expect(walked).toEqual(ran.map((o) => o.gradFnId).reverse());
  });

  it('records a custom Function’s backward that calls another Function (CubeBackwardBackward)', () => {
    const ran = trace.ops.filter((o) => o.pass === 2);
    const apply = ran.find((o) => o.op === 'CubeBackward');
    expect(apply?.gradFnName).toBe(printedNames(lines[6] ?? '')[0]);
    expect(apply?.span?.line).toBe(
      source.split('\n').indexOf('        return CubeBackward.apply(grad_out, x)') + 1,
    );
    const last = trace.backwardPasses[3]?.steps.map((s) => s.name);
    expect(last).toContain('CubeBackwardBackward');
  });
});

describe('the gradient’s own graph in the picture', () => {
  it('is drawn in both views: its ops and tensors in the dataflow view, its nodes in the autograd view', () => {
    const ran = trace.ops.filter((o) => o.pass === 0);
    const dataflow = picture('dataflow').graph;
    const ids = new Set(dataflow.nodes.map((n) => n.id));
    for (const op of ran) expect(ids.has(`o${op.index}`)).toBe(true);
    expect(dataflow.nodes.find((n) => n.id === `o${ran[1]?.index}`)?.label).toBe('× 3');
    const autograd = picture('autograd').graph;
    const fns = new Set(autograd.nodes.map((n) => n.id));
    for (const op of ran) expect(fns.has(`f${op.gradFnId}`)).toBe(true);
  });

  it('its ops are steps of the pass that built them, before the step of the node whose backward ran them', () => {
    for (const view of ['dataflow', 'autograd'] as const) {
      const {timeline} = picture(view);
      const seed = timeline.steps.findIndex((s) => s.kind === 'seed' && s.pass === 0);
      const engine = timeline.steps.findIndex((s) => s.kind === 'engine' && s.pass === 0);
      const inside = timeline.steps.slice(seed + 1, engine);
      expect(inside.map((s) => [s.phase, s.kind, s.pass, s.label])).toEqual([
        ['backward', 'op', 0, '** 2'],
        ['backward', 'op', 0, '× 3'],
        ['backward', 'op', 0, '×'],
      ]);
      expect(inside[0]?.narration.en).toMatch(
        /^Inside PowBackward0, its backward formula runs under create_graph=True.* x \*\* 2 = 4; its grad_fn = PowBackward0/,
      );
      expect(inside[2]?.narration.en).toContain(`grad × ((x ** 2) × 3): g = ${printedValue(0)}`);
      expect(inside[2]?.narration.zh).toContain('create_graph=True');
      // A custom Function's backward: the script's own line, and whose backward it is.
      const cube = timeline.steps.find((s) => s.kind === 'op' && s.label === 'CubeBackward');
      expect(cube?.phase).toBe('backward');
      expect(cube?.narration.en).toMatch(
        /^Inside CubeBackward, the script's own backward runs under create_graph=True.*CubeBackward\.apply\(grad_out, x\): gu = \[3, 12\]; gu\.grad_fn = CubeBackwardBackward/,
      );
    }
  });

  it('the second pass walks the gradient’s graph with every tensor named as the formula made it', () => {
    const {timeline} = picture('dataflow');
    const second = timeline.steps.filter((s) => s.kind === 'engine' && s.pass === 1);
    expect(second.map((s) => s.label)).toEqual(['MulBackward0', 'MulBackward1', 'PowBackward0']);
    const text = second.map((s) => s.narration.en).join('\n');
    expect(text).not.toContain('torch.autograd.grad(y, x');
    expect(text).not.toContain('?');
    // PyTorch printed g2 = 12: the last step sends x that much.
    const g2 = printedValue(4);
    expect(second[2]?.narration.en).toBe(
      `PowBackward0 (x ** 2) receives ∂g/∂(x ** 2) = 3. Chain rule: ∂(x ** 2)/∂x = 2·x = 4, so x gets 3 · 4 = ${g2}.`,
    );
    const marks = timeline.marks?.filter((m) => m.kind === 'pass').map((m) => m.label);
    expect(marks?.slice(0, 2)).toEqual([
      'g, = torch.autograd.grad(y, x, create_graph=True)',
      'g2, = torch.autograd.grad(g, x)',
    ]);
  });
});
