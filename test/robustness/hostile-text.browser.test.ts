/**
 * Text stays text: strings, printed output, error messages, the source, tensor names of a trace
 * given through the `trace` property and the narration that quotes them all carry markup
 * (`<script>`, `<img onerror>`, `javascript:` URLs, `<svg onload>`, `]]>`, entities). The element
 * must show them literally — in the graph, the narration, the output and code panels, the error box,
 * the details panel and exportSVG() — and nothing may run or be injected.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {GradGraph} from '../../components/grad-graph.js';
import {traceSource} from '../../src/run/index.js';
import type {Trace} from '../../src/trace/schema.js';
import {validateTrace} from '../../src/trace/validate.js';
import {mount, ready, seedSource, shadow} from '../components/helpers.js';
import {injections} from './dom-audit.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const H = {
  script: '<script>window.__pwned = 1</script>',
  img: '<img src=x onerror="window.__pwned = 2">',
  js: 'javascript:window.__pwned = 3',
  svg: '<svg onload="window.__pwned = 4"><a href="javascript:window.__pwned = 5">x</a></svg>',
  cdata: ']]><!-- &lt;b&gt; &amp; &#60;i&#62; -->',
};

const hostileScript = `import torch
a = "${H.script}"
b = '${H.img}'
c = "${H.js}"
d = '${H.svg}'
e = "${H.cdata}"
print(a, b)
print(c, d, e)
x = torch.ones(2, requires_grad=True)
y = (x * 2).sum()
y.backward()
n = int(d)
`;

/** Text of the element's shadow DOM, excluding style sheets. */
function shownText(el: GradGraph): string {
  return shadow(el).textContent;
}

async function seekAll(el: GradGraph, visit: (k: number) => void): Promise<void> {
  for (let k = 0; k < el.stepCount; k++) {
    el.seek(k);
    await el.updateComplete;
    visit(k);
  }
}

function parseSVG(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}

let baseline: string[] = [];
beforeEach(() => {
  window.__pwned = undefined;
  baseline = injections(document);
});
afterEach(() => {
  document.body.replaceChildren();
});

function expectNothingRan(): void {
  expect(window.__pwned).toBeUndefined();
  expect(injections(document)).toEqual(baseline);
}

describe('hostile text in a script', () => {
  it('shows strings, output, source and the error message literally', async () => {
    const el = mount({}, null);
    el.source = hostileScript;
    await ready(el);
    expect(el.error?.type).toBe('ValueError');
    expect(el.error?.message).toContain(H.svg);
    expect(el.error?.line).toBe(12);
    expect(el.output).toBe(`${H.script} ${H.img}\n${H.js} ${H.svg} ${H.cdata}\n`);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    const root = shadow(el);
    const output = root.querySelector('[part="output"]');
    expect(output?.textContent).toContain(`${H.script} ${H.img}`);
    expect(output?.textContent).toContain(H.cdata);
    expect(output?.children.length).toBe(0);
    const error = root.querySelector('[part="error"]');
    expect(error?.textContent).toContain(H.svg);
    const code = root.querySelector('[part="code"]');
    expect(code?.textContent).toContain(`d = '${H.svg}'`);
    expect(code?.textContent).toContain(H.cdata);
    expect(shownText(el)).toContain(H.script);
    await new Promise((r) => setTimeout(r, 100));
    expectNothingRan();
    const svg = parseSVG(el.exportSVG());
    expect(injections(svg)).toEqual([]);
    expectNothingRan();
  });
});

/** The seed's trace with markup in every text a trace carries. */
function hostileTrace(): Trace {
  const json = JSON.parse(JSON.stringify(traceSource(seedSource))) as Record<string, unknown>;
  const tensors = json.tensors as {names: string[]}[];
  const names = [H.script, H.img, H.js, H.svg, H.cdata];
  tensors.forEach((t, i) => {
    if (t.names.length) t.names = [names[i % names.length] ?? H.script];
  });
  json.source = `# ${H.svg}\n${String(json.source)}`;
  json.output = `${H.img}\n`;
  json.prints = [
    {seq: 0, text: `${H.img}\n`, span: {line: 1, column: 1, endLine: 1, endColumn: 2}},
  ];
  json.error = {
    seq: 10_000,
    type: 'RuntimeError',
    message: `bad ${H.script}`,
    span: {line: 2, column: 1, endLine: 2, endColumn: 3},
    traceback: `Traceback (most recent call last):\nRuntimeError: bad ${H.script}`,
  };
  return validateTrace(json);
}

describe('hostile text in a trace given through the trace property', () => {
  it('shows tensor names literally in the graph, narration, details and exported SVG', async () => {
    const trace = hostileTrace();
    const el = mount({}, null);
    el.trace = trace;
    await ready(el);
    expect(el.stepCount).toBeGreaterThan(3);
    const root = shadow(el);
    const graph = root.querySelector('svg[part="graph"]');
    const labels = Array.from(graph?.querySelectorAll('text') ?? [])
      .map((t) => t.textContent)
      .join('\n');
    // Long labels may be shortened to fit, so look for a distinctive piece of each.
    expect(labels).toMatch(/<script>|<img|javascript:|<svg|]]>/);
    let narrations = '';
    await seekAll(el, () => {
      narrations += `${root.querySelector('[part="narration"]')?.textContent ?? ''}\n`;
    });
    expect(narrations).toMatch(/<script>|<img src=x|<svg onload/);
    expect(root.querySelector('[part="error"]')?.textContent).toContain(`bad ${H.script}`);
    expect(root.querySelector('[part="code"]')?.textContent).toContain(H.svg);
    // The details panel of every node, shown on focus.
    const nodes = Array.from(graph?.querySelectorAll<SVGGElement>('g.gg-node') ?? []);
    expect(nodes.length).toBeGreaterThan(3);
    let details = '';
    for (const node of nodes) {
      node.dispatchEvent(new FocusEvent('focusin', {bubbles: true, composed: true}));
      await el.updateComplete;
      details += shownText(el);
    }
    expect(details).toContain('requires_grad');
    expectNothingRan();
    const exported = el.exportSVG();
    const svg = parseSVG(exported);
    expect(injections(svg)).toEqual([]);
    expect(svg.documentElement.textContent).toMatch(/<script>|<img|javascript:|<svg|]]>/);
    await new Promise((r) => setTimeout(r, 100));
    expectNothingRan();
  });
});
