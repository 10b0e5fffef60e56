/**
 * The one-line opt-in for documentation sites: code fences the author marks become live
 * `<grad-graph>` elements. Sites render fences as `<pre><code class="language-python">`; a fence is
 * marked by any of
 * - the info string `grad-graph` (```` ```grad-graph ````, rendered `class="language-grad-graph"`),
 * - a `grad-graph` class on the `<pre>` or `<code>` (Pandoc / kramdown: ```` ```{.python .grad-graph} ````),
 * - a `data-grad-graph` attribute on the `<pre>` or `<code>` (hand-written HTML), whose value may
 *   carry the element's attributes: `data-grad-graph="autoplay view=autograd"`.
 * Unmarked fences are left alone. The code reaches the element as text (a `<script
 * type="text/x-python">` child's textContent), never as markup.
 *
 * Pages that only load the bundle opt in with an attribute on its script tag:
 * `<script type="module" src=".../grad-graph.js" data-enhance></script>` (its value, like
 * `data-enhance="autoplay"`, gives attributes for every element made).
 */

/** The attributes an author may set on the elements made from fences (all of `<grad-graph>`'s). */
const ALLOWED = new Set([
  'autoplay',
  'loop',
  'speed',
  'view',
  'direction',
  'lang',
  'step',
  'no-controls',
  'no-code',
  'no-narration',
]);

/** The fences that are marked, as a selector of their `<code>` elements. */
export const MARKED_FENCES = [
  'pre > code.language-grad-graph',
  'pre[data-grad-graph] > code',
  'pre > code[data-grad-graph]',
  'pre.grad-graph > code',
  'pre > code.grad-graph',
].join(', ');

/** How to enhance. */
export interface EnhanceOptions {
  /** Which `<code>` elements (inside a `<pre>`) to turn into graphs; default {@link MARKED_FENCES}. */
  readonly selector?: string;
  /**
   * Attributes for every element made (e.g. `{autoplay: '', view: 'autograd'}`); a fence's own
   * `data-grad-graph` tokens win over these.
   */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Reads `autoplay view=autograd speed=2` into attributes; unknown names are dropped, so a page
 * author cannot set event handlers or styles through it.
 */
export function parseAttributeTokens(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const token of text.trim().split(/\s+/)) {
    if (!token) continue;
    const eq = token.indexOf('=');
    const name = (eq < 0 ? token : token.slice(0, eq)).toLowerCase();
    if (!ALLOWED.has(name)) continue;
    out[name] = eq < 0 ? '' : token.slice(eq + 1).replace(/^["']|["']$/g, '');
  }
  return out;
}

/**
 * Turns the marked code fences under `root` into `<grad-graph>` elements, in place of their
 * `<pre>`, and returns the elements made. Each fence's text becomes the element's source as text.
 * Running it again finds nothing new (the fences are gone).
 */
export function enhanceCodeBlocks(
  root: ParentNode = document,
  options: EnhanceOptions = {},
): HTMLElement[] {
  const made: HTMLElement[] = [];
  const codes = Array.from(root.querySelectorAll(options.selector ?? MARKED_FENCES));
  for (const code of codes) {
    const pre = code.parentElement;
    if (pre?.localName !== 'pre' || !pre.parentNode) continue;
    const doc = pre.ownerDocument;
    const el = doc.createElement('grad-graph');
    const own = {
      ...parseAttributeTokens(pre.getAttribute('data-grad-graph') ?? ''),
      ...parseAttributeTokens(code.getAttribute('data-grad-graph') ?? ''),
    };
    const defaults = Object.entries(options.attributes ?? {}).filter(([k]) =>
      ALLOWED.has(k.toLowerCase()),
    );
    for (const [name, value] of [...defaults, ...Object.entries(own)]) el.setAttribute(name, value);
    if (pre.id) el.id = pre.id;
    el.setAttribute('data-enhanced', '');
    const script = doc.createElement('script');
    script.type = 'text/x-python';
    // textContent: the fence's code (highlighting spans flattened) goes in as text, never markup.
    script.textContent = code.textContent;
    el.append(script);
    pre.replaceWith(el);
    made.push(el);
  }
  return made;
}

/**
 * Whether `doc` asks the module loaded from `moduleUrl` to enhance its fences: a
 * `<script data-enhance>` whose src is that module. Returns the script tag's `data-enhance`
 * value (attributes for every element), or null when not asked.
 */
export function enhanceRequest(doc: Document, moduleUrl: string): string | null {
  for (const script of Array.from(doc.querySelectorAll('script[data-enhance][src]'))) {
    const src = script.getAttribute('src') ?? '';
    let url: string;
    try {
      url = new URL(src, doc.baseURI).href;
    } catch {
      continue;
    }
    if (url === moduleUrl) return script.getAttribute('data-enhance') ?? '';
  }
  return null;
}

/**
 * Runs {@link enhanceCodeBlocks} once the document is parsed, if the script tag that loaded
 * `moduleUrl` carries `data-enhance`. Called by the package entry with its own URL.
 */
export function autoEnhance(moduleUrl: string): void {
  if (typeof document === 'undefined') return;
  const go = (): void => {
    const request = enhanceRequest(document, moduleUrl);
    if (request === null) return;
    enhanceCodeBlocks(document, {attributes: parseAttributeTokens(request)});
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', go, {once: true});
  } else {
    go();
  }
}
