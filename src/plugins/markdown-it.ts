/**
 * The markdown-it plugin (VitePress, and any site built on markdown-it): fences whose info string
 * says `grad-graph` keep the tool's own rendering of their code, wrapped in the element src/embed.ts
 * turns into a `<grad-graph>`; with `run: 'build'` (the default) the script runs now and the page
 * carries its trace.
 *
 * ```js
 * // .vitepress/config.mjs
 * import {gradGraphMarkdownIt} from 'grad-graph/markdown-it';
 * export default {markdown: {config: (md) => md.use(gradGraphMarkdownIt, {autoplay: ''})}};
 * ```
 */
import {
  parseFenceInfo,
  prepareFence,
  type FenceFailure,
  type GradGraphPluginOptions,
} from './fence.js';

export type {GradGraphPluginOptions} from './fence.js';
export {FenceScriptError} from './fence.js';

/** The part of a markdown-it token this plugin reads and writes. */
export interface MarkdownItToken {
  info: string;
  content: string;
  map: [number, number] | null;
}

/** A markdown-it render rule (the signature of `md.renderer.rules.fence`). */
export type MarkdownItRule = (
  tokens: MarkdownItToken[],
  idx: number,
  options: unknown,
  env: unknown,
  self: unknown,
) => string;

/** The part of a markdown-it instance this plugin uses (no dependency on markdown-it's types). */
export interface MarkdownItLike {
  renderer: {rules: {fence?: MarkdownItRule | undefined}};
}

/** Escapes text for a double-quoted HTML attribute (newlines kept as references, for templates). */
function attribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '&#10;')
    .replace(/\{\{/g, '&#123;&#123;');
}

/** Escapes text for HTML content. */
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The visible box of a script that failed at build time (with `onError: 'box'`). */
export function errorBoxHTML(failure: FenceFailure): string {
  return (
    `<div class="grad-graph-build-error" role="alert" style="border:1px solid #d55e00;border-radius:8px;padding:8px 12px;margin:8px 0">` +
    `<strong>grad-graph: this script failed when the page was built</strong>` +
    `<samp style="display:block;white-space:pre-wrap;font-family:monospace;margin-top:4px">${text(failure.summary)}\n${text(failure.traceback)}</samp></div>`
  );
}

/** The file a markdown-it `env` names (VitePress: `relativePath`, others: `path` or `filename`). */
function fileOf(env: unknown): string {
  const e = (env ?? {}) as Record<string, unknown>;
  for (const key of ['relativePath', 'path', 'filename', 'file']) {
    const v = e[key];
    if (typeof v === 'string' && v) return v;
  }
  return '<markdown>';
}

/**
 * Adds graph fences to a markdown-it instance: `md.use(gradGraphMarkdownIt, options)`. Wraps the
 * fence rule in place at that moment (so a tool's own highlighting still renders the code).
 */
export function gradGraphMarkdownIt(
  md: MarkdownItLike,
  options: GradGraphPluginOptions = {},
): void {
  const rules = md.renderer.rules;
  const original = rules.fence;
  rules.fence = (tokens, idx, mdOptions, env, self) => {
    const token = tokens[idx];
    const info = token ? parseFenceInfo(token.info) : null;
    if (!token || !info) return original ? original(tokens, idx, mdOptions, env, self) : '';
    const prepared = prepareFence(
      token.content,
      info,
      {file: fileOf(env), line: (token.map?.[0] ?? 0) + 1},
      options,
    );
    const written = token.info;
    token.info = [info.language, info.rest].filter(Boolean).join(' ');
    let inner: string;
    try {
      inner = original
        ? original(tokens, idx, mdOptions, env, self)
        : `<pre><code class="language-${attribute(info.language)}">${text(token.content)}</code></pre>\n`;
    } finally {
      token.info = written;
    }
    const attrs = Object.entries(prepared.attributes)
      .map(([name, value]) => ` ${name}="${attribute(value)}"`)
      .join('');
    const box = prepared.failure ? errorBoxHTML(prepared.failure) : '';
    return `<div${attrs}>${box}${inner}</div>\n`;
  };
}
