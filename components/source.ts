/** Inline source as authors write it in HTML: indented to match the page, maybe with notebook markers. */

/** A notebook cell marker such as `In [74]:` or `In [ ]:` on a line of its own. */
const MARKER_LINE = /^\s*In \[[ \d]*\]:\s*$/;
/** The same marker in front of code on one line: `In [74]: x = 1`. */
const MARKER_PREFIX = /^(\s*)In \[[ \d]*\]: ?/;

/**
 * The script an inline `<script type="text/x-python">` holds: notebook markers removed, blank
 * lines at both ends dropped, and the indentation common to all non-blank lines taken off (tabs
 * count as one column each, as they do for Python's own dedent, `textwrap.dedent`).
 */
export function dedentSource(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !MARKER_LINE.test(line))
    .map((line) => line.replace(MARKER_PREFIX, '$1'));
  while (lines.length && lines[0]?.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]?.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0] ?? '');
  let common = indents[0] ?? '';
  for (const indent of indents) {
    let i = 0;
    while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
    common = common.slice(0, i);
  }
  const body = lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trimStart()));
  return body.length ? `${body.join('\n')}\n` : '';
}

/** The text of the first inline Python script child of `host`, dedented; null when there is none. */
export function inlineSource(host: Element): string | null {
  for (const child of Array.from(host.children)) {
    if (child.localName === 'script' && child.getAttribute('type') === 'text/x-python') {
      return dedentSource(child.textContent);
    }
  }
  return null;
}
