/**
 * The MLP demo: a 2-layer network trained with SGD on XOR, run live by grad-graph's interpreter.
 * The loss of every iteration comes from what the script prints; the graph shows the chosen
 * iteration (its forward pass, backward pass and the SGD update before it).
 */
import '../components/grad-graph.js';
import {iterationTrace} from '../components/grad-notebook-iteration.js';
import {GradGraph} from '../components/grad-graph.js';
import {traceIteration, traceSource} from '../src/run/index.js';
import type {Trace} from '../src/trace/index.js';
import {currentLang, onLang, setUpLang} from './common.js';
import {drawLossChart} from './loss-chart.js';

/** The training script for a learning rate and a number of steps. */
export function trainingScript(lr: string, steps: number): string {
  return `import torch
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
W1 = torch.tensor([[0.5, -0.4, 0.3, -0.2], [-0.3, 0.6, 0.1, 0.4]], requires_grad=True)
b1 = torch.tensor([0.1, -0.1, 0.05, 0.0], requires_grad=True)
W2 = torch.tensor([[0.4], [-0.5], [0.3], [0.6]], requires_grad=True)
b2 = torch.tensor([0.0], requires_grad=True)
lr = ${lr}
for step in range(${String(steps)}):
    h = torch.tanh(X @ W1 + b1)
    pred = h @ W2 + b2
    loss = ((pred - Y) ** 2).mean()
    loss.backward()
    print(step, loss.item())
    with torch.no_grad():
        for p in [W1, b1, W2, b2]:
            p -= lr * p.grad
            p.grad.zero_()
print(pred)
`;
}

/** The losses the script printed, one per iteration (`step loss` lines). */
export function printedLosses(trace: Trace): number[] {
  const out: number[] = [];
  for (const line of trace.output.split('\n')) {
    const m = /^(\d+) (\S+)$/.exec(line);
    if (m) out[Number(m[1])] = Number(m[2]);
  }
  return out;
}

/** The page's element with this id, checked to be of the expected class. */
function byId<T extends Element>(id: string, type: abstract new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`mlp demo: missing #${id}`);
  return el;
}

const lrInput = byId('lr', HTMLSelectElement);
const stepsInput = byId('steps', HTMLSelectElement);
const iteration = byId('iteration', HTMLInputElement);
const iterationText = byId('iteration-text', HTMLOutputElement);
const chart = byId('loss', SVGSVGElement);
const code = byId('code', HTMLElement);
const graph = byId('graph', GradGraph);
const errorBox = byId('error', HTMLElement);

let trace: Trace | null = null;
let losses: number[] = [];

function words() {
  return currentLang() === 'zh'
    ? {
        x: '迭代',
        y: '损失',
        at: (k: number, n: number, l: string) =>
          `第 ${String(k)} 次迭代（共 ${String(n)} 次），损失 = ${l}`,
      }
    : {
        x: 'iteration',
        y: 'loss',
        at: (k: number, n: number, l: string) =>
          `Iteration ${String(k)} of ${String(n)}, loss = ${l}`,
      };
}

function train(): void {
  const source = trainingScript(lrInput.value, Number(stepsInput.value));
  code.textContent = source;
  trace = traceSource(source, {filename: 'train.py'});
  losses = printedLosses(trace);
  errorBox.textContent = trace.error ? trace.error.traceback : '';
  errorBox.hidden = !trace.error;
  iteration.max = String(Math.max(0, losses.length - 1));
  iteration.value = String(Math.min(Number(iteration.value), losses.length - 1));
  show(Number(iteration.value));
}

function show(k: number): void {
  if (!trace) return;
  const w = words();
  iteration.value = String(k);
  const loss = losses[k];
  iterationText.textContent = w.at(
    k,
    losses.length,
    loss === undefined ? '—' : loss.toPrecision(4),
  );
  const {x} = drawLossChart(chart, losses, k, w);
  chartX = x;
  // The trace keeps the first and last iterations; any other is recorded again (bit for bit).
  graph.trace = iterationTrace(traceIteration(trace, k), k);
}

let chartX: ((v: number) => number) & {invert(v: number): number} = Object.assign(
  (v: number) => v,
  {
    invert: (v: number) => v,
  },
);

function pick(e: PointerEvent): void {
  const box = chart.getBoundingClientRect();
  const scale = (chart.viewBox.baseVal.width || box.width) / box.width;
  const k = Math.round(chartX.invert((e.clientX - box.left) * scale));
  show(Math.min(Math.max(k, 0), losses.length - 1));
}

chart.addEventListener('pointerdown', (e) => {
  chart.setPointerCapture(e.pointerId);
  pick(e);
});
chart.addEventListener('pointermove', (e) => {
  if (chart.hasPointerCapture(e.pointerId)) pick(e);
});
iteration.addEventListener('input', () => {
  show(Number(iteration.value));
});
lrInput.addEventListener('change', train);
stepsInput.addEventListener('change', train);
new ResizeObserver(() => {
  if (trace) drawLossChart(chart, losses, Number(iteration.value), words());
}).observe(chart);

setUpLang();
train();
onLang(() => {
  show(Number(iteration.value));
});
