/**
 * The text of a highlighted code block, line breaks included. Documentation tools render a fence's
 * lines in their own ways: Shiki (VitePress) as `<span class="line">` joined by newline characters,
 * Prism in Docusaurus as `<span class="token-line">…<br></span>` with no newline at all, Expressive
 * Code and others as one `<div>` a line, Pygments with line numbers as a table. `textContent` keeps
 * only the first kind; this reader keeps them all.
 */

/** Class names of elements that hold one line of code. */
const LINE_CLASSES = new Set(['line', 'token-line', 'ec-line', 'code-line', 'highlight-line']);
/** Elements that start a line of their own. */
const BLOCK_TAGS = new Set(['div', 'p', 'li', 'tr', 'pre']);
/**
 * Class names of gutters (line numbers: Pygments, Prism's plugin, Docusaurus's CSS module) and
 * buttons that are not code.
 */
const SKIP_CLASS =
  /^(linenos|lineno|line-?numbers?(-rows)?|gutter|copy|ec-copy|codeLineNumber.*)$/i;

function isLine(el: Element): boolean {
  if (BLOCK_TAGS.has(el.localName)) return true;
  for (const name of Array.from(el.classList)) if (LINE_CLASSES.has(name)) return true;
  return false;
}

function skipped(el: Element): boolean {
  if (el.localName === 'button' || el.localName === 'script' || el.localName === 'style') {
    return true;
  }
  return Array.from(el.classList).some((name) => SKIP_CLASS.test(name));
}

/**
 * Reads the code inside `root` as plain text with one `\n` between lines, however the lines are
 * marked up (newline characters, `<br>`, or one element a line); non-breaking spaces become spaces
 * and line-number gutters are left out.
 */
export function codeText(root: Element): string {
  let text = '';
  // A line element ended without a newline of its own: the next content starts a new line.
  let pending = false;
  const breakIfPending = (): void => {
    if (pending) text += '\n';
    pending = false;
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (!data) return;
      if (pending && !data.startsWith('\n')) text += '\n';
      pending = false;
      text += data;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.localName === 'br') {
      pending = false;
      text += '\n';
      return;
    }
    if (el !== root && skipped(el)) return;
    const line = isLine(el) && el !== root;
    if (line) breakIfPending();
    const start = text.length;
    for (const child of Array.from(el.childNodes)) walk(child);
    if (line) pending = !(text.length > start && text.endsWith('\n'));
  };
  walk(root);
  return text.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n');
}
