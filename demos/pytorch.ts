/**
 * pytorch.html: a run of real PyTorch (demos/assets/pytorch-model.py, recorded by the Python
 * exporter in python/grad_graph) played in <grad-graph>, with the module calls it recorded listed
 * beside it. The trace is data from outside: the element validates it.
 */
import '../components/grad-graph.js';
import type {GradGraph} from '../components/grad-graph.js';
import type {Trace} from '../src/trace/schema.js';
import {validateTrace} from '../src/trace/validate.js';
import traceUrl from './assets/pytorch-model.trace.json?url&no-inline';
import {setUpLang} from './common.js';

setUpLang();

/** One line per module call: indented by nesting, with its parameters' shapes. */
function listGroups(trace: Trace, list: HTMLElement): void {
  const depth = new Map<number, number>();
  const shapes = new Map(trace.tensors.map((t) => [t.id, t.shape.join('×') || 'scalar']));
  for (const g of trace.groups ?? []) {
    const d = g.parent === null ? 0 : (depth.get(g.parent) ?? 0) + 1;
    depth.set(g.id, d);
    const item = document.createElement('li');
    item.style.marginInlineStart = `${String(d * 1.5)}em`;
    const name = document.createElement('code');
    name.textContent = g.name;
    item.append(name);
    const params = (g.parameters ?? []).map((p) => `${p.name} ${shapes.get(p.tensorId) ?? '?'}`);
    if (params.length > 0) item.append(` — ${params.join(', ')}`);
    list.append(item);
  }
}

async function load(): Promise<void> {
  const el = document.querySelector<GradGraph>('grad-graph#pytorch');
  const list = document.querySelector<HTMLElement>('#modules');
  if (!el || !list) return;
  const response = await fetch(traceUrl);
  const json: unknown = await response.json();
  el.trace = validateTrace(json);
  listGroups(el.trace, list);
}

void load();
