/**
 * Turns a recorder's drafts into the Trace: ops and passes numbered by position (forgotten ones
 * leave no gap, so every reference to one is renumbered), captured values encoded for JSON, and
 * what refers to a tensor a forgotten stretch dropped left out.
 */
import type {LocalGrad} from '../../autograd/op.js';
import type {IterationDraft, PassDraft, TensorDraft} from './drafts.js';
import type {
  FigureRecord,
  GradFnRecord,
  GroupRecord,
  OpRecord,
  PrintRecord,
  TensorData,
  Trace,
  TraceError,
} from './schema.js';
import {TRACE_FORMAT, TRACE_VERSION} from './schema.js';
import {encodeCaptured, type Captured} from './snapshot.js';

/** Everything a finished recorder holds, as {@link encodeTrace} reads it. */
export interface FinishedRecords {
  readonly source: string | null;
  readonly filename: string | null;
  readonly tensors: ReadonlyMap<number, TensorDraft>;
  readonly ops: readonly OpRecord[];
  readonly gradFns: Iterable<GradFnRecord>;
  readonly passes: readonly PassDraft[];
  readonly prints: readonly PrintRecord[];
  /** Closed (a run stopped inside one ends it where it stopped). */
  readonly groups: readonly GroupRecord[];
  readonly figures: readonly FigureRecord[];
  /** Every iteration's summary when the recorder had a window, else null. */
  readonly iterations: readonly IterationDraft[] | null;
  readonly randomSeed: string | null;
  readonly derivatives: Record<string, readonly (LocalGrad | null)[]>;
  readonly output: string;
  readonly error: TraceError | null;
}

/** The Trace of finished records. */
export function encodeTrace(r: FinishedRecords): Trace {
  // Ops and passes are numbered by position; forgotten ones leave no gap.
  const opAt = new Map<number, number>(r.ops.map((op, i) => [op.index, i]));
  const renumber = (i: number | null): number | null => (i === null ? null : (opAt.get(i) ?? null));
  const passAt = new Map<PassDraft, number>(r.passes.map((p, i) => [p, i]));
  const passNumber = new Map<number, number>(r.passes.map((p, i) => [p.index, i]));
  const encode = (c: Captured | null): TensorData | null => (c === null ? null : encodeCaptured(c));
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    source: r.source,
    filename: r.filename,
    tensors: [...r.tensors.values()].map((d) => ({
      ...d,
      names: [...d.names],
      versions: d.versions.map((v) => ({
        ...v,
        opIndex: renumber(v.opIndex),
        data: encodeCaptured(v.data),
        counter: v.data.version,
      })),
    })),
    ops: r.ops.map(({pass, ...op}, index) => {
      // An op a pass ran keeps that pass's number, if the pass is kept.
      const at = pass === undefined ? undefined : passNumber.get(pass);
      return {...op, index, ...(at === undefined ? {} : {pass: at})};
    }),
    gradFns: [...r.gradFns].map((f) =>
      f.opIndex === null ? f : {...f, opIndex: renumber(f.opIndex)},
    ),
    backwardPasses: r.passes.map((p, index) => ({
      ...p,
      index,
      seeds: p.seeds.map((s) => encodeCaptured(s)),
      steps: p.steps.map(({hooks, ...s}) => ({
        ...s,
        gradsIn: s.gradsIn.map(encode),
        gradsOut: s.gradsOut.map(encode),
        ...(hooks === undefined
          ? {}
          : {
              hooks: hooks.map((h) => ({...h, before: encode(h.before), after: encode(h.after)})),
            }),
      })),
      accumulations: p.accumulations.map((a) => ({
        ...a,
        incoming: encodeCaptured(a.incoming),
        before: encode(a.before),
        after: encodeCaptured(a.after),
      })),
    })),
    prints: [...r.prints],
    groups: [...r.groups],
    ...(r.figures.length === 0
      ? {}
      : {
          // Only tensors the trace still has (a forgotten stretch may have dropped one).
          figures: r.figures.map((f) => ({
            ...f,
            roots: f.roots.filter((id) => r.tensors.has(id)),
          })),
        }),
    ...(r.iterations === null
      ? {}
      : {
          iterations: r.iterations.map(
            ({pass, held, index, startSeq, endSeq, ops, steps, loss}) => ({
              index,
              startSeq,
              endSeq,
              ops,
              steps,
              loss,
              passIndex: pass === null ? null : (passAt.get(pass) ?? null),
              // What a kept iteration's picture shows before its first step.
              ...(pass === null
                ? {}
                : {
                    // Only tensors the trace still has (a forgotten stretch may have dropped one).
                    held: held
                      .filter((h) => r.tensors.has(h.tensorId))
                      .map((h) => ({...h, data: encodeCaptured(h.data)})),
                  }),
            }),
          ),
        }),
    ...(r.randomSeed === null ? {} : {randomSeed: r.randomSeed}),
    derivatives: r.derivatives,
    output: r.output,
    error: r.error,
  };
}
