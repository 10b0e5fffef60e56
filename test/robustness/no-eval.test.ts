/**
 * The project's own source never turns text into code or markup: no `eval(`, `new Function(`,
 * string timers, `innerHTML =`, `outerHTML =`, `insertAdjacentHTML`, `unsafeHTML`/`unsafeSVG`,
 * `document.write`, or `srcdoc`, in autograd/, src/, components/ and demos/ (the code a page
 * loads). Comments and prose may name them; code may not use them.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const folders = ['autograd', 'src', 'components', 'demos'];

/** Each forbidden use, as a pattern over code with comments removed. */
export const forbidden: readonly [string, RegExp][] = [
  // A quote before it is a name in a string (the Python method `Module.eval()`), not a call.
  ['eval(', /(?<![\w.$'"`])eval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['Function(…) called as a constructor', /(?<![\w.$])Function\s*\(\s*['"`]/],
  ['a string timer', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
  ['innerHTML =', /\.innerHTML\s*\+?=(?!=)/],
  ['outerHTML =', /\.outerHTML\s*\+?=(?!=)/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['unsafeHTML', /\bunsafeHTML\b/],
  ['unsafeSVG', /\bunsafeSVG\b/],
  ['document.write', /\bdocument\.write(?:ln)?\s*\(/],
  ['srcdoc', /\bsrcdoc\b/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser on text', /\bparseFromString\s*\([^)]*text\/html/],
];

/** Source text with comments blanked out (line count kept), so prose may name what code may not. */
export function stripComments(text: string, html: boolean): string {
  let s = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
  s = s.replace(
    /(^|[^:'"`\\])\/\/[^\n]*/g,
    (m, lead: string) => lead + ' '.repeat(m.length - lead.length),
  );
  if (html) s = s.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
  // In HTML prose, a name inside <code>…</code> is text, not code.
  if (html) s = s.replace(/<code>[\s\S]*?<\/code>/g, (m) => m.replace(/[^\n]/g, ' '));
  return s;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs|html)$/.test(name)) yield path;
  }
}

/** Every forbidden use in `text`, as `line: what`. */
export function findForbidden(text: string, html: boolean): string[] {
  const hits: string[] = [];
  stripComments(text, html)
    .split('\n')
    .forEach((line, i) => {
      for (const [what, pattern] of forbidden)
        if (pattern.test(line)) hits.push(`${i + 1}: ${what}`);
    });
  return hits;
}

describe('no text becomes code or markup in our own source', () => {
  it('the scanner finds each forbidden use and ignores comments and prose', () => {
    const bad = [
      'eval(src)',
      'const f = new Function("a", body)',
      "setTimeout('alert(1)', 0)",
      'el.innerHTML = text',
      'el.innerHTML += text',
      'el.outerHTML = text',
      "el.insertAdjacentHTML('beforeend', t)",
      'html`${unsafeHTML(t)}`',
      'document.write(t)',
      'frame.srcdoc = t',
    ];
    for (const line of bad) expect(findForbidden(line, false), line).not.toEqual([]);
    const fine = [
      '// never eval(…) user code',
      '/* no innerHTML = here */',
      'const node = new FunctionNode(x)',
      'if (el.innerHTML === "") {}',
      'el.textContent = text',
      'const s = "http://example.com"; eval2(s)',
      "pyMethod('Module', 'eval()', (self) => train(self, false))",
    ];
    for (const line of fine) expect(findForbidden(line, false), line).toEqual([]);
    expect(findForbidden('<p>we never use <code>new Function(</code></p>', true)).toEqual([]);
  });

  for (const folder of folders) {
    it(`${folder}/ has none`, () => {
      const hits: string[] = [];
      for (const path of files(join(root, folder))) {
        for (const hit of findForbidden(readFileSync(path, 'utf8'), path.endsWith('.html'))) {
          hits.push(`${path.slice(root.length)}:${hit}`);
        }
      }
      expect(hits).toEqual([]);
    });
  }
});
