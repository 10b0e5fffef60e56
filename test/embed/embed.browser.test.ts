/** The fence opt-in in Chromium: marked fences become live graphs, the rest and all text stay as they were. */
import {afterEach, describe, expect, it} from 'vitest';
import '../../src/index.js';
import {GradGraph} from '../../components/grad-graph.js';
import {enhanceCodeBlocks, enhanceRequest, parseAttributeTokens} from '../../src/embed.js';

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
    expect(root.querySelectorAll('pre')).toHaveLength(1);
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
    expect(el?.hasAttribute('style')).toBe(false);
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
