/**
 * `grad-graph render FILE.py -o graph.svg [--step N] [--view dataflow|autograd] [--direction LR|TB]
 * [--lang en|zh] [--max-loop-iterations N] …`: runs the script and writes the picture of one step as a standalone SVG, for
 * documentation builds and readers without JavaScript. FILE `-` reads standard input; without
 * `-o` (or with `-o -`) the SVG goes to standard output. The step defaults to the last one (or,
 * when the script drew its graph with torchviz's make_dot, the step and autograd view of that call);
 * a negative N counts from the end (-1 is the last). `--iteration N` draws iteration N (1-based, as
 * the element's iteration field counts) of a training loop instead, `--step` then counting within
 * it: an iteration the run's window did not keep is recorded again (the run is deterministic, its
 * random seed kept), with the values PyTorch computed. The run limits are the element's (the table
 * in run/limits.ts), each a flag; a run stopped by one prints its RuntimeError and draws nothing.
 */
import type {Direction, Lang, ViewKind} from '../graph/index.js';
import {iterationCount, stateAt} from '../graph/index.js';
import {renderSVG} from '../render/index.js';
// The picture recipe and the run, without the worker entries (Vite worker imports Node cannot load).
import {runErrorOfTrace} from '../run/errors.js';
import {traceIteration} from '../run/iteration.js';
import {runOptionsOf, type LimitValues} from '../run/limits.js';
import {buildPicture} from '../run/picture.js';
import {traceSource} from '../run/trace.js';
import type {CliIO, Command} from './io.js';
import {flagUsage, limitFlags, limitHelp, readScript, withCliDefaults} from './script-file.js';
import {writeOutput} from './output.js';
import {renderUsage as renderOptions} from './usage.js';

/** The run limits `render` takes, as `trace` does: all seven (`--max-ops` too). */
const flags = limitFlags(true);
const renderUsage = `${renderOptions}\n${' '.repeat(25)}${flagUsage(flags)}`;
const renderHelp = `${renderUsage}\n\n${limitHelp(flags)}`;

/** Parsed arguments of `render`. */
interface RenderArgs {
  file: string;
  out: string;
  step: number | null;
  /** The iteration to draw, 1-based; null: the whole run. */
  iteration: number | null;
  /** null: not given (the autograd view when the script drew with make_dot, else dataflow). */
  view: ViewKind | null;
  direction: Direction;
  lang: Lang;
  /** The run limits set on the command line. */
  limits: LimitValues;
}

/** The parsed arguments, `null` for `--help`, or a usage error. */
function parse(args: readonly string[]): RenderArgs | string | null {
  const parsed: RenderArgs = {
    file: '',
    out: '-',
    step: null,
    iteration: null,
    view: null,
    direction: 'LR',
    lang: 'en',
    limits: {},
  };
  const rest = [...args];
  const value = (): string | null => {
    const v = rest.shift();
    return v === undefined || (v.startsWith('--') && v !== '-') ? null : v;
  };
  while (rest.length) {
    const a = rest.shift() ?? '';
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      rest.unshift(a.slice(eq + 1));
      rest.unshift(a.slice(0, eq));
      continue;
    }
    if (
      a === '-o' ||
      a === '--output' ||
      a === '--step' ||
      a === '--iteration' ||
      a === '--view' ||
      a === '--direction' ||
      a === '--lang'
    ) {
      const v = value();
      if (v === null) return `argument ${a}: expected one argument`;
      if (a === '-o' || a === '--output') parsed.out = v;
      else if (a === '--step') {
        if (!/^-?\d+$/.test(v)) return `argument --step: invalid int value: '${v}'`;
        parsed.step = Number(v);
      } else if (a === '--iteration') {
        if (!/^\d+$/.test(v)) return `argument --iteration: invalid int value: '${v}'`;
        parsed.iteration = Number(v);
      } else if (a === '--view') {
        if (v !== 'dataflow' && v !== 'autograd')
          return `argument --view: invalid choice: '${v}' (choose from 'dataflow', 'autograd')`;
        parsed.view = v;
      } else if (a === '--direction') {
        if (v !== 'LR' && v !== 'TB')
          return `argument --direction: invalid choice: '${v}' (choose from 'LR', 'TB')`;
        parsed.direction = v;
      } else {
        if (v !== 'en' && v !== 'zh')
          return `argument --lang: invalid choice: '${v}' (choose from 'en', 'zh')`;
        parsed.lang = v;
      }
    } else if (Object.hasOwn(flags, a)) {
      const v = value();
      if (v === null || !/^\d+$/.test(v)) return `${a} expects a non-negative integer`;
      parsed.limits[flags[a] as keyof LimitValues] = Number(v);
    } else if (a === '-h' || a === '--help') {
      return null;
    } else if (a.startsWith('-') && a !== '-') {
      return `unrecognized arguments: ${a}`;
    } else if (!parsed.file) {
      parsed.file = a;
    } else {
      return `unrecognized arguments: ${a}`;
    }
  }
  if (!parsed.file) return 'the following arguments are required: FILE';
  return parsed;
}

/** The last step shown by the time of `seq` (0 when none is). */
function stepAtSeq(steps: readonly {readonly seq?: number}[], seq: number): number {
  let k = 0;
  steps.forEach((step, i) => {
    if (step.seq !== undefined && step.seq <= seq) k = i;
  });
  return k;
}

/** The `render` command. */
export const render: Command = async (args: readonly string[], io: CliIO): Promise<number> => {
  const parsed = parse(args);
  if (parsed === null) {
    io.stdout(`${renderHelp}\n`);
    return 0;
  }
  if (typeof parsed === 'string') {
    io.stderr(`${renderUsage}\ngrad-graph render: error: ${parsed}\n`);
    return 2;
  }
  const script = await readScript(parsed.file, io);
  if (!script) return 2;
  // The default window of iterations, as the element's: a long loop's picture costs one iteration.
  const options = {filename: script.filename, ...runOptionsOf(withCliDefaults(parsed.limits))};
  let trace = traceSource(script.source, options);
  const error = runErrorOfTrace(trace);
  if (error) {
    // Python's own words, as `python3 FILE.py` would print them; no picture of a failed run.
    io.stderr(`${error.traceback}\n`);
    return 1;
  }
  const iteration = parsed.iteration === null ? undefined : parsed.iteration - 1;
  if (iteration !== undefined) {
    const count = iterationCount(trace);
    if (iteration < 0 || iteration >= count) {
      io.stderr(
        `grad-graph render: error: --iteration ${String(parsed.iteration)} is out of range: the script has ${String(count)} iterations (1 to ${String(count)})\n`,
      );
      return 2;
    }
    try {
      // Recorded again, under the same limits, when the window forgot it.
      trace = traceIteration(trace, iteration, options);
    } catch (e) {
      io.stderr(`grad-graph render: error: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }
  // A script that drew its graph with torchviz's make_dot gets the autograd picture at that point.
  const figure = trace.figures?.at(-1);
  const {graph, layout, timeline} = buildPicture(trace, {
    view: parsed.view ?? (figure ? 'autograd' : 'dataflow'),
    direction: parsed.direction,
    ...(iteration === undefined ? {} : {iteration}),
  });
  const n = timeline.steps.length;
  const k =
    parsed.step === null
      ? figure
        ? stepAtSeq(timeline.steps, figure.seq)
        : n - 1
      : parsed.step < 0
        ? n + parsed.step
        : parsed.step;
  if (n > 0 && (k < 0 || k >= n)) {
    io.stderr(
      `grad-graph render: error: --step ${String(parsed.step)} is out of range: the script has ${n} steps (0 to ${n - 1})\n`,
    );
    return 2;
  }
  const svg = renderSVG(graph, layout, stateAt(timeline, Math.max(0, k)), {
    lang: parsed.lang,
    step: timeline.steps[k] ?? null,
    stepCount: n,
  });
  return writeOutput(parsed.out, svg, io, 'render') ? 0 : 2;
};
