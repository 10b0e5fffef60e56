/**
 * `grad-graph render --iteration N` (issue 22): the CLI draws any iteration of a training loop, the
 * ones its window forgot recorded again, and shows what a trace of everything shows for it: every
 * label, value, gradient and narration, bit for bit, for a loop with seeded randomness drawn in
 * every iteration, in-place updates under no_grad and `.grad` accumulated over two passes.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {render} from '../../src/cli/render.js';
import {iterationKept, stateAt} from '../../src/graph/index.js';
import {renderSVG} from '../../src/render/index.js';
import {buildPicture} from '../../src/run/picture.js';
import {traceSource} from '../../src/run/trace.js';

const loop = `import torch
torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
x = torch.linspace(-1.0, 1.0, 3)
for t in range(30):
    noise = torch.randn(3)
    loss = ((w * x + noise) ** 2).sum()
    loss.backward()
    if t % 2 == 1:
        with torch.no_grad():
            w -= 0.05 * w.grad
        w.grad.zero_()
print(w)
`;

const dir = mkdtempSync(join(tmpdir(), 'grad-graph-iteration-'));
const file = join(dir, 'loop.py');
writeFileSync(file, loop);

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await render(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => Promise.resolve(''),
  });
  return {code, stdout, stderr};
}

/** The text a reader sees in an SVG picture: labels, values, gradients, the step's narration. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/>([^<>]+)</g)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
}

/** The SVG of step `k` (negative: from the end) of iteration `index` of a trace of everything. */
function everything(index: number, k: number): string {
  const trace = traceSource(loop, {window: 'all'});
  const {graph, layout, timeline} = buildPicture(trace, {
    view: 'dataflow',
    direction: 'LR',
    iteration: index,
  });
  const n = timeline.steps.length;
  const at = k < 0 ? n + k : k;
  return renderSVG(graph, layout, stateAt(timeline, at), {
    lang: 'en',
    step: timeline.steps[at] ?? null,
    stepCount: n,
  });
}

describe('grad-graph render --iteration N', {timeout: 60_000}, () => {
  it('draws a forgotten iteration, recorded again, as a trace of everything has it', async () => {
    // Iteration 20 (index 19) is outside the window the render's trace keeps.
    expect(iterationKept(traceSource(loop), 19)).toBe(false);
    for (const k of [0, 4, -1]) {
      const {code, stdout, stderr} = await run([file, '--iteration', '20', '--step', String(k)]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(texts(stdout)).toEqual(texts(everything(19, k)));
    }
    // The in-place updates before it: w is at its ninth version, as PyTorch's w._version says.
    expect(texts(everything(19, -1))).toContain('w (v9)');
  });

  it('draws a kept iteration too (the first and the last)', async () => {
    for (const n of [1, 30]) {
      const {code, stdout} = await run([file, '--iteration', String(n)]);
      expect(code).toBe(0);
      expect(texts(stdout)).toEqual(texts(everything(n - 1, -1)));
    }
  });

  it('says when N is not an iteration of the script (exit 2)', async () => {
    for (const n of ['0', '31']) {
      const {code, stderr} = await run([file, '--iteration', n]);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `grad-graph render: error: --iteration ${n} is out of range: the script has 30 iterations (1 to 30)\n`,
      );
    }
    const bad = await run([file, '--iteration', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument --iteration: invalid int value: 'x'");
  });
});
