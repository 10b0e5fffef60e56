/**
 * Tensor helpers shared by the views and the timeline: node ids, the version in use at a moment,
 * labels, and the longest grad text a box must make room for.
 */
import type {Span} from '../trace/span.js';
import type {DtypeName, TensorData, TensorRecord, TensorVersion, Trace} from '../trace/schema.js';
import {displayTensor} from './display.js';
import {textColumns} from './size.js';

/** The graph node id of a tensor's version: `t<id>` when made, `t<id>.<v>` after in-place changes. */
export function tensorNodeId(tensorId: number, version: number): string {
  return version === 0 ? `t${tensorId}` : `t${tensorId}.${version}`;
}

/** The trace's tensors by id. */
export function tensorIndex(trace: Trace): Map<number, TensorRecord> {
  return new Map(trace.tensors.map((t) => [t.id, t]));
}

/** The version of `t` in use just before `seq`: the last one recorded before it. */
export function versionAt(t: TensorRecord, seq: number): number {
  let v = 0;
  for (let i = 1; i < t.versions.length; i++) {
    if ((t.versions[i]?.seq ?? Infinity) < seq) v = i;
    else break;
  }
  return v;
}

/** A shape as the box's second line: `2×2`, `scalar`, plus the dtype when not float32. */
export function shapeText(shape: readonly number[], dtype: DtypeName): string {
  const s = shape.length === 0 ? 'scalar' : shape.join('×');
  return dtype === 'float32' ? s : `${s} ${dtype}`;
}

/** A shape as PyTorch and torchviz write it: `(2, 2)`, `()`, `(3,)`. */
export function sizeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The source text of a one-line span, if short enough to label a box (else ''). */
export function sourceText(source: string | null, span: Span | null, max = 24): string {
  if (source === null || span === null || span.line !== span.endLine) return '';
  const line = sourceLines(source)[span.line - 1];
  if (line === undefined) return '';
  let start = span.column - 1;
  let text = line.slice(start, span.endColumn - 1);
  // A span that starts inside parentheses it closes (`b * b).sum()`) gets its opening ones back.
  while (count(text, ')') > count(text, '(') && start > 0 && line[start - 1] === '(') {
    start--;
    text = line.slice(start, span.endColumn - 1);
  }
  text = text.trim();
  return text.length <= max ? text : '';
}

let memoSource: string | null = null;
let memoLines: readonly string[] = [];

/** The lines of a source, split once for the many spans of one trace. */
export function sourceLines(source: string): readonly string[] {
  if (source !== memoSource) {
    memoSource = source;
    memoLines = source.split('\n');
  }
  return memoLines;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** A name without the parentheses narration puts around an expression: `(x @ W)` → `x @ W`. */
export function bare(name: string): string {
  return name.startsWith('(') && name.endsWith(')') ? name.slice(1, -1) : name;
}

/** A tensor box's label: its first script name, else the expression that made it. */
export function tensorLabel(t: TensorRecord, version: number, fallback: string): string {
  const name = t.names[0] ?? fallback;
  return version === 0 ? name : `${name} (v${version})`;
}

/**
 * How a tensor is called in narration: its name, or the expression that made it in parentheses,
 * or (made where the script has no source, as the engine's) a tensor of its size.
 */
export function tensorCall(t: TensorRecord, source: string | null): string {
  if (t.names[0] !== undefined) return t.names[0];
  const expr = sourceText(source, t.span, 64);
  return expr ? `(${expr})` : `a tensor of size ${sizeText(t.shape)}`;
}

function area(text: string): number {
  const lines = text.split('\n');
  return Math.max(...lines.map(textColumns)) * lines.length;
}

/** For each tensor, the biggest grad text it will show (so its box is sized for it from the start). */
export function gradTexts(trace: Trace): Map<number, string> {
  const out = new Map<number, string>();
  const consider = (tensorId: number | null, data: TensorData | null | undefined): void => {
    if (tensorId === null || !data) return;
    const text = displayTensor(data).text;
    const old = out.get(tensorId);
    if (old === undefined || area(text) > area(old)) out.set(tensorId, text);
  };
  const fnTensor = new Map(trace.gradFns.map((f) => [f.id, f.tensorId]));
  for (const pass of trace.backwardPasses) {
    for (const step of pass.steps) consider(fnTensor.get(step.gradFnId) ?? null, step.gradsIn[0]);
    for (const acc of pass.accumulations) consider(acc.tensorId, acc.after);
  }
  return out;
}

/** A tensor's values when it was made (a record always has at least one version). */
export function firstData(t: TensorRecord): TensorData {
  return (t.versions[0] as TensorVersion).data;
}
