/**
 * The classifier demo: an nn.Module (Linear, ReLU, Linear) trained with CrossEntropyLoss and Adam
 * on 2-D points, run by `<grad-graph>` itself (in its worker). The loss curve is what the script
 * printed; picking an iteration on it sets the element's `iteration`, and an iteration its trace
 * did not keep is recorded again in the worker, bit for bit.
 */
import '../components/grad-graph.js';
import {GradGraph} from '../components/grad-graph.js';
import source from './assets/classifier.py?raw';
import {currentLang, onLang, setUpLang} from './common.js';
import {drawLossChart, type Linear} from './loss-chart.js';

/** The losses the script printed, one per iteration (`step loss` lines). */
export function printedLosses(output: string): number[] {
  const out: number[] = [];
  for (const line of output.split('\n')) {
    const m = /^(\d+) (\S+)$/.exec(line);
    if (m) out[Number(m[1])] = Number(m[2]);
  }
  return out;
}

/** The page's element with this id, checked to be of the expected class. */
function byId<T extends Element>(id: string, type: abstract new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`classifier demo: missing #${id}`);
  return el;
}

const iteration = byId('iteration', HTMLInputElement);
const iterationText = byId('iteration-text', HTMLOutputElement);
const chart = byId('loss', SVGSVGElement);
const code = byId('code', HTMLElement);
const graph = byId('graph', GradGraph);

let losses: number[] = [];
let chartX: Linear | null = null;

function words() {
  return currentLang() === 'zh'
    ? {
        x: '迭代',
        y: '损失',
        // Numbered from 1 as the element's Iteration field is; the script's step from 0.
        at: (k: number, n: number, l: string) =>
          `第 ${String(k + 1)} 次迭代（共 ${String(n)} 次，step = ${String(k)}），损失 = ${l}`,
      }
    : {
        x: 'iteration',
        y: 'loss',
        at: (k: number, n: number, l: string) =>
          `Iteration ${String(k + 1)} of ${String(n)} (step = ${String(k)}), loss = ${l}`,
      };
}

/** Shows iteration `k` (0-based): the chart's marker, its text, and the element's picture. */
function show(k: number): void {
  const w = words();
  iteration.value = String(k);
  const loss = losses[k];
  iterationText.textContent = w.at(k, losses.length, loss === undefined ? '—' : String(loss));
  if (losses.length > 0) chartX = drawLossChart(chart, losses, k, w).x;
  if (graph.iteration !== k) graph.iteration = k;
}

function pick(e: PointerEvent): void {
  if (!chartX || losses.length === 0) return;
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
// The first picture brings the whole run's output: the loss of every iteration.
graph.addEventListener('grad-ready', () => {
  if (losses.length > 0) return;
  losses = printedLosses(graph.output);
  iteration.max = String(Math.max(0, losses.length - 1));
  // The iteration the page asked for (its `iteration` attribute), until the reader picks another.
  show(Math.min(graph.iteration ?? 0, losses.length - 1));
});
// The element's own Iteration field (or code) may pick another iteration: follow it.
graph.addEventListener('grad-ready', () => {
  const k = graph.iteration;
  if (typeof k === 'number' && losses.length > 0 && String(k) !== iteration.value) show(k);
});
new ResizeObserver(() => {
  if (losses.length > 0) chartX = drawLossChart(chart, losses, Number(iteration.value), words()).x;
}).observe(chart);

setUpLang();
code.textContent = source;
graph.source = source;
onLang(() => {
  if (losses.length > 0) show(Number(iteration.value));
});
