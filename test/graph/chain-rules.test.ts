import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {declaredNodeNames, nodeDeclaration} from '../../autograd/index.js';
import {buildGraph} from '../../src/graph/build.js';
import {quantity} from '../../src/graph/quantity.js';
import {hasChainRule} from '../../src/graph/rules.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import type {TensorData} from '../../src/trace/schema.js';
import {golden} from '../trace/golden.js';

/** A formula for every input (chain.ts reads it), so the node needs no rule in words. */
function formulaForEveryInput(name: string): boolean {
  const d = nodeDeclaration(name)?.derivative;
  return !!d && d.length > 0 && d.every((x) => x !== null);
}

/** What narration says when it knows no chain rule for a node. */
const GENERIC = {en: /local derivative|It sends/, zh: /局部导数/};

function picture(source: string, view: 'dataflow' | 'autograd') {
  const trace = traceSource(source);
  const graph = buildGraph(trace, {view});
  return {trace, timeline: buildTimeline(trace, graph)};
}

/** PyTorch's numbers (flat) in the engine's shape, written as narration writes a tensor. */
function shownAs(values: readonly number[], like: TensorData): string {
  return quantity({shape: like.shape, dtype: like.dtype, values: [...values]});
}

describe('chain rules', () => {
  it('cover every grad_fn autograd declares: a formula for each input, or a rule in words', () => {
    const names = declaredNodeNames();
    // Guard against an empty registry passing for a complete one.
    expect(names.length).toBeGreaterThan(140);
    const missing = names.filter((n) => !formulaForEveryInput(n) && !hasChainRule(n));
    expect(missing).toEqual([]);
  });

  for (const name of ['multi', 'rules', 'layers']) {
    for (const view of ['dataflow', 'autograd'] as const) {
      it(`${name} (${view}): each engine step says its chain rule with PyTorch's numbers, in English and Chinese`, () => {
        const g = golden(name);
        const pass = g.passes[0];
        const {trace, timeline} = picture(g.source, view);
        const engine = trace.backwardPasses[0]?.steps ?? [];
        // The engine ran PyTorch's steps in PyTorch's order.
        expect(engine.map((s) => s.name)).toEqual(pass?.order);
        const steps = timeline.steps.filter((s) => s.kind === 'engine');
        const ran = engine.filter((s) => s.name !== 'AccumulateGrad');
        expect(steps.map((s) => s.label)).toEqual(ran.map((s) => s.name));
        let checked = 0;
        steps.forEach((step, i) => {
          const {en, zh} = step.narration;
          expect(en.startsWith(step.label ?? '?')).toBe(true);
          expect(zh.startsWith(step.label ?? '?')).toBe(true);
          expect(en).toContain('Chain rule:');
          expect(zh).toContain('链式法则');
          expect(en).not.toMatch(GENERIC.en);
          expect(zh).not.toMatch(GENERIC.zh);
          const at = engine.indexOf(ran[i] as (typeof engine)[number]);
          const theirs = pass?.steps[at];
          const ours = engine[at];
          if (!theirs || !ours || !hasChainRule(step.label ?? '')) return;
          // A rule in words shows each gradient it sent as its number: PyTorch's.
          theirs.grads_out.forEach((values, j) => {
            const like = ours.gradsOut[j];
            if (values === null || !like) return;
            expect(en).toContain(shownAs(values, like));
            expect(zh).toContain(shownAs(values, like));
            checked++;
          });
          // A node with several outputs says what it received for each.
          if (theirs.grads_in.length > 1) {
            theirs.grads_in.forEach((values, j) => {
              const like = ours.gradsIn[j];
              if (values === null || !like) return;
              expect(en).toContain(`= ${shownAs(values, like)}`);
              checked++;
            });
          }
        });
        expect(checked).toBeGreaterThan(4);
      });
    }
  }

  it("say a split's pieces by their names and share one node among them, forward and backward", () => {
    const {timeline} = picture(golden('multi').source, 'dataflow');
    const chunk = timeline.steps.find((s) => s.label === 'SplitBackward0');
    expect(chunk?.narration.en).toMatch(
      /^SplitBackward0 \(p, q = x\.chunk\(2, dim=1\), one node with 2 outputs\) receives ∂loss\/∂p = \S+, ∂loss\/∂q = \S+\./,
    );
    expect(chunk?.narration.zh).toMatch(/一个节点，2 个输出/);
    const forward = timeline.steps.find(
      (s) => s.phase === 'forward' && s.narration.en.startsWith('x.unbind()'),
    );
    expect(forward?.narration.en).toContain('r0 and r1 share one grad_fn, UnbindBackward0');
    const max = timeline.steps.find(
      (s) => s.phase === 'forward' && s.narration.en.startsWith('torch.max(x, 1)'),
    );
    expect(max?.narration.en).toContain('v.grad_fn = MaxBackward0');
    expect(max?.narration.en).toContain('(i: integers, no gradient)');
    // The second piece's gradient reaches the tensor named b, not the first piece a.
    const mul = timeline.steps.find(
      (s) => s.label === 'MulBackward0' && /r0 \* r1/.test(s.narration.en),
    );
    expect(mul?.narration.en).toContain('∂(r0 * r1)/∂r1 = r0');
    expect(mul?.narration.en).toContain('r1 gets 1 · r0');
  });

  it("say a custom Function's backward is the user's, and a module hook's node passes gradients through", () => {
    const cases = new URL('../golden/scripts/cases/', import.meta.url);
    for (const [file, expected] of [
      [
        'autograd_function_ctx.py',
        /^CubeBackward .*Chain rule: your Cube\.backward\(\) computes it/,
      ],
      [
        'nn_module_hooks.py',
        /^BackwardHookFunctionBackward .*Chain rule: BackwardHookFunction passes each gradient through unchanged/,
      ],
    ] as const) {
      const {timeline} = picture(readFileSync(new URL(file, cases), 'utf8'), 'autograd');
      const custom = timeline.steps.filter(
        (s) => s.kind === 'engine' && (s.label ?? '').endsWith('Backward'),
      );
      expect(custom.length).toBeGreaterThan(0);
      for (const s of custom) {
        expect(s.narration.en).toMatch(expected);
        expect(s.narration.zh).toContain('链式法则');
      }
    }
  }, 60_000);
});
