/** The remark plugin in a real unified pipeline (remark-parse → remark-rehype → rehype-stringify). */
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import {unified} from 'unified';
import {describe, expect, it} from 'vitest';
import {FenceScriptError, remarkGradGraph} from '../../src/plugins/remark.js';
import type {GradGraphPluginOptions} from '../../src/plugins/fence.js';
import {traceSource} from '../../src/run/index.js';
import {parseTrace} from '../../src/trace/validate.js';

const code = 'import torch\nx = torch.ones(2, requires_grad=True)\n(x * x).sum().backward()\n';

async function render(markdown: string, options: GradGraphPluginOptions = {}): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkGradGraph, options)
    .use(remarkRehype)
    .use(rehypeStringify)
    .process({value: markdown, path: '/site/docs/page.md', cwd: '/site'});
  return String(file);
}

function attribute(html: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`).exec(html);
  return m?.[1]
    ?.replace(/&#x3C;/g, '<')
    .replace(/&#x22;/g, '"')
    .replace(/&quot;/g, '"')
    .replace(/&#x26;/g, '&')
    .replace(/&amp;/g, '&');
}

describe('remarkGradGraph', () => {
  it('wraps graph fences in the marked div, code kept as the language it names', async () => {
    const html = await render(
      `\`\`\`python grad-graph view=autograd title="x.py"\n${code}\`\`\`\n\n\`\`\`python\nprint(1)\n\`\`\`\n`,
      {run: 'browser'},
    );
    expect(html).toMatch(/^<div class="grad-graph-fence" data-grad-graph="view=autograd"/);
    expect(attribute(html, 'data-grad-graph-source')).toBe(code);
    expect(html).toContain('<pre><code class="language-python">import torch');
    expect(html.match(/<div/g)).toHaveLength(1);
  });

  it('records the trace at build time by default', async () => {
    const html = await render(`\`\`\`grad-graph\n${code}\`\`\`\n`);
    const trace = parseTrace(attribute(html, 'data-grad-graph-trace') ?? '');
    expect(trace.output).toBe(traceSource(code).output);
    expect(trace.backwardPasses).toHaveLength(1);
  });

  it('fails the build with the script error at its line in the page', async () => {
    const failing = 'import torch\nw = torch.ones(2)\nw.backward()\n';
    const expected = traceSource(failing).error;
    if (!expected?.span) throw new Error('the fixture must fail with a located error');
    const attempt = render(`Intro\n\n\`\`\`python grad-graph\n${failing}\`\`\`\n`);
    await expect(attempt).rejects.toBeInstanceOf(FenceScriptError);
    await expect(attempt).rejects.toThrow(
      `docs/page.md:${String(3 + expected.span.line)}:${String(expected.span.column)}: ${expected.type}: ${expected.message}`,
    );
  });

  it("with onError: 'box' renders a visible error box inside the wrapper", async () => {
    const failing = 'import torch\nw = torch.ones(2)\nw.backward()\n';
    const html = await render(`\`\`\`python grad-graph\n${failing}\`\`\`\n`, {onError: 'box'});
    expect(html).toContain('<div class="grad-graph-build-error" role="alert"');
    expect(html).toContain(traceSource(failing).error?.type ?? 'missing');
  });
});
