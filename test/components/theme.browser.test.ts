/**
 * `theme` on `<grad-graph>` and `<grad-notebook>`: light and dark as asked, and on `auto` the page's
 * theme as docs tools set it (VitePress's `html.dark`, Docusaurus's `data-theme`), else the page's
 * `color-scheme`; `source` works as an attribute too.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {darkTheme, lightTheme} from '../../src/render/index.js';
import '../../components/grad-notebook.js';
import {mount, ready} from './helpers.js';

/** The background the element shows (its `--grad-graph-background`). */
function background(el: Element): string {
  return getComputedStyle(el).getPropertyValue('--grad-graph-background').trim();
}

/** Waits for the next frame (a MutationObserver callback and the style recalculation after it). */
async function frame(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(r));
}

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.classList.remove('dark');
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.style.colorScheme = '';
});

describe('theme', () => {
  it('auto follows VitePress (html.dark) and Docusaurus (data-theme), both ways, live', async () => {
    const el = mount({}, null);
    await el.updateComplete;
    document.documentElement.setAttribute('data-theme', 'light');
    await frame();
    expect(background(el)).toBe(lightTheme.background);
    document.documentElement.setAttribute('data-theme', 'dark');
    await frame();
    expect(background(el)).toBe(darkTheme.background);
    document.documentElement.removeAttribute('data-theme');
    document.documentElement.style.colorScheme = 'light';
    await frame();
    expect(background(el)).toBe(lightTheme.background);
    document.documentElement.classList.add('dark');
    await frame();
    expect(background(el)).toBe(darkTheme.background);
  });

  it('auto follows the page color-scheme when no docs tool says anything', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const el = mount({}, null);
    await el.updateComplete;
    await frame();
    expect(background(el)).toBe(darkTheme.background);
  });

  it('theme="light" and theme="dark" win over the page', async () => {
    document.documentElement.classList.add('dark');
    const light = mount({theme: 'light'}, null);
    const dark = mount({theme: 'dark'}, null);
    await light.updateComplete;
    await frame();
    expect(background(light)).toBe(lightTheme.background);
    expect(background(dark)).toBe(darkTheme.background);
    document.documentElement.classList.remove('dark');
    await frame();
    expect(background(dark)).toBe(darkTheme.background);
  });

  it('the notebook passes its theme to its graph', async () => {
    const nb = document.createElement('grad-notebook');
    nb.setAttribute('theme', 'dark');
    document.body.append(nb);
    await nb.updateComplete;
    const graph = nb.shadowRoot?.querySelector('grad-graph');
    expect(graph?.theme).toBe('dark');
    await frame();
    expect(getComputedStyle(nb).getPropertyValue('--grad-notebook-code-background').trim()).toBe(
      '#161b22',
    );
  });
});

describe('source as an attribute', () => {
  it('runs the code given in the source attribute', async () => {
    const el = mount(
      {source: 'import torch\nx = torch.ones(2, requires_grad=True)\n(x * 3).sum().backward()\n'},
      null,
    );
    await ready(el);
    expect(el.stepCount).toBeGreaterThan(0);
    expect(el.error).toBeNull();
  });
});
