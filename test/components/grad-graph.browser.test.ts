import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {cdp, page, userEvent} from 'vitest/browser';
import golden from '../golden/autograd/golden.json';
import type {GradGraph} from '../../components/grad-graph.js';
import {frames, mount, ready, record, seedSource, shadow} from './helpers.js';

/** x.grad after out.backward() in the seed tutorial, as PyTorch 1.13 computed it (committed golden). */
function goldenXGrad(): number[] {
  const c = (
    golden as unknown as {
      cases: {name: string; steps: {out: string | null}[]; results: {values?: number[]}[]}[];
    }
  ).cases.find((k) => k.name === 'seed tutorial');
  const i = c?.steps.findIndex((s) => s.out === 'xg') ?? -1;
  const values = c?.results[i]?.values;
  if (!values) throw new Error('golden: seed tutorial x.grad missing');
  return values;
}

/** A Chrome DevTools Protocol call (used to emulate prefers-reduced-motion). */
function send(method: string, params: unknown): Promise<unknown> {
  return (cdp() as unknown as {send: (m: string, p: unknown) => Promise<unknown>}).send(
    method,
    params,
  );
}

function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? []).map(Number);
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('<grad-graph> defaults', () => {
  it('has documented defaults before and after building', async () => {
    const el = mount();
    expect(el.step).toBe(0);
    expect(el.view).toBe('dataflow');
    expect(el.direction).toBe('auto');
    expect(el.autoplay).toBe(false);
    expect(el.loop).toBe(false);
    expect(el.speed).toBe(1);
    expect(el.lang).toBe('en');
    expect(el.noControls).toBe(false);
    expect(el.noCode).toBe(false);
    expect(el.noNarration).toBe(false);
    expect(el.src).toBeNull();
    expect(el.source).toBeNull();
    expect(el.trace).toBeNull();
    await ready(el);
    expect(el.error).toBeNull();
    expect(el.stepCount).toBeGreaterThan(4);
    expect(el.currentStep?.index).toBe(0);
    expect(el.currentStep?.phase).toBe('forward');
    // The seed prints x.grad: PyTorch's numbers.
    expect(numbersIn(el.output)).toEqual(goldenXGrad());
    expect(el.playing).toBe(false);
    expect(el.getAttribute('step')).toBe('0');
    const root = shadow(el);
    expect(root.querySelector('[part="graph"]')).not.toBeNull();
    expect(root.querySelector('[part="controls"]')).not.toBeNull();
    expect(root.querySelector('[part="code"]')).not.toBeNull();
    expect(root.querySelector('[part="narration"]')?.textContent).toBe(
      el.currentStep?.narration.en,
    );
  });

  it('reads the inline script dedented, without the notebook marker', async () => {
    const el = mount();
    await ready(el);
    const lines = [...shadow(el).querySelectorAll('[part="code"] li')].map((li) => li.textContent);
    expect(lines.join('\n') + '\n').toBe(seedSource);
  });

  it('draws tensors, ops and links as CSS parts', async () => {
    const el = mount();
    await ready(el);
    const root = shadow(el);
    expect(root.querySelectorAll('[part~="tensor"]').length).toBeGreaterThanOrEqual(4);
    expect(root.querySelectorAll('[part~="op"]').length).toBeGreaterThanOrEqual(3);
    expect(root.querySelectorAll('[part~="link"]').length).toBeGreaterThanOrEqual(6);
  });
});

describe('<grad-graph> attributes and properties', () => {
  it('step is reflected and clamped', async () => {
    const el = mount({step: '2'});
    await ready(el);
    expect(el.step).toBe(2);
    el.step = 4;
    await el.updateComplete;
    expect(el.getAttribute('step')).toBe('4');
    expect(el.currentStep?.index).toBe(4);
    el.setAttribute('step', '9999');
    await el.updateComplete;
    expect(el.currentStep?.index).toBe(el.stepCount - 1);
  });

  it('view switches between the dataflow and autograd pictures', async () => {
    const el = mount({view: 'autograd'});
    await ready(el);
    const root = shadow(el);
    const labels = [...root.querySelectorAll('g.gg-node .gg-label')].map((t) => t.textContent);
    expect(labels).toContain('MulBackward0');
    expect(labels).toContain('AccumulateGrad');
    el.view = 'dataflow';
    await el.updateComplete;
    expect(root.querySelectorAll('[part~="tensor"]').length).toBeGreaterThan(0);
  });

  it('direction lays layers left-right or top-bottom', async () => {
    const el = mount({direction: 'TB'});
    await ready(el);
    const svg = shadow(el).querySelector('svg[part="graph"]');
    const [, , w, h] = (svg?.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(h).toBeGreaterThan(w ?? 0);
    el.direction = 'LR';
    await el.updateComplete;
    const [, , w2, h2] = (svg?.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(w2).toBeGreaterThan(h2 ?? 0);
  });

  it('autoplay plays, speed sets the pace, loop starts over', async () => {
    const el = mount({autoplay: '', speed: '40', loop: ''});
    expect(el.autoplay).toBe(true);
    expect(el.speed).toBe(40);
    expect(el.loop).toBe(true);
    const steps = record<{index: number}>('grad-step');
    await ready(el);
    await vi_waitFor(() =>
      steps.events.some((e) => e.detail.index === 0 && steps.events.indexOf(e) > 0),
    );
    expect(el.playing).toBe(true);
    el.pause();
    steps.stop();
  });

  it('lang switches narration and labels to Chinese', async () => {
    const el = mount({lang: 'zh'});
    await ready(el);
    expect(shadow(el).querySelector('[part="narration"]')?.textContent).toBe(
      el.currentStep?.narration.zh,
    );
    expect(shadow(el).querySelector('[part="controls"]')?.getAttribute('aria-label')).toBe(
      '播放控制',
    );
  });

  it('no-controls, no-code and no-narration hide their parts', async () => {
    const el = mount({'no-controls': '', 'no-code': '', 'no-narration': ''});
    await ready(el);
    const root = shadow(el);
    expect(el.noControls && el.noCode && el.noNarration).toBe(true);
    expect(root.querySelector('[part="controls"]')).toBeNull();
    expect(root.querySelector('[part="code"]')).toBeNull();
    expect(root.querySelector('[part="narration"]')).toBeNull();
    el.noControls = false;
    await el.updateComplete;
    expect(root.querySelector('[part="controls"]')).not.toBeNull();
  });

  it('source property wins over the inline script and rebuilds', async () => {
    const el = mount();
    await ready(el);
    const before = el.stepCount;
    el.source =
      'import torch\na = torch.ones(3, requires_grad=True)\nb = a.sum()\nb.backward()\nprint(a.grad)\n';
    await el.updateComplete;
    // The script runs in a worker: the old picture is gone at once, the new one arrives.
    expect(el.stepCount).toBe(0);
    expect(el.busy).toBe(true);
    await ready(el);
    expect(el.busy).toBe(false);
    expect(el.stepCount).not.toBe(before);
    expect(el.output).toContain('tensor(');
  });

  it('src loads a file', async () => {
    const el = mount({src: '/demos/assets/seed.py'}, null);
    await ready(el);
    expect(el.error).toBeNull();
    expect(
      [...shadow(el).querySelectorAll('[part="code"] li')].map((li) => li.textContent).join('\n') +
        '\n',
    ).toBe(seedSource);
  });

  it('trace property shows a recorded trace', async () => {
    const a = mount();
    await ready(a);
    const trace = (a as unknown as {picture: {trace: unknown}}).picture.trace;
    const b = mount({}, null);
    b.trace = trace as GradGraph['trace'];
    await ready(b);
    expect(b.stepCount).toBe(a.stepCount);
  });
});

function vi_waitFor(check: () => boolean, timeout = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const poll = () => {
      if (check()) resolve();
      else if (performance.now() - start > timeout) reject(new Error('timed out'));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('<grad-graph> events', () => {
  it('fires grad-ready with the step count, bubbling and composed', async () => {
    const got = record<{stepCount: number}>('grad-ready');
    const el = mount();
    await ready(el);
    got.stop();
    expect(got.events).toHaveLength(1);
    expect(got.events[0]?.detail.stepCount).toBe(el.stepCount);
    expect(got.events[0]?.bubbles && got.events[0].composed).toBe(true);
  });

  it('fires grad-step for next/prev/seek and playback, none when code sets step', async () => {
    const el = mount();
    await ready(el);
    const got = record<{index: number; step: {index: number}}>('grad-step');
    el.step = 3;
    await el.updateComplete;
    el.setAttribute('step', '1');
    await el.updateComplete;
    expect(got.events).toHaveLength(0);
    el.next();
    expect(got.events.map((e) => e.detail.index)).toEqual([2]);
    expect(got.events[0]?.detail.step.index).toBe(2);
    el.prev();
    el.seek(5);
    expect(got.events.map((e) => e.detail.index)).toEqual([2, 1, 5]);
    got.stop();
  });

  it('fires grad-node-select when a node is clicked', async () => {
    const el = mount();
    await ready(el);
    const got = record<{node: {id: string; label: string}}>('grad-node-select');
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    const x = [...shadow(el).querySelectorAll('g.gg-tensor')].find(
      (g) => g.querySelector('.gg-label')?.textContent === 'x',
    );
    expect(x).toBeDefined();
    await userEvent.click(x as Element);
    expect(got.events.at(-1)?.detail.node.label).toBe('x');
    got.stop();
  });
});

describe('<grad-graph> the seed tutorial', () => {
  it('at the last step shows x.grad on x as PyTorch computed it', async () => {
    const el = mount();
    await ready(el);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    const x = [...shadow(el).querySelectorAll('g.gg-tensor')].find(
      (g) => g.querySelector('.gg-label')?.textContent === 'x',
    );
    const grad = x?.querySelector('.gg-grad')?.textContent ?? '';
    expect(numbersIn(grad)).toEqual(goldenXGrad());
  });
});

describe('<grad-graph> keyboard', () => {
  it('steps with the arrows, jumps with Home/End, plays with space', async () => {
    const el = mount();
    await ready(el);
    const got = record<{index: number}>('grad-step');
    shadow(el).querySelector<HTMLElement>('.stage')?.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(el.step).toBe(1);
    await userEvent.keyboard('{ArrowRight}{ArrowLeft}');
    expect(el.step).toBe(1);
    await userEvent.keyboard('{End}');
    expect(el.step).toBe(el.stepCount - 1);
    await userEvent.keyboard('{Home}');
    expect(el.step).toBe(0);
    await userEvent.keyboard('{PageDown}{PageDown}{PageUp}');
    expect(el.step).toBe(1);
    expect(got.events.map((e) => e.detail.index)).toEqual([1, 2, 1, el.stepCount - 1, 0, 1, 2, 1]);
    await userEvent.keyboard(' ');
    expect(el.playing).toBe(true);
    await userEvent.keyboard(' ');
    expect(el.playing).toBe(false);
    got.stop();
  });

  it('is one tab stop whose arrows move between the nodes in topological order (roving tabindex)', async () => {
    const el = mount();
    await ready(el);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    const nodes = [...shadow(el).querySelectorAll<SVGGElement>('g.gg-node')];
    const stops = () => nodes.filter((n) => n.getAttribute('tabindex') === '0');
    const focused = () => shadow(el).activeElement;
    expect(stops()).toEqual([nodes[0]]);
    expect(nodes.slice(1).every((n) => n.getAttribute('tabindex') === '-1')).toBe(true);
    const labels = nodes.map((n) => n.querySelector('.gg-label')?.textContent);
    expect(labels.indexOf('x')).toBeLessThan(labels.indexOf('y'));
    expect(labels.indexOf('y')).toBeLessThan(labels.indexOf('z'));
    // Tab from the top of the element reaches the graph once, at its tab stop.
    shadow(el).querySelector<HTMLElement>('.stage')?.focus();
    await userEvent.tab();
    expect(focused()).toBe(nodes[0]);
    await el.updateComplete;
    const details = shadow(el).querySelector('.details')?.textContent ?? '';
    expect(details).toContain('requires_grad');
    expect(details).toContain('is_leaf');
    await userEvent.keyboard('{ArrowRight}');
    expect(focused()).toBe(nodes[1]);
    expect(stops()).toEqual([nodes[1]]);
    await userEvent.keyboard('{ArrowDown}');
    expect(focused()).toBe(nodes[2]);
    await userEvent.keyboard('{ArrowLeft}{ArrowUp}{ArrowUp}');
    expect(focused()).toBe(nodes[0]);
    await userEvent.keyboard('{End}');
    expect(focused()).toBe(nodes.at(-1));
    await userEvent.keyboard('{Home}');
    expect(focused()).toBe(nodes[0]);
    // On a node the arrows moved the focus, not the step; Page Up and Down step from anywhere.
    expect(el.step).toBe(el.stepCount - 1);
    await userEvent.keyboard('{PageUp}');
    expect(el.step).toBe(el.stepCount - 2);
    await el.updateComplete;
    expect(stops()).toEqual([nodes[0]]);
    // Tab leaves the graph at once.
    await userEvent.tab();
    expect(focused()?.classList.contains('gg-node')).toBe(false);
  });

  it('the inspector says .grad is None on a non-leaf, as PyTorch does, and sits inside the element', async () => {
    const el = mount();
    el.style.width = '360px';
    await ready(el);
    el.seek(el.stepCount - 1);
    await el.updateComplete;
    const nodes = [...shadow(el).querySelectorAll<SVGGElement>('g.gg-node')];
    const y = nodes.find(
      (n) => n.classList.contains('gg-tensor') && n.querySelector('.gg-label')?.textContent === 'y',
    );
    // The pointer an earlier test left over the page hovers whatever comes under it as the
    // element lays out: out of the way first, then focus shows y's details.
    await userEvent.hover(document.body, {position: {x: 1, y: 1}});
    await frames(4);
    y?.focus();
    await el.updateComplete;
    await frames();
    const box = shadow(el).querySelector<HTMLElement>('.details');
    expect(box?.querySelector('strong')?.textContent).toBe('y');
    const rows = [...(box?.querySelectorAll('dt') ?? [])].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    // y = x + 2 is not a leaf: print(y.grad) is None after out.backward().
    expect(rows).toContainEqual(['is_leaf', 'False']);
    expect(rows).toContainEqual(['.grad', 'None']);
    const frame = el.getBoundingClientRect();
    const r = box?.getBoundingClientRect();
    expect(r && r.left >= frame.left && r.right <= frame.right + 0.5).toBe(true);
    expect(r && r.top >= frame.top && r.bottom <= frame.bottom + 0.5).toBe(true);
  });
});

describe('<grad-graph> passes and iterations', () => {
  it('lists where each backward pass and iteration starts; choosing one jumps there', async () => {
    const el = mount({}, null);
    el.source =
      'import torch\nw = torch.tensor(2.0, requires_grad=True)\nfor i in range(3):\n' +
      '    loss = w * w * 3\n    loss.backward()\nprint(w.grad)\n';
    await ready(el);
    const list = shadow(el).querySelector<HTMLSelectElement>('select.marks');
    const options = [...(list?.options ?? [])];
    const passes = options.filter((o) => o.textContent.includes('loss.backward()'));
    expect(passes.map((o) => o.textContent.trim().replace(/:.*/, ''))).toEqual([
      'Pass 1',
      'Pass 2',
      'Pass 3',
    ]);
    expect(shadow(el).querySelectorAll('datalist#gg-marks option').length).toBe(options.length);
    const got = record<{index: number}>('grad-step');
    const third = passes[2];
    if (!list || !third) throw new Error('no pass list');
    list.value = third.value;
    list.dispatchEvent(new Event('change'));
    await el.updateComplete;
    got.stop();
    expect(el.step).toBe(Number(third.value));
    expect(el.currentStep?.phase).toBe('backward');
    expect(got.events.at(-1)?.detail.index).toBe(el.step);
  });
});

describe('<grad-graph> a run with nothing to draw', () => {
  it('says so, with no picture, no controls and no step counter; its output shows', async () => {
    const el = mount({}, null);
    el.source = 'import torch\nprint(1)\n';
    await vi.waitFor(() => {
      expect(shadow(el).querySelector('.status')?.textContent).toMatch(/Nothing to draw/);
    });
    expect(el.stepCount).toBe(0);
    expect(shadow(el).querySelector('svg[part="graph"]')).toBeNull();
    expect(shadow(el).querySelector('[part="controls"]')).toBeNull();
    expect(shadow(el).querySelector('[part="output"]')?.textContent).toBe(el.output);
    expect(el.output).not.toBe('');
  });
});

describe('<grad-graph> motion', () => {
  it('transitions between neighbouring steps on the overlay, not on the picture', async () => {
    await send('Emulation.setEmulatedMedia', {
      features: [{name: 'prefers-reduced-motion', value: 'no-preference'}],
    });
    const el = mount();
    await ready(el);
    el.next();
    await el.updateComplete;
    const root = shadow(el);
    expect(root.querySelectorAll('svg.overlay .gg-flow').length).toBeGreaterThan(0);
    expect(root.querySelectorAll('svg.overlay .gg-pulse').length).toBeGreaterThan(0);
    el.seek(5);
    await el.updateComplete;
    expect(root.querySelectorAll('svg.overlay > g > *')).toHaveLength(0);
  });

  it('with prefers-reduced-motion: no transitions, same steps', async () => {
    await send('Emulation.setEmulatedMedia', {
      features: [{name: 'prefers-reduced-motion', value: 'reduce'}],
    });
    try {
      const el = mount();
      await ready(el);
      const n = el.stepCount;
      el.next();
      await el.updateComplete;
      expect(el.stepCount).toBe(n);
      const root = shadow(el);
      expect(root.querySelectorAll('svg.overlay > g > *')).toHaveLength(0);
      expect(el.currentStep?.index).toBe(1);
    } finally {
      await send('Emulation.setEmulatedMedia', {features: []});
    }
  });
});

describe('<grad-graph> errors', () => {
  it('shows a script error at its line and column, in Python words, and fires grad-error', async () => {
    const got = record<{error: {type: string; line: number; column: number; message: string}}>(
      'grad-error',
    );
    const bad = 'import torch\nx = torch.ones(2, requires_grad=True)\ny = x * undefined_name\n';
    const el = mount({}, bad);
    await ready(el);
    got.stop();
    const e = el.error;
    expect(e?.type).toBe('NameError');
    expect(e?.line).toBe(3);
    expect(e?.column).toBe(
      bad.split('\n')[2]?.indexOf('undefined_name') === undefined
        ? 0
        : (bad.split('\n')[2]?.indexOf('undefined_name') ?? 0) + 1,
    );
    expect(got.events[0]?.detail.error.type).toBe('NameError');
    const box = shadow(el).querySelector('[part="error"]');
    expect(box?.getAttribute('role')).toBe('alert');
    expect(box?.textContent).toContain(e?.message ?? '???');
    expect(box?.textContent).toContain('line 3');
    expect(shadow(el).querySelector('[part="code"] li.error-line')?.textContent).toContain(
      'undefined_name',
    );
    expect(document.body.textContent).not.toContain('NameError');
  });
});

describe('<grad-graph> export', () => {
  it('exportSVG gives a standalone SVG with styles inlined in the element’s colours', async () => {
    const el = mount();
    el.style.setProperty('--grad-graph-forward', 'rgb(1, 2, 3)');
    await ready(el);
    const svg = el.exportSVG();
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('viewBox=');
    expect(svg).not.toContain('var(--');
    expect(svg).toContain('rgb(1, 2, 3)');
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
  });

  it('exportPNG gives a PNG', async () => {
    const el = mount();
    await ready(el);
    const png = await el.exportPNG(1);
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(1000);
  });
});

describe('<grad-graph> on a page', () => {
  it('starts work only when scrolled into view', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    document.body.append(spacer);
    const el = mount();
    await frames(4);
    expect(el.stepCount).toBe(0);
    el.scrollIntoView();
    await ready(el);
    expect(el.stepCount).toBeGreaterThan(0);
  });

  it('leaves text out of a big graph fitted to view; a small graph keeps it', async () => {
    const lines = ['import torch', 'h0 = torch.ones(2, requires_grad=True)'];
    for (let i = 1; i <= 150; i++) lines.push(`h${i} = h${i - 1} * 0.9`);
    const el = mount({}, `${lines.join('\n')}\nout = h150.sum()\nout.backward()\n`);
    await ready(el);
    await frames(2);
    const svg = shadow(el).querySelector('svg[part="graph"]');
    // Shown readable at first (zoomed in, following the step); fitted by the reader, text goes.
    expect(svg?.classList.contains('gg-coarse')).toBe(false);
    el.fitToView();
    await vi.waitFor(() => {
      expect(svg?.classList.contains('gg-coarse')).toBe(true);
    });
    const small = mount();
    await ready(small);
    await frames(2);
    expect(shadow(small).querySelector('svg[part="graph"]')?.classList.contains('gg-coarse')).toBe(
      false,
    );
  });

  it('many elements on one page each build', async () => {
    const els = [mount(), mount({view: 'autograd'}), mount({direction: 'TB'})];
    for (const el of els) await ready(el);
    expect(els.every((el) => el.stepCount > 0)).toBe(true);
  });
});

/* eslint-disable @typescript-eslint/unbound-method -- this test swaps window's own timer, listener
   and observer methods for counting wrappers and puts the originals back. */
describe('<grad-graph> removal', () => {
  let restore: (() => void) | null = null;
  beforeAll(() => () => restore?.());

  it('leaves no timers, observers or listeners running', async () => {
    const live = new Set<unknown>();
    const raw = {
      setTimeout: window.setTimeout,
      clearTimeout: window.clearTimeout,
      setInterval: window.setInterval,
      clearInterval: window.clearInterval,
    };
    const originals = {
      setTimeout: window.setTimeout.bind(window),
      clearTimeout: window.clearTimeout.bind(window),
      setInterval: window.setInterval.bind(window),
      clearInterval: window.clearInterval.bind(window),
      add: window.addEventListener,
      remove: window.removeEventListener,
      dadd: document.addEventListener,
      dremove: document.removeEventListener,
    };
    const listeners = new Set<string>();
    type Observer = {observe: (...a: unknown[]) => void; disconnect: () => void};
    const protos = [
      IntersectionObserver.prototype,
      ResizeObserver.prototype,
      MutationObserver.prototype,
    ] as unknown as Observer[];
    const saved = protos.map((p) => ({observe: p.observe, disconnect: p.disconnect}));
    const observing = new Map<object, boolean>();
    protos.forEach((p, i) => {
      const orig = saved[i];
      if (!orig) return;
      p.observe = function (this: Observer, ...a: unknown[]) {
        observing.set(this, true);
        orig.observe.apply(this, a);
      };
      p.disconnect = function (this: Observer) {
        observing.set(this, false);
        orig.disconnect.call(this);
      };
    });
    window.setTimeout = ((fn: () => void, ms?: number) => {
      const id = originals.setTimeout(() => {
        live.delete(id);
        fn();
      }, ms);
      live.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id?: number) => {
      live.delete(id);
      originals.clearTimeout(id);
    }) as typeof window.clearTimeout;
    window.setInterval = ((fn: () => void, ms?: number) => {
      const id = originals.setInterval(fn, ms);
      live.add(`i${id}`);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      live.delete(`i${String(id)}`);
      originals.clearInterval(id);
    }) as typeof window.clearInterval;
    const track = (target: 'w' | 'd') =>
      function (
        this: EventTarget,
        type: string,
        fn: EventListenerOrEventListenerObject | null,
        o?: boolean | AddEventListenerOptions,
      ) {
        listeners.add(`${target}:${type}`);
        (target === 'w' ? originals.add : originals.dadd).call(
          this,
          type,
          fn as EventListenerOrEventListenerObject,
          o,
        );
      };
    const untrack = (target: 'w' | 'd') =>
      function (
        this: EventTarget,
        type: string,
        fn: EventListenerOrEventListenerObject | null,
        o?: boolean | EventListenerOptions,
      ) {
        listeners.delete(`${target}:${type}`);
        (target === 'w' ? originals.remove : originals.dremove).call(
          this,
          type,
          fn as EventListenerOrEventListenerObject,
          o,
        );
      };
    window.addEventListener = track('w');
    window.removeEventListener = untrack('w');
    document.addEventListener = track('d');
    document.removeEventListener = untrack('d');
    restore = () => {
      Object.assign(window, {
        ...raw,
        addEventListener: originals.add,
        removeEventListener: originals.remove,
      });
      document.addEventListener = originals.dadd;
      document.removeEventListener = originals.dremove;
      protos.forEach((p, i) => Object.assign(p, saved[i]));
    };
    try {
      const el = mount({speed: '8'});
      await ready(el);
      el.play();
      await new Promise((r) => originals.setTimeout(r, 400));
      expect(el.playing).toBe(true);
      expect([...observing.values()].filter(Boolean).length).toBeGreaterThanOrEqual(2);
      el.remove();
      await frames(3);
      expect(el.playing).toBe(false);
      expect([...observing.values()].filter(Boolean)).toEqual([]);
      expect([...live]).toEqual([]);
      expect([...listeners]).toEqual([]);
    } finally {
      restore();
      restore = null;
    }
  });
});

/* eslint-enable @typescript-eslint/unbound-method */

describe('<grad-graph> screenshots of the seed graph', () => {
  it('first, middle and last step', async () => {
    await page.viewport(1000, 900);
    await userEvent.unhover(document.body);
    const el = mount();
    await ready(el);
    const last = el.stepCount - 1;
    for (const [name, k] of [
      ['first', 0],
      ['middle', Math.floor(last / 2)],
      ['last', last],
    ] as const) {
      el.seek(k);
      await el.updateComplete;
      await frames(2);
      await page.screenshot({element: el, path: `__screenshots__/seed-${name}.png`});
    }
    el.setAttribute('lang', 'zh');
    el.setAttribute('view', 'autograd');
    await el.updateComplete;
    el.seek(last);
    await el.updateComplete;
    await frames(2);
    await page.screenshot({element: el, path: `__screenshots__/seed-autograd-zh-last.png`});
    await send('Emulation.setEmulatedMedia', {
      features: [{name: 'prefers-color-scheme', value: 'dark'}],
    });
    try {
      el.setAttribute('lang', 'en');
      el.setAttribute('view', 'dataflow');
      await el.updateComplete;
      el.seek(Math.floor(last / 2) + 1);
      await el.updateComplete;
      await frames(2);
      await page.screenshot({element: el, path: `__screenshots__/seed-dark-backward.png`});
    } finally {
      await send('Emulation.setEmulatedMedia', {features: []});
    }
  });
});
