/** The markdown-it plugin with real markdown-it: graph fences wrapped, traces written at build time. */
import MarkdownIt from 'markdown-it';
import {describe, expect, it} from 'vitest';
import {FenceScriptError, gradGraphMarkdownIt} from '../../src/plugins/markdown-it.js';
import {buildPicture, readPrebuilt, traceSource} from '../../src/run/index.js';
import {parseTrace} from '../../src/trace/validate.js';

const code = 'import torch\nx = torch.ones(2, requires_grad=True)\n(x * x).sum().backward()\n';

/** The attributes of the first element matching `tag` in `html`, decoded as a browser would. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const open = new RegExp(`<${tag}((?:\\s+[\\w-]+="[^"]*")*)\\s*>`).exec(html);
  const out: Record<string, string> = {};
  for (const m of (open?.[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) {
    out[m[1] ?? ''] = (m[2] ?? '')
      .replace(/&#10;/g, '\n')
      .replace(/&#123;/g, '{')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }
  return out;
}

describe('gradGraphMarkdownIt', () => {
  it('wraps graph fences with their options and exact source, and leaves other fences alone', () => {
    const md = new MarkdownIt().use(gradGraphMarkdownIt, {run: 'browser'});
    const html = md.render(
      `# Page\n\n\`\`\`python grad-graph view=autograd autoplay theme=dark\n${code}\`\`\`\n\n\`\`\`python\nprint(1)\n\`\`\`\n`,
    );
    const attrs = attributesOf(html, 'div');
    expect(attrs.class).toBe('grad-graph-fence');
    expect(attrs['data-grad-graph']).toBe('view=autograd autoplay theme=dark');
    expect(attrs['data-grad-graph-source']).toBe(code);
    expect(attrs['data-grad-graph-trace']).toBeUndefined();
    // The tool's own rendering of the code stays inside, as plain Python.
    expect(html).toContain('<pre><code class="language-python">import torch');
    expect(html.match(/<div/g)).toHaveLength(1);
    expect(html).toContain('<pre><code class="language-python">print(1)\n</code></pre>');
  });

  it('takes a bare grad-graph info string as Python, and option defaults', () => {
    const md = new MarkdownIt().use(gradGraphMarkdownIt, {
      run: 'browser',
      attributes: {autoplay: '', onclick: 'x'},
    });
    const html = md.render(`\`\`\`grad-graph speed=2\n${code}\`\`\`\n`);
    expect(attributesOf(html, 'div')['data-grad-graph']).toBe('autoplay speed=2');
    expect(html).toContain('class="language-python"');
  });

  it('records the trace at build time by default', () => {
    const md = new MarkdownIt().use(gradGraphMarkdownIt);
    const html = md.render(`\`\`\`python grad-graph\n${code}\`\`\`\n`);
    const trace = parseTrace(attributesOf(html, 'div')['data-grad-graph-trace'] ?? '');
    const fresh = traceSource(code);
    expect(trace.source).toBe(code);
    expect(trace.ops.map((op) => op.op)).toEqual(fresh.ops.map((op) => op.op));
    expect(trace.backwardPasses).toHaveLength(1);
  });

  it("writes the trace's first pictures, so a reader's browser need not build them", () => {
    const md = new MarkdownIt().use(gradGraphMarkdownIt);
    /** The pictures a fence's page carries, and the pictures built from the trace it carries. */
    const carried = (info: string) => {
      const attrs = attributesOf(
        md.render(`\`\`\`python grad-graph ${info}\n${code}\`\`\`\n`),
        'div',
      );
      const trace = parseTrace(attrs['data-grad-graph-trace'] ?? '');
      const pictures = readPrebuilt(JSON.parse(attrs['data-grad-graph-pictures'] ?? '') as unknown);
      const fresh = pictures.map((p) =>
        buildPicture(trace, {view: p.view, direction: p.direction}),
      );
      return {pictures, fresh};
    };
    // The fence's view, in both directions (`direction=auto` picks one by the element's width).
    const both = carried('');
    expect(both.pictures.map((p) => `${p.view} ${p.direction}`)).toEqual([
      'dataflow TB',
      'dataflow LR',
    ]);
    const one = carried('view=autograd direction=LR');
    expect(one.pictures.map((p) => `${p.view} ${p.direction}`)).toEqual(['autograd LR']);
    for (const {pictures, fresh} of [both, one]) {
      expect(JSON.parse(JSON.stringify(pictures))).toEqual(JSON.parse(JSON.stringify(fresh)));
    }
  });

  it('keeps markup-like and template-like text exact', () => {
    const tricky = 'import torch\ns = "</div><b>{{ x }}</b> & \\"q\\""\nprint(s)\n';
    const md = new MarkdownIt().use(gradGraphMarkdownIt);
    const html = md.render(`\`\`\`python grad-graph\n${tricky}\`\`\`\n`);
    const attrs = attributesOf(html, 'div');
    expect(attrs['data-grad-graph-source']).toBe(tricky);
    expect(parseTrace(attrs['data-grad-graph-trace'] ?? '').output).toBe(
      traceSource(tricky).output,
    );
    expect(html).not.toContain('<b>');
  });

  it('fails the build with the script error, located in the page', () => {
    const failing = 'import torch\nx = torch.ones(2)\ny = x + z\n';
    const md = new MarkdownIt().use(gradGraphMarkdownIt);
    const expected = traceSource(failing).error;
    if (!expected?.span) throw new Error('the fixture must fail with a located error');
    let thrown: unknown;
    try {
      md.render(`# Title\n\nSome text.\n\n\`\`\`python grad-graph\n${failing}\`\`\`\n`, {
        relativePath: 'guide/page.md',
      });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FenceScriptError);
    const message = (thrown as Error).message;
    // The fence opens on line 5; the script's line 3 is the page's line 8.
    expect(message).toContain(
      `guide/page.md:${String(5 + expected.span.line)}:${String(expected.span.column)}: ${expected.type}: ${expected.message}`,
    );
    expect(message).toContain(expected.traceback);
  });

  it("with onError: 'box' shows the error in the page instead", () => {
    const failing = 'import torch\ny = 1 / 0\n';
    const md = new MarkdownIt().use(gradGraphMarkdownIt, {onError: 'box'});
    const html = md.render(`\`\`\`python grad-graph\n${failing}\`\`\`\n`);
    const error = traceSource(failing).error;
    expect(error).not.toBeNull();
    expect(html).toContain('role="alert"');
    expect(html).toContain(error?.traceback.split('\n').at(-1) ?? '');
    const trace = parseTrace(attributesOf(html, 'div')['data-grad-graph-trace'] ?? '');
    expect(trace.error?.type).toBe(error?.type);
  });
});
