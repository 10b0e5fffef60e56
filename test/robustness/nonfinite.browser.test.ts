/**
 * nan and inf in the picture: the element runs the non-finite golden scripts (values, gradients and
 * seed gradients with nan/inf), shows their output exactly as PyTorch printed it, and at every step
 * draws with finite coordinates: no `NaN` or `Infinity` in any SVG attribute, on the page or in
 * exportSVG(); the values read `nan` / `inf` as PyTorch writes them.
 */
import {afterEach, describe, expect, it} from 'vitest';
import golden from './golden/robustness.json';
import type {GradGraph} from '../../components/grad-graph.js';
import {mount, ready, shadow} from '../components/helpers.js';
import {allElements} from './dom-audit.js';

const cases = (
  golden as {nonfinite: Record<string, {source: string; stdout: string; stderrLast: string}>}
).nonfinite;
const drawn = ['gradients', 'seed_gradient', 'ops', 'tensor_print'];

afterEach(() => {
  document.body.replaceChildren();
});

/** Attributes holding a JS non-number, or a coordinate that is not finite. */
function badAttributes(root: Element | Document | ShadowRoot): string[] {
  const bad: string[] = [];
  const nonNumber = /\bNaN\b|\bInfinity\b|undefined/;
  for (const el of allElements(root)) {
    if (!(el instanceof SVGElement)) continue;
    for (const a of Array.from(el.attributes)) {
      if (nonNumber.test(a.value))
        bad.push(`<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`);
    }
  }
  return bad;
}

function boxesFinite(el: GradGraph): string[] {
  const bad: string[] = [];
  for (const g of Array.from(
    shadow(el).querySelectorAll<SVGGraphicsElement>('svg[part="graph"] g.gg-node'),
  )) {
    const b = g.getBBox();
    if (![b.x, b.y, b.width, b.height].every(Number.isFinite))
      bad.push(g.getAttribute('data-id') ?? '?');
  }
  return bad;
}

describe('nan and inf in the picture', () => {
  for (const name of drawn) {
    it(`${name}: finite drawing at every step, PyTorch's printed output`, async () => {
      const c = cases[name];
      if (!c) throw new Error(`no golden ${name}`);
      const el = mount({}, null);
      el.source = c.source;
      await ready(el);
      expect(el.error).toBeNull();
      expect(el.output).toBe(c.stdout);
      let texts = '';
      for (let k = 0; k < el.stepCount; k++) {
        el.seek(k);
        await el.updateComplete;
        expect(badAttributes(shadow(el)), `step ${k}`).toEqual([]);
        expect(boxesFinite(el), `step ${k}`).toEqual([]);
        texts += shadow(el).querySelector('svg[part="graph"]')?.textContent ?? '';
      }
      expect(texts).toMatch(/\bnan\b|\binf\b/);
      expect(texts).not.toMatch(/\bNaN\b|\bInfinity\b/);
      const svg = new DOMParser().parseFromString(el.exportSVG(), 'image/svg+xml');
      expect(svg.querySelector('parsererror')).toBeNull();
      expect(badAttributes(svg)).toEqual([]);
      // The panel shows what was printed up to the current step: a prefix of the whole output.
      const shown = shadow(el).querySelector('[part="output"]')?.textContent ?? '';
      expect(c.stdout.startsWith(shown)).toBe(true);
    });
  }
});
