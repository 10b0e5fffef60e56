/**
 * A plain Vite app: the element from `grad-graph/element` (its script is long enough to run in the
 * worker), and the pipeline from the package root and `grad-graph/runner` drawing a static SVG,
 * type-checked with skipLibCheck false.
 */
import {GradGraph, type GradStepDetail} from 'grad-graph/element';
import {buildPicture, renderSVG, stateAt} from 'grad-graph';
import {traceSource} from 'grad-graph/runner';

const live = document.querySelector('grad-graph');
if (live instanceof GradGraph) {
  live.addEventListener('grad-step', (event: CustomEvent<GradStepDetail>) => {
    document.body.dataset.step = String(event.detail.index);
  });
}

const trace = traceSource(
  'import torch\na = torch.ones(3, requires_grad=True)\n(a * a).sum().backward()\n',
);
const picture = buildPicture(trace, {view: 'dataflow', direction: 'LR'});
const last = picture.timeline.steps.length - 1;
const svg = renderSVG(picture.graph, picture.layout, stateAt(picture.timeline, last));
const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
document.getElementById('static')?.append(document.importNode(doc.documentElement, true));
