/**
 * The remark plugin (Docusaurus, Astro, Next.js with MDX, any unified pipeline): code fences whose
 * info string says `grad-graph` are wrapped, in the Markdown tree, in a node that becomes the
 * `<div>` src/embed.ts turns into a `<grad-graph>`; the code inside keeps the tool's own rendering
 * (its highlighter, its copy button, and readers without JavaScript still see the code). With
 * `run: 'build'` (the default) the script runs now and the page carries its trace.
 *
 * ```js
 * // docusaurus.config.js, in the docs (or blog, pages) options of the classic preset
 * import {remarkGradGraph} from 'grad-graph/remark';
 * remarkPlugins: [[remarkGradGraph, {attributes: {autoplay: ''}}]],
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

/** An mdast node, as far as this plugin reads it (no dependency on the unist/mdast types). */
export interface MdastNode {
  type: string;
  children?: MdastNode[];
  lang?: string | null;
  meta?: string | null;
  value?: string;
  position?: {start: {line: number}};
  data?: object;
}

/** A hast element (for the error box): what mdast-util-to-hast takes as `data.hChildren`. */
interface HastElement {
  type: 'element';
  tagName: string;
  properties: Record<string, string | string[]>;
  children: (HastElement | {type: 'text'; value: string})[];
}

/** The file remark is processing, as far as this plugin reads it. */
export interface VFileLike {
  path?: string;
  history?: string[];
  cwd?: string;
}

/** The hast camel-case property for a `data-*` or `class` attribute. */
function property(name: string): string {
  if (name === 'class') return 'className';
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function errorBox(failure: FenceFailure): HastElement {
  return {
    type: 'element',
    tagName: 'div',
    properties: {
      className: ['grad-graph-build-error'],
      role: 'alert',
      style: 'border:1px solid #d55e00;border-radius:8px;padding:8px 12px;margin:8px 0',
    },
    children: [
      {
        type: 'element',
        tagName: 'strong',
        properties: {},
        children: [{type: 'text', value: 'grad-graph: this script failed when the page was built'}],
      },
      {
        type: 'element',
        tagName: 'samp',
        properties: {
          style: 'display:block;white-space:pre-wrap;font-family:monospace;margin-top:4px',
        },
        children: [{type: 'text', value: `${failure.summary}\n${failure.traceback}`}],
      },
    ],
  };
}

function fileOf(file: VFileLike | undefined): string {
  const path = file?.path ?? file?.history?.[0];
  if (!path) return '<markdown>';
  const cwd = file?.cwd;
  return cwd && path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/**
 * The remark plugin: `.use(remarkGradGraph, options)`, or `remarkPlugins: [[remarkGradGraph,
 * options]]` in a docs tool's config. Returns the tree transformer.
 */
export function remarkGradGraph(
  options: GradGraphPluginOptions = {},
): (tree: MdastNode, file?: VFileLike) => void {
  return (tree, file) => {
    const visit = (parent: MdastNode): void => {
      const children = parent.children;
      if (!children) return;
      children.forEach((node, i) => {
        if (node.type !== 'code') {
          visit(node);
          return;
        }
        const info = parseFenceInfo(`${node.lang ?? ''} ${node.meta ?? ''}`);
        if (!info) return;
        const prepared = prepareFence(
          node.value ?? '',
          info,
          {file: fileOf(file), line: node.position?.start.line ?? 1},
          options,
        );
        node.lang = info.language;
        node.meta = info.rest || null;
        const properties: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(prepared.attributes)) {
          properties[property(name)] = name === 'class' ? [value] : value;
        }
        const box = prepared.failure ? errorBox(prepared.failure) : null;
        const wrapper: MdastNode = {
          // Unknown to mdast-util-to-hast: it becomes `data.hName` with its children converted.
          type: 'gradGraphFence',
          children: box
            ? [
                {
                  type: 'gradGraphBuildError',
                  children: [],
                  data: {hName: 'div', hProperties: box.properties, hChildren: box.children},
                },
                node,
              ]
            : [node],
          data: {hName: 'div', hProperties: properties},
        };
        if (node.position) wrapper.position = node.position;
        children[i] = wrapper;
      });
    };
    visit(tree);
  };
}
