/**
 * What every docs-tool plugin does with one code fence, whatever the tool: read its info string
 * (```` ```python grad-graph view=autograd autoplay ````), run the script at build time when asked,
 * and describe the wrapper that src/embed.ts turns into a `<grad-graph>` in the reader's browser.
 * The tool-specific plugins (markdown-it.ts, remark.ts) only translate this into their own trees.
 */
import {FENCE_ATTRIBUTES, parseAttributeTokens} from '../embed.js';
import {buildPicture, type Picture} from '../run/picture.js';
import {prebuiltOf} from '../run/prebuilt.js';
import {traceSource} from '../run/trace.js';
import type {Trace} from '../trace/index.js';
import type {Direction} from '../graph/index.js';
import {loadAllStdlibModules, type Limits} from '../script/index.js';

/** Options shared by the docs-tool plugins. */
export interface GradGraphPluginOptions {
  /**
   * Where scripts run. `'build'` (default): at build time, in Node; the page gets the recorded
   * trace and a reader's browser only plays it. `'browser'`: the reader's browser runs the script.
   */
  readonly run?: 'build' | 'browser';
  /**
   * What a script that fails at build time does: `'fail'` (default) stops the build with the
   * script's error and its line in the page; `'box'` puts a visible error box in the page instead.
   */
  readonly onError?: 'fail' | 'box';
  /** Attributes for every graph (e.g. `{autoplay: ''}`); a fence's own options win over these. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** The runner's limits for build-time runs. */
  readonly limits?: Partial<Limits>;
}

/** A fence's info string, read. */
export interface FenceInfo {
  /** The language to highlight the code as (`python` when the info string named none). */
  readonly language: string;
  /** The element attributes the info string gives, as written (`view=autograd autoplay`). */
  readonly attributes: string;
  /** Everything else the info string holds (the tool's own options, such as `title="…"`). */
  readonly rest: string;
  /** `run=build` or `run=browser` in the info string: this fence's own choice, else null. */
  readonly run: 'build' | 'browser' | null;
}

/**
 * Reads an info string: null when the fence is not a graph (no `grad-graph` word); otherwise its
 * language, its element attributes, where it runs (`run=build|browser`) and the rest.
 * `grad-graph` alone means Python.
 */
export function parseFenceInfo(info: string): FenceInfo | null {
  const words = info.trim().split(/\s+/).filter(Boolean);
  const at = words.indexOf('grad-graph');
  if (at < 0) return null;
  const language = at === 0 ? 'python' : (words[0] ?? 'python');
  const attributes: string[] = [];
  const rest: string[] = [];
  let run: FenceInfo['run'] = null;
  words.forEach((word, i) => {
    if (i === at || (i === 0 && at > 0)) return;
    if (word === 'run=build' || word === 'run=browser') {
      run = word === 'run=build' ? 'build' : 'browser';
      return;
    }
    const name = word.split('=', 1)[0]?.toLowerCase() ?? '';
    (FENCE_ATTRIBUTES.has(name) ? attributes : rest).push(word);
  });
  return {language, attributes: attributes.join(' '), rest: rest.join(' '), run};
}

/** Where a fence is, for error messages: the page's file and the line of its opening fence. */
export interface FenceLocation {
  readonly file: string;
  /** 1-based line of the opening ```` ``` ```` in the file. */
  readonly line: number;
}

/** A script that failed at build time, located in the page's file. */
export interface FenceFailure {
  /** `page.md:14:5: NameError: name 'y' is not defined`, the script's line mapped into the page. */
  readonly summary: string;
  /** The traceback Python would print for the script alone. */
  readonly traceback: string;
}

/** What a plugin writes for one graph fence. */
export interface PreparedFence {
  /** The attributes of the wrapper around the fence's own rendering (all strings, unescaped). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The failure to show in a visible box (with `onError: 'box'`), else null. */
  readonly failure: FenceFailure | null;
}

/** The class of the wrapper the plugins write around a graph fence. */
export const FENCE_CLASS = 'grad-graph-fence';

/** The error a build stops with when a fence's script fails (and `onError` is `'fail'`). */
export class FenceScriptError extends Error {
  override readonly name = 'FenceScriptError';
  /** The failure, located in the page. */
  readonly failure: FenceFailure;

  constructor(failure: FenceFailure) {
    super(`grad-graph: ${failure.summary}\n${failure.traceback}`);
    this.failure = failure;
  }
}

/**
 * The pictures of a build-time trace that its element draws first, in the fence's view and each
 * direction it may lay out in (`direction=auto` picks one by the element's width): the reader's
 * browser then plays them without the code that builds pictures. Null if one cannot be built
 * (the element builds it then, and reports why).
 */
function picturesOf(trace: Trace, attributeText: string): ReturnType<typeof prebuiltOf> | null {
  const attributes = parseAttributeTokens(attributeText);
  const view = attributes.view === 'autograd' ? 'autograd' : 'dataflow';
  const given = attributes.direction;
  const directions: readonly Direction[] =
    given === 'TB' || given === 'LR' ? [given] : ['TB', 'LR'];
  try {
    const pictures: Picture[] = directions.map((direction) =>
      buildPicture(trace, {view, direction}),
    );
    return prebuiltOf(pictures);
  } catch {
    return null;
  }
}

/**
 * Prepares one graph fence: its wrapper's attributes (options, exact source, and with `run:
 * 'build'` the trace recorded now). A failing script throws {@link FenceScriptError} unless
 * `onError` is `'box'`.
 */
export function prepareFence(
  code: string,
  info: FenceInfo,
  where: FenceLocation,
  options: GradGraphPluginOptions = {},
): PreparedFence {
  // Tools differ on the fence's last newline (markdown-it keeps it, remark drops it): one form.
  const source = code.endsWith('\n') ? code : `${code}\n`;
  const defaults = Object.entries(options.attributes ?? {})
    .filter(([name]) => FENCE_ATTRIBUTES.has(name.toLowerCase()))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  const attributes: Record<string, string> = {
    class: FENCE_CLASS,
    'data-grad-graph': [...defaults, info.attributes].filter(Boolean).join(' '),
    'data-grad-graph-source': source,
  };
  if ((info.run ?? options.run ?? 'build') === 'browser') return {attributes, failure: null};
  // markdown-it renders synchronously: every module the runner has, none loaded on demand.
  loadAllStdlibModules();
  const trace = traceSource(source, options.limits ? {limits: options.limits} : {});
  attributes['data-grad-graph-trace'] = JSON.stringify(trace);
  const pictures = picturesOf(trace, attributes['data-grad-graph'] ?? '');
  if (pictures) attributes['data-grad-graph-pictures'] = JSON.stringify(pictures);
  const error = trace.error;
  if (!error) return {attributes, failure: null};
  // The fence's first code line is the line after the opening fence.
  const line = error.span ? where.line + error.span.line : where.line;
  const column = error.span ? `:${String(error.span.column)}` : '';
  const failure: FenceFailure = {
    summary: `${where.file}:${String(line)}${column}: ${error.type}: ${error.message}`,
    traceback: error.traceback,
  };
  if ((options.onError ?? 'fail') === 'fail') throw new FenceScriptError(failure);
  return {attributes, failure};
}
