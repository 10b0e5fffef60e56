/**
 * Where an element's script comes from: inline source as authors write it in HTML (indented to
 * match the page, maybe with notebook markers), or a file at a URL.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {runError, runErrorOf, type RunError} from '../src/run/index.js';

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

/** What the source controller asks its element. */
export interface SourceHost extends ReactiveControllerHost, HTMLElement {
  /** URL of a Python file to run. */
  readonly src: string | null;
  /** The inline script's text or the fetched file's changed: run again. */
  sourceTextChanged(): void;
  /** `src` could not be loaded (reported like a script error, where the picture would be). */
  sourceFailed(error: RunError): void;
}

/**
 * Where an element's script comes from besides its `source` property: an inline
 * `<script type="text/x-python">` child (watched for edits) and the file at `src` (fetched, the
 * fetch in flight aborted when `src` changes or the element goes).
 */
export class SourceController implements ReactiveController {
  /** The inline script's text, dedented (null: no inline script). */
  inline: string | null = null;
  /** The text of the file at `src` (null: no `src`, or not loaded yet). */
  fetched: string | null = null;
  private mutation: MutationObserver | null = null;
  private fetching: AbortController | null = null;

  constructor(private readonly host: SourceHost) {
    host.addController(this);
  }

  /** The script to run: the `source` property's, else the `src` file's, else the inline one. */
  textWith(property: string | null): string | null {
    return property ?? this.fetched ?? this.inline;
  }

  hostConnected(): void {
    this.readInline();
    this.mutation = new MutationObserver(() => {
      this.readInline();
    });
    this.mutation.observe(this.host, {childList: true, subtree: true, characterData: true});
    if (this.host.src && this.fetched === null && !this.fetching) this.load();
  }

  hostDisconnected(): void {
    this.mutation?.disconnect();
    this.mutation = null;
    this.fetching?.abort();
    this.fetching = null;
  }

  /** Fetches `src` (again), dropping what an earlier `src` fetched. */
  load(): void {
    this.fetching?.abort();
    this.fetching = null;
    if (this.fetched !== null) {
      this.fetched = null;
      this.host.sourceTextChanged();
    }
    const src = this.host.src;
    if (!src) return;
    const controller = new AbortController();
    this.fetching = controller;
    fetch(src, {signal: controller.signal})
      .then(async (r) => {
        if (!r.ok) throw new Error(`${src}: HTTP ${r.status} ${r.statusText}`);
        return r.text();
      })
      .then((text) => {
        if (controller.signal.aborted) return;
        this.fetched = text;
        this.host.sourceTextChanged();
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        this.host.sourceFailed(runError('OSError', runErrorOf(e).message));
      });
  }

  private readInline(): void {
    const text = inlineSource(this.host);
    if (text === this.inline) return;
    this.inline = text;
    this.host.sourceTextChanged();
  }
}
