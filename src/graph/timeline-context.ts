/**
 * What the timeline's step builders share: the lookups into a trace and its graph (with nodes
 * and links inside collapsed groups mapped to what stands for them), and small helpers.
 */
import type {GradFnRecord, OpRecord, TensorData, TensorRecord, Trace} from '../trace/schema.js';
import {displayTensor} from './display.js';
import type {Iteration} from './iterations.js';
import type {DisplayTensor, Graph, Step, StepChange} from './model.js';
import {isUniform, numel} from './quantity.js';
import {gradientOpCode, gradientTermName, inGradientGraph} from './gradient-graph.js';
import {opLabel} from './labels.js';
import type {Span} from '../trace/span.js';
import {
  sourceLines,
  sourceText,
  tensorCall,
  tensorIndex,
  tensorNodeId,
  versionAt,
} from './tensors.js';

/** A step before it gets its index. */
export type Draft = Omit<Step, 'index'>;

/** One gradient sent to a tensor during the pass. */
export interface Contribution {
  readonly data: TensorData;
  /** The seq of the step that sent it. */
  readonly stepSeq: number;
  /** `0.75 · 3` (this step's product) or null when only the value can be shown. */
  readonly product: string | null;
}

/** Everything the step builders look up. */
export class Context {
  readonly tensors: Map<number, TensorRecord>;
  readonly fns: Map<number, GradFnRecord>;
  readonly nodes: Set<string>;
  readonly links: Set<string>;
  readonly dataflow: boolean;
  /** Which op made each grad_fn. */
  readonly opOfFn = new Map<number, OpRecord>();
  /** The leaf whose `.grad` each grad tensor is (by the grad tensor's id). */
  readonly gradOwner = new Map<number, number>();
  /** Nodes and links inside collapsed groups, to the group node and merged link that stand for them. */
  private readonly nodeAlias = new Map<string, string>();
  private readonly linkAlias = new Map<string, string>();

  constructor(
    readonly trace: Trace,
    readonly graph: Graph,
    readonly iteration: Iteration,
  ) {
    this.tensors = tensorIndex(trace);
    this.fns = new Map(trace.gradFns.map((f) => [f.id, f]));
    this.nodes = new Set(graph.nodes.map((n) => n.id));
    this.links = new Set(graph.links.map((l) => l.id));
    this.dataflow = graph.view === 'dataflow';
    for (const op of trace.ops)
      if (op.gradFnId !== null && !this.opOfFn.has(op.gradFnId)) this.opOfFn.set(op.gradFnId, op);
    for (const p of trace.backwardPasses)
      for (const a of p.accumulations) this.gradOwner.set(a.gradId, a.tensorId);
    for (const n of graph.nodes) for (const m of n.members ?? []) this.nodeAlias.set(m, n.id);
    for (const l of graph.links) for (const m of l.members ?? []) this.linkAlias.set(m, l.id);
  }

  /**
   * How narration calls a tensor: its script name (with a subscript when this picture holds
   * several tensors of that name, as a loop's `out = out * 2` makes: out₁, out₂), `w.grad` for a
   * leaf's gradient, else the expression that made it, else its size: never an internal id.
   */
  name(tensorId: number | null): string {
    const t = tensorId === null ? undefined : this.tensors.get(tensorId);
    if (!t) return '?';
    const owner = t.names.length === 0 ? this.gradOwner.get(t.id) : undefined;
    if (owner !== undefined && owner !== t.id) return `${this.name(owner)}.grad`;
    const sub = this.subscripts.get(t.id);
    if (sub !== undefined) return `${t.names[0]}${sub}`;
    return this.gradientTerm(t) ?? this.libraryTranspose(t) ?? tensorCall(t, this.trace.source);
  }

  /**
   * A transpose the library made, not the script (`F.linear`'s `weight.t()` inside
   * `self.hidden(x)`): called by what it is, `hidden.weightᵀ`, rather than by the script
   * expression it ran under, which names the layer's output.
   */
  private libraryTranspose(t: TensorRecord): string | null {
    if (t.names.length > 0 || t.gradFnId === null) return null;
    const op = this.opOfFn.get(t.gradFnId);
    if (op?.op !== 't' || op.outputs[0] !== t.id || op.inputs[0] === undefined) return null;
    const text = sourceText(this.trace.source, op.span, 200);
    if (text === '' || /\.t\(|\.T\b|\bt\(/.test(text)) return null;
    const input = this.name(op.inputs[0]);
    return input.startsWith('(') ? null : `${input}ᵀ`;
  }

  private readonly terms = new Map<number, string | null>();

  /** The tensors ops of a gradient's graph read (an engine-made one the script never named is `grad`). */
  private get gradientInputs(): Set<number> {
    if (this.gradientInputCache) return this.gradientInputCache;
    const ids = new Set<number>();
    for (const op of this.trace.ops)
      if (inGradientGraph(op)) for (const id of op.inputs) ids.add(id);
    this.gradientInputCache = ids;
    return ids;
  }

  private gradientInputCache: Set<number> | null = null;

  /** A term of a gradient's graph the script never named, written out (see gradient-graph.ts). */
  private gradientTerm(t: TensorRecord): string | null {
    if (t.names.length > 0) return null;
    const known = this.terms.get(t.id);
    if (known !== undefined) return known;
    const term =
      t.origin === 'grad' && this.gradientInputs.has(t.id)
        ? 'grad'
        : gradientTermName(this.trace.ops, this.tensors, t, (id) => this.name(id));
    this.terms.set(t.id, term);
    return term;
  }

  /** Subscripts for the tensors of this picture that share their first name with another. */
  private get subscripts(): Map<number, string> {
    if (this.subscriptCache) return this.subscriptCache;
    const byName = new Map<string, number[]>();
    const seen = new Set<number>();
    const add = (id: number) => {
      const name = this.tensors.get(id)?.names[0];
      if (name === undefined || seen.has(id)) return;
      seen.add(id);
      const ids = byName.get(name);
      if (ids) ids.push(id);
      else byName.set(name, [id]);
    };
    for (const i of this.iteration.opIndices) {
      const op = this.trace.ops[i];
      op?.inputs.forEach(add);
      op?.outputs.forEach(add);
    }
    const out = new Map<number, string>();
    for (const ids of byName.values()) {
      if (ids.length < 2) continue;
      ids.sort((a, b) => a - b);
      ids.forEach((id, k) => out.set(id, subscript(k + 1)));
    }
    this.subscriptCache = out;
    return out;
  }

  private subscriptCache: Map<number, string> | null = null;

  /** The dataflow node of a tensor as it was just before `seq`. */
  tensorNode(tensorId: number, seq: number): string {
    const t = this.tensors.get(tensorId);
    return tensorNodeId(tensorId, t ? versionAt(t, seq) : 0);
  }

  /** The op behind a grad_fn. */
  opOf(fn: GradFnRecord): OpRecord | null {
    return (
      (fn.opIndex !== null ? this.trace.ops[fn.opIndex] : undefined) ??
      this.opOfFn.get(fn.id) ??
      null
    );
  }

  /**
   * The tensors a grad_fn is the grad_fn of, by output number: one for most ops, every piece for
   * split/chunk/unbind (one node, several outputs, as PyTorch builds it); a max's indices are
   * none of them (they need no gradient).
   */
  outputs(fn: GradFnRecord): number[] {
    const op = this.opOf(fn);
    const mine = (op?.outputs ?? []).filter((id) => {
      const t = this.tensors.get(id);
      return !!t && (t.gradFnId === fn.id || t.versions.some((v) => v.gradFnId === fn.id));
    });
    if (mine.length > 0) return mine;
    return fn.tensorId === null ? [] : [fn.tensorId];
  }

  /** The tensor that is output `nr` of a grad_fn (a leaf for AccumulateGrad). */
  outputOf(fn: GradFnRecord | undefined, nr: number): number | null {
    if (!fn) return null;
    if (fn.name === 'AccumulateGrad' || nr === 0) return fn.tensorId ?? this.outputs(fn)[0] ?? null;
    return this.outputs(fn)[nr] ?? null;
  }

  /** Keeps only ids present in the graph (a step may mention what a view leaves out). */
  keepNodes(ids: readonly string[]): string[] {
    return [
      ...new Set(ids.map((id) => this.nodeAlias.get(id) ?? id).filter((id) => this.nodes.has(id))),
    ];
  }

  keepLinks(ids: readonly string[]): string[] {
    return [
      ...new Set(ids.map((id) => this.linkAlias.get(id) ?? id).filter((id) => this.links.has(id))),
    ];
  }

  /** Changes to nodes and links the graph shows (a collapsed group shows no values). */
  keepChanges(changes: readonly StepChange[]): StepChange[] {
    return changes.filter((c) => (c.link ? this.links.has(c.id) : this.nodes.has(c.id)));
  }

  /**
   * The code of an op, for narration: its source, or for an op a backward formula ran (whose span
   * is only the backward() line) the op written out over its inputs (`grad × x`).
   */
  opCode(op: OpRecord): string {
    if (inGradientGraph(op)) {
      const pass = this.trace.backwardPasses[op.pass];
      const own = op.span !== null && !within(op.span, pass?.span ?? null);
      if (!own) return gradientOpCode(this.tensors, op, (id) => this.name(id));
    }
    const out = op.op === 't' ? this.tensors.get(op.outputs[0] ?? -1) : undefined;
    const transposed = out ? this.libraryTranspose(out) : null;
    return transposed ?? this.code(op.span, opLabel(op));
  }

  /** The source of a span, for narration; `fallback` when there is none. */
  code(span: OpRecord['span'], fallback: string): string {
    const text = sourceText(this.trace.source, span, 60);
    if (text || span === null || this.trace.source === null) return text || fallback;
    // A long or multi-line expression: its first line, cut short.
    const first = sourceLines(this.trace.source)[span.line - 1] ?? '';
    const line = first.slice(span.column - 1).trimEnd();
    return line ? `${line.length > 40 ? line.slice(0, 40) : line} …` : fallback;
  }
}

/** Whether `a` lies in `b`'s lines (an op of the backward() statement, not of a Function's backward). */
function within(a: Span, b: Span | null): boolean {
  return b !== null && a.line >= b.line && a.endLine <= b.endLine;
}

/** `12` as `₁₂`. */
function subscript(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}

/** A tensor's numbers as a box shows them. */
export function shown(data: TensorData): DisplayTensor {
  return displayTensor(data);
}

/** True when a tensor has several elements that all share one number (narration says "each"). */
export function eachElement(data: TensorData | null | undefined): boolean {
  return !!data && numel(data.shape) > 1 && isUniform(data);
}

/** The id the views give the link `source → target` at `slot`. */
export function linkId(source: string, target: string, slot: number): string {
  return `${source}>${target}#${slot}`;
}
