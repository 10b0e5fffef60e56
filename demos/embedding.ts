/**
 * The embedding guide's live parts: fences turned into graphs by the opt-in, and a graph driven by
 * its methods with every event it fires written to a log.
 */
import {enhanceCodeBlocks} from '../src/index.js';
import {GradGraph} from '../components/grad-graph.js';
import {setUpLang} from './common.js';
// A URL that works on the dev server and in the static build alike (Vite copies and hashes it).
import seedUrl from './assets/seed.py?url&no-inline';

// The `src` examples: the attribute, set here only because the file's URL is known at build time.
for (const el of document.querySelectorAll('grad-graph[data-src="seed"]'))
  el.setAttribute('src', seedUrl);

const fences = document.getElementById('fences-demo');
if (fences) enhanceCodeBlocks(fences);

const api = document.getElementById('api');
const log = document.getElementById('log');
const exported = document.getElementById('exported');

const working = `import torch
w = torch.tensor(3.0, requires_grad=True)
x = torch.tensor(2.0)
y = w * x + 1
y.backward()
print(w.grad)
`;
const broken = `import torch
w = torch.tensor(3.0, requires_grad=True)
y = w * q + 1
`;

/** Adds a line to the event log (as text), keeping the last 12. */
function record(text: string): void {
  if (!log) return;
  const li = document.createElement('li');
  li.textContent = text;
  log.prepend(li);
  while (log.childElementCount > 12) log.lastElementChild?.remove();
}

if (api instanceof GradGraph) {
  api.source = working;
  api.addEventListener('grad-ready', (e) => {
    record(`grad-ready  stepCount = ${String(e.detail.stepCount)}`);
  });
  api.addEventListener('grad-step', (e) => {
    record(`grad-step   index = ${String(e.detail.index)}, phase = ${e.detail.step.phase}`);
  });
  api.addEventListener('grad-node-select', (e) => {
    record(`grad-node-select  ${e.detail.node.label || e.detail.node.kind}`);
  });
  api.addEventListener('grad-error', (e) => {
    const err = e.detail.error;
    record(
      `grad-error  line ${String(err.line)}, column ${String(err.column)}: ${err.type}: ${err.message}`,
    );
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-call]')) {
    button.addEventListener('click', () => {
      switch (button.dataset.call) {
        case 'play':
          api.play();
          break;
        case 'pause':
          api.pause();
          break;
        case 'prev':
          api.prev();
          break;
        case 'next':
          api.next();
          break;
        case 'reset':
          api.reset();
          break;
        case 'export': {
          const svg = api.exportSVG();
          if (exported)
            exported.textContent = `exportSVG(): ${String(svg.length)} characters, starting ${svg.slice(0, 60)}…`;
          break;
        }
        case 'break':
          api.source = broken;
          break;
        case 'fix':
          api.source = working;
          break;
      }
    });
  }
}

setUpLang();
