/**
 * The one-line opt-in for documentation sites: code fences the author marks become live
 * `<grad-graph>` elements. A fence is marked by any of
 * - the info string `grad-graph` (```` ```grad-graph ````, rendered `class="language-grad-graph"` on
 *   the `<code>`, the `<pre>` or a wrapper, as tools differ),
 * - a `grad-graph` class on the `<pre>` or `<code>` (Pandoc / kramdown: ```` ```{.python .grad-graph} ````),
 * - a `data-grad-graph` attribute on the `<pre>` or `<code>` (hand-written HTML), whose value may
 *   carry the element's attributes: `data-grad-graph="autoplay view=autograd"`,
 * - the wrapper the docs-tool plugins write (src/plugins/: markdown-it, remark, the MkDocs recipe),
 *   which carries the exact source and, when built so, the trace recorded at build time.
 * Unmarked fences are left alone. The code reaches the element as text (a `<script
 * type="text/x-python">` child's textContent), never as markup, read line by line (src/code-text.ts).
 *
 * Pages that only load the bundle opt in with an attribute on its script tag:
 * `<script type="module" src=".../grad-graph.js" data-enhance></script>` (its value, like
 * `data-enhance="autoplay"`, gives attributes for every element made); the page is then watched,
 * so fences a client-side router brings in are enhanced too.
 */
import {codeText} from './code-text.js';
import {parseTrace} from './trace/validate.js';
import type {Trace} from './trace/schema.js';

/** The attributes an author may set on the elements made from fences (all of `<grad-graph>`'s). */
export const FENCE_ATTRIBUTES: ReadonlySet<string> = new Set([
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
  'theme',
]);

/**
 * The fences that are marked, as a selector of the elements that carry the code: the `<code>` of a
 * `<pre>`, or the `<pre>` itself where a tool puts the language class there (Docusaurus), or a
 * wrapper the docs-tool plugins write (`data-grad-graph-source`, see src/plugins/).
 */
export const MARKED_FENCES = [
  'pre > code.language-grad-graph',
  'pre.language-grad-graph',
  '[class~="language-grad-graph"] > pre > code',
  'pre[data-grad-graph] > code',
  'pre > code[data-grad-graph]',
  'pre.grad-graph > code',
  'pre > code.grad-graph',
  '[data-grad-graph-source]',
].join(', ');

/** How to enhance. */
export interface EnhanceOptions {
  /**
   * Which code blocks to turn into graphs: a selector of `<code>` elements inside a `<pre>`, of
   * `<pre>` elements, or of wrappers around one; default {@link MARKED_FENCES}.
   */
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
    if (!FENCE_ATTRIBUTES.has(name)) continue;
    out[name] = eq < 0 ? '' : token.slice(eq + 1).replace(/^["']|["']$/g, '');
  }
  return out;
}

/** Set on a fence once it has its graph (the fence stays, hidden, for the framework that owns it). */
const ENHANCED = 'data-grad-graph-enhanced';
/** Classes of the wrappers docs tools put around one code block (VitePress, Docusaurus, MkDocs). */
const WRAPPER_CLASS =
  /(^|\s)(language-[\w-]+|theme-code-block|highlight|codehilite|expressive-code|grad-graph-fence)(\s|$)/;

/** Each element made, with the fence it stands for (to remove it when a router drops the fence). */
const fenceOf = new WeakMap<Element, Element>();

/**
 * The whole block a matched code element belongs to: the `<pre>`, climbing through wrappers that
 * hold nothing but this one block (a copy button and a language label may sit beside it).
 */
function blockOf(match: Element): Element | null {
  let block: Element | null = match.closest('[data-grad-graph-source]');
  if (!block) {
    block = match.localName === 'pre' ? match : match.parentElement;
    if (block?.localName !== 'pre') return null;
  }
  for (let i = 0; i < 3; i++) {
    const parent: Element | null = block.parentElement;
    if (!parent || !WRAPPER_CLASS.test(parent.getAttribute('class') ?? '')) break;
    if (parent.querySelectorAll('pre').length > 1) break;
    block = parent;
  }
  return block;
}

/** The `data-grad-graph` options written on the block, its `<pre>` or its `<code>`, in that order. */
function ownAttributes(block: Element): Record<string, string> {
  const out: Record<string, string> = {};
  const carriers = [block, ...Array.from(block.querySelectorAll('[data-grad-graph]'))];
  for (const el of carriers)
    Object.assign(out, parseAttributeTokens(el.getAttribute('data-grad-graph') ?? ''));
  return out;
}

/** The script of a block: the plugins' exact copy if there is one, else the code read line by line. */
function sourceOf(block: Element, match: Element): string {
  const written = block.getAttribute('data-grad-graph-source');
  if (written !== null) return written;
  const code = match.localName === 'pre' ? (match.querySelector(':scope > code') ?? match) : match;
  return codeText(code);
}

/**
 * The trace a docs-tool plugin recorded at build time (`data-grad-graph-trace`), validated; null
 * when there is none or it is not a valid trace (then the element runs the source itself).
 */
function builtTrace(block: Element): Trace | null {
  const text = block.getAttribute('data-grad-graph-trace');
  if (text === null) return null;
  try {
    return parseTrace(text);
  } catch (e) {
    console.warn('[grad-graph] ignoring a build-time trace that is not valid:', e);
    return null;
  }
}

/**
 * The pictures of the build-time trace the plugins wrote (`data-grad-graph-pictures`), as JSON
 * (the element checks them); null when there are none or the text is not JSON.
 */
function builtPictures(block: Element): unknown {
  const text = block.getAttribute('data-grad-graph-pictures');
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Gives the element the vertical margins the fence had (a docs tool spaces its code blocks with
 * margins on the block or on the `<pre>` inside a wrapper), so the text around keeps its rhythm.
 */
function takeMargins(el: HTMLElement, block: Element): void {
  const view = block.ownerDocument.defaultView;
  if (!view) return;
  let at: Element | null = block;
  for (let depth = 0; at && depth < 4; depth++) {
    const style = view.getComputedStyle(at);
    if (parseFloat(style.marginTop) || parseFloat(style.marginBottom)) {
      el.style.marginTop = style.marginTop;
      el.style.marginBottom = style.marginBottom;
      return;
    }
    at = at.querySelector(':scope > pre, :scope > div');
  }
}

/** Removes the elements made for fences that a router has since removed or replaced. */
function dropOrphans(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll('grad-graph[data-enhanced]'))) {
    const fence = fenceOf.get(el);
    if (fence && (!fence.isConnected || fence.nextElementSibling !== el)) el.remove();
  }
}

/**
 * Turns the marked code fences under `root` into `<grad-graph>` elements and returns the elements
 * made. Each element goes right after its fence, which stays in the page, hidden (so a framework
 * that rendered the fence, such as React or Vue, still finds its own nodes). The code reaches the
 * element as text, read line by line however the fence is highlighted; a trace recorded at build
 * time is shown without running anything. Running it again finds nothing new, and drops the
 * elements whose fence is gone.
 */
export function enhanceCodeBlocks(
  root: ParentNode = document,
  options: EnhanceOptions = {},
): HTMLElement[] {
  dropOrphans(root);
  const made: HTMLElement[] = [];
  const defaults = Object.entries(options.attributes ?? {}).filter(([k]) =>
    FENCE_ATTRIBUTES.has(k.toLowerCase()),
  );
  for (const match of Array.from(root.querySelectorAll(options.selector ?? MARKED_FENCES))) {
    if (match.closest(`[${ENHANCED}]`)) continue;
    const block = blockOf(match);
    if (!block?.parentNode) continue;
    const doc = block.ownerDocument;
    const el = doc.createElement('grad-graph');
    for (const [name, value] of [...defaults, ...Object.entries(ownAttributes(block))]) {
      el.setAttribute(name, value);
    }
    const pre = block.localName === 'pre' ? block : block.querySelector('pre');
    const id = block.id || pre?.id;
    if (id) el.id = id;
    el.setAttribute('data-enhanced', '');
    const trace = builtTrace(block);
    if (trace) {
      const graph = el as HTMLElement & {trace: Trace | null; pictures: unknown};
      // Its pictures first (checked by the element): drawn without building them again.
      graph.pictures = builtPictures(block);
      graph.trace = trace;
    } else {
      const script = doc.createElement('script');
      script.type = 'text/x-python';
      // The fence's code (highlighting flattened) goes in as text, never as markup.
      script.textContent = sourceOf(block, match);
      el.append(script);
    }
    takeMargins(el, block);
    block.setAttribute(ENHANCED, '');
    if (block instanceof HTMLElement) {
      block.hidden = true;
      block.style.setProperty('display', 'none', 'important');
    }
    if (block.id) block.removeAttribute('id');
    if (pre?.id) pre.removeAttribute('id');
    block.after(el);
    fenceOf.set(el, block);
    made.push(el);
  }
  return made;
}

/**
 * Enhances the fences under `root` now and again whenever its DOM changes: a client-side router
 * (VitePress, Docusaurus, Astro view transitions, any SPA) that swaps the page's content gets its
 * new fences enhanced, and the graphs of fences it removed are removed. Returns a function that
 * stops watching.
 */
export function observeCodeBlocks(
  root: ParentNode & Node = document,
  options: EnhanceOptions & {
    /** Called with the elements made by each pass that made any (e.g. to load the element). */
    readonly onEnhanced?: (made: HTMLElement[]) => void;
  } = {},
): () => void {
  const pass = (): void => {
    const made = enhanceCodeBlocks(root, options);
    if (made.length) options.onEnhanced?.(made);
  };
  pass();
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      pass();
    });
  });
  observer.observe(root, {childList: true, subtree: true});
  return () => {
    observer.disconnect();
  };
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
 * Enhances the page's fences once the document is parsed, and watches for more
 * ({@link observeCodeBlocks}), if the script tag that loaded `moduleUrl` carries `data-enhance`.
 * Called by the package entry with its own URL.
 */
export function autoEnhance(moduleUrl: string): void {
  if (typeof document === 'undefined') return;
  const go = (): void => {
    const request = enhanceRequest(document, moduleUrl);
    if (request === null) return;
    observeCodeBlocks(document, {attributes: parseAttributeTokens(request)});
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', go, {once: true});
  } else {
    go();
  }
}
