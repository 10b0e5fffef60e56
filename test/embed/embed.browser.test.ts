/** The fence opt-in in Chromium: marked fences become live graphs, the rest and all text stay as they were. */
import {afterEach, describe, expect, it} from 'vitest';
import '../../src/bundle.js';
import {GradGraph} from '../../components/grad-graph.js';
import {
  enhanceCodeBlocks,
  enhanceRequest,
  observeCodeBlocks,
  parseAttributeTokens,
} from '../../src/embed.js';
import {buildPicture, prebuiltOf, traceSource} from '../../src/run/index.js';

const code = 'import torch\nx = torch.ones(2, requires_grad=True)\n(x * x).sum().backward()\n';

/** A container holding the fixture markup (parsed as a documentation page would be). */
function host(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const div = document.createElement('div');
  div.append(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  document.body.append(div);
  return div;
}

afterEach(() => {
  document.body.replaceChildren();
});

/** The `<pre>` elements a reader sees. */
function visiblePres(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll('pre')).filter((pre) => pre.offsetParent !== null);
}

/** Resolves once `el` has built its picture. */
function ready(el: HTMLElement): Promise<void> {
  if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
  return new Promise<void>((resolve) => {
    if (el.stepCount) resolve();
    el.addEventListener('grad-ready', () => {
      resolve();
    });
  });
}

describe('enhanceCodeBlocks(root, options)', () => {
  it('turns each kind of marked fence into a <grad-graph> and leaves unmarked fences alone', () => {
    const root = host(`
      <pre><code class="language-grad-graph">${code}</code></pre>
      <pre data-grad-graph><code class="language-python">${code}</code></pre>
      <pre><code class="language-python" data-grad-graph>${code}</code></pre>
      <pre class="python grad-graph"><code>${code}</code></pre>
      <pre><code class="language-python grad-graph">${code}</code></pre>
      <pre id="plain"><code class="language-python">${code}</code></pre>
      <code class="language-grad-graph">inline code is not a fence</code>`);
    const made = enhanceCodeBlocks(root);
    expect(made).toHaveLength(5);
    expect(root.querySelectorAll('grad-graph')).toHaveLength(5);
    for (const el of made) {
      expect(el).toBeInstanceOf(GradGraph);
      expect(el.querySelector('script[type="text/x-python"]')?.textContent).toBe(code);
    }
    expect(root.querySelector('#plain code')?.textContent).toBe(code);
    // The marked fences stay in the page, hidden, for the framework that may own them.
    expect(visiblePres(root)).toHaveLength(1);
    expect(
      root.querySelectorAll('pre[data-grad-graph-enhanced], [data-grad-graph-enhanced] pre'),
    ).toHaveLength(5);
    expect(root.querySelector(':scope > code')?.textContent).toBe('inline code is not a fence');
  });

  it('is idempotent: a second call finds nothing new', () => {
    const root = host(`<pre data-grad-graph><code>${code}</code></pre>`);
    expect(enhanceCodeBlocks(root)).toHaveLength(1);
    expect(enhanceCodeBlocks(root)).toHaveLength(0);
    expect(root.querySelectorAll('grad-graph')).toHaveLength(1);
  });

  it('keeps text as text: markup in the code never becomes elements', () => {
    const root = host(
      `<pre data-grad-graph><code class="language-python">print("&lt;img src=x onerror=alert(1)&gt;")\n# &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;</code></pre>`,
    );
    const [el] = enhanceCodeBlocks(root);
    const script = el?.querySelector('script');
    expect(script?.textContent).toBe(
      'print("<img src=x onerror=alert(1)>")\n# </script><b>bold</b>',
    );
    expect(root.querySelector('img, b')).toBeNull();
    expect(el?.children).toHaveLength(1);
  });

  it('flattens highlighting spans into the source text', () => {
    const root = host(
      `<pre data-grad-graph><code><span class="k">import</span> torch\n<span class="n">x</span> = torch.ones(2)</code></pre>`,
    );
    const [el] = enhanceCodeBlocks(root);
    expect(el?.querySelector('script')?.textContent).toBe('import torch\nx = torch.ones(2)');
  });

  it('applies allowed attributes from data-grad-graph and options, never others', () => {
    const root = host(
      `<pre id="keep" data-grad-graph="view=autograd no-code onclick=alert(1) style=color:red speed=2"><code>${code}</code></pre>`,
    );
    const [el] = enhanceCodeBlocks(root, {
      attributes: {autoplay: '', view: 'dataflow', onload: 'x'},
    });
    expect(el?.getAttribute('view')).toBe('autograd');
    expect(el?.hasAttribute('no-code')).toBe(true);
    expect(el?.hasAttribute('autoplay')).toBe(true);
    expect(el?.getAttribute('speed')).toBe('2');
    expect(el?.hasAttribute('onclick')).toBe(false);
    expect(el?.hasAttribute('onload')).toBe(false);
    // The only style is the fence's own margins, never the author's tokens.
    expect(el?.getAttribute('style') ?? '').not.toContain('color');
    expect(el?.id).toBe('keep');
  });

  it('makes elements that run the code and draw it', async () => {
    const root = host(`<pre data-grad-graph><code>${code}</code></pre>`);
    const [el] = enhanceCodeBlocks(root);
    if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
    await new Promise<void>((resolve) => {
      if (el.stepCount) resolve();
      el.addEventListener('grad-ready', () => {
        resolve();
      });
    });
    expect(el.stepCount).toBeGreaterThan(0);
    expect(el.error).toBeNull();
  });
});

describe('the data-enhance script attribute', () => {
  it('enhanceRequest finds the script tag that loaded the module, with its value', () => {
    const url = new URL('/assets/grad-graph.js', location.href).href;
    expect(enhanceRequest(document, url)).toBeNull();
    const s = document.createElement('script');
    s.type = 'text/plain'; // never run: only its attributes matter here
    s.setAttribute('src', '/assets/grad-graph.js');
    s.setAttribute('data-enhance', 'autoplay');
    document.body.append(s);
    expect(enhanceRequest(document, url)).toBe('autoplay');
    expect(enhanceRequest(document, new URL('/other.js', location.href).href)).toBeNull();
  });

  it('parseAttributeTokens reads names and name=value, dropping unknown names', () => {
    expect(parseAttributeTokens(' autoplay  view=autograd lang="zh" onerror=x ')).toEqual({
      autoplay: '',
      view: 'autograd',
      lang: 'zh',
    });
  });
});

describe('code as docs tools render it', () => {
  const lines = [
    'import torch',
    'x = torch.ones(2, requires_grad=True)',
    '',
    '(x * x).sum().backward()',
  ];
  const source = `${lines.join('\n')}\n`;

  it('reads Prism lines ending in <br> (Docusaurus), where textContent loses the breaks', () => {
    const root = host(
      `<div class="theme-code-block"><pre class="prism-code language-grad-graph"><code>${lines
        .map(
          (l) => `<span class="token-line"><span class="token plain">${l || ' '}</span><br></span>`,
        )
        .join('')}</code></pre></div>`,
    );
    const [el] = enhanceCodeBlocks(root);
    expect(el?.querySelector('script')?.textContent).toBe(
      lines.map((l) => l || ' ').join('\n') + '\n',
    );
    // The whole wrapper is the fence: hidden, the graph right after it.
    expect(root.querySelector('.theme-code-block')?.nextElementSibling).toBe(el);
  });

  it('reads Shiki lines joined by newlines inside a language wrapper (VitePress)', () => {
    const root = host(
      `<div class="language-grad-graph vp-adaptive-theme"><button class="copy"></button><span class="lang">grad-graph</span><pre class="shiki"><code>${lines
        .map((l) => `<span class="line"><span style="--shiki-light:#D73A49">${l}</span></span>`)
        .join('\n')}</code></pre></div>`,
    );
    const [el] = enhanceCodeBlocks(root);
    expect(el?.querySelector('script')?.textContent).toBe(lines.join('\n'));
    expect(root.querySelector('.language-grad-graph')?.nextElementSibling).toBe(el);
  });

  it('reads one element a line, empty lines kept, gutters left out', () => {
    const root = host(
      `<pre data-grad-graph><code>${lines
        .map(
          (l, i) =>
            `<div class="ec-line"><span class="line-number">${String(i + 1)}</span>${l}</div>`,
        )
        .join('')}</code></pre>`,
    );
    const [el] = enhanceCodeBlocks(root);
    expect(el?.querySelector('script')?.textContent).toBe(lines.join('\n'));
  });

  it("leaves out Prism's line-numbers rows, even when the <pre> has the plugin's class", () => {
    const root = host(
      `<pre class="line-numbers language-grad-graph"><code>${lines.join('\n')}<span aria-hidden="true" class="line-numbers-rows"><span></span><span></span></span></code></pre>`,
    );
    const [el] = enhanceCodeBlocks(root);
    expect(el?.querySelector('script')?.textContent).toBe(lines.join('\n'));
  });

  it("takes the plugins' exact source and options from their wrapper", async () => {
    const root = host(
      `<div class="grad-graph-fence" data-grad-graph="view=autograd onclick=x"><pre><code class="language-python">highlighted copy</code></pre></div>`,
    );
    root.querySelector('div')?.setAttribute('data-grad-graph-source', source);
    const [el] = enhanceCodeBlocks(root);
    if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
    expect(el.getAttribute('view')).toBe('autograd');
    expect(el.hasAttribute('onclick')).toBe(false);
    expect(el.querySelector('script')?.textContent).toBe(source);
    await ready(el);
    expect(el.error).toBeNull();
  });

  it('plays a trace recorded at build time without running anything', async () => {
    const trace = traceSource(source);
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-grad-graph-source', source);
    wrapper.setAttribute('data-grad-graph-trace', JSON.stringify(trace));
    const root = host('');
    root.append(wrapper);
    const [el] = enhanceCodeBlocks(root);
    if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
    expect(el.querySelector('script')).toBeNull();
    expect(el.trace?.ops).toHaveLength(trace.ops.length);
    await ready(el);
    expect(el.stepCount).toBeGreaterThan(0);
  });

  it('draws the pictures a plugin built with the trace as they are', async () => {
    const source = code;
    const trace = traceSource(source);
    const pictures = (['TB', 'LR'] as const).map((direction) =>
      buildPicture(trace, {view: 'dataflow', direction}),
    );
    const carried = JSON.parse(JSON.stringify(prebuiltOf(pictures))) as {
      timeline: {steps: {narration: {en: string}}[]};
    };
    // A mark only the carried pictures hold: the element narrates it if it drew them.
    for (const step of carried.timeline.steps)
      step.narration.en = `built ahead: ${step.narration.en}`;
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-grad-graph-source', source);
    wrapper.setAttribute('data-grad-graph-trace', JSON.stringify(trace));
    wrapper.setAttribute('data-grad-graph-pictures', JSON.stringify(carried));
    const root = host('');
    root.append(wrapper);
    const [el] = enhanceCodeBlocks(root);
    if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
    await ready(el);
    await el.updateComplete;
    expect(el.stepCount).toBe(pictures[0]?.timeline.steps.length);
    const narration = el.shadowRoot?.querySelector('[part="narration"]')?.textContent ?? '';
    expect(narration).toContain('built ahead: ');
    expect(el.shadowRoot?.querySelectorAll('svg[part="graph"] g.gg-node').length).toBeGreaterThan(
      0,
    );
  });

  it('runs the source when the recorded trace is not a valid one', () => {
    const wrapper = document.createElement('div');
    wrapper.setAttribute('data-grad-graph-source', source);
    wrapper.setAttribute('data-grad-graph-trace', '{"format": "something else"}');
    const root = host('');
    root.append(wrapper);
    const [el] = enhanceCodeBlocks(root);
    if (!(el instanceof GradGraph)) throw new Error('not a grad-graph');
    expect(el.trace).toBeNull();
    expect(el.querySelector('script')?.textContent).toBe(source);
  });
});

describe('observeCodeBlocks(root)', () => {
  it('enhances fences a router adds later and removes the graphs of fences it removes', async () => {
    const root = host(`<pre data-grad-graph><code>${code}</code></pre>`);
    const stop = observeCodeBlocks(root);
    expect(root.querySelectorAll('grad-graph')).toHaveLength(1);
    // A client-side navigation: the framework removes its nodes and renders the next page's.
    for (const child of Array.from(root.children)) {
      if (child.localName === 'pre') root.removeChild(child);
    }
    const page = host(
      `<pre data-grad-graph><code>${code}</code></pre><pre data-grad-graph><code>${code}</code></pre>`,
    );
    root.append(page);
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelectorAll('grad-graph')).toHaveLength(2);
    expect(page.querySelectorAll('grad-graph')).toHaveLength(2);
    stop();
    root.append(host('<pre><code class="grad-graph">x = 1</code></pre>'));
    await new Promise((r) => setTimeout(r, 0));
    expect(root.querySelectorAll('grad-graph')).toHaveLength(2);
  });
});
