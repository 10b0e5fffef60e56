/**
 * The records a {@link TraceRecorder} builds, while it builds them: mutable where the recorder
 * completes them later, and holding {@link Captured} values (read from storage until it changes)
 * instead of encoded ones. `encode.ts` turns them into a Trace.
 */
import type {
  BackwardPass,
  GroupRecord,
  HookRecord,
  IterationRecord,
  TensorRecord,
} from './schema.js';
import type {Captured} from './snapshot.js';
import type {VersionDraft} from './window.js';

/** `T` with every field writable. */
export type Mutable<T> = {-readonly [K in keyof T]: T[K]};

/** A tensor record under construction. */
export interface TensorDraft extends Mutable<Omit<TensorRecord, 'names' | 'versions'>> {
  names: string[];
  versions: VersionDraft[];
}

/** An engine step under construction (its gradients not yet encoded). */
export interface StepDraft {
  readonly seq: number;
  readonly gradFnId: number;
  readonly name: string;
  readonly gradsIn: readonly (Captured | null)[];
  readonly gradsOut: readonly (Captured | null)[];
  readonly hooks?: readonly HookDraft[];
}

/** A hook that ran at an engine step, under construction. */
export interface HookDraft extends Omit<HookRecord, 'before' | 'after'> {
  readonly before: Captured | null;
  readonly after: Captured | null;
}

/** A `.grad` write under construction. */
export interface AccumulationDraft {
  readonly seq: number;
  readonly tensorId: number;
  readonly incoming: Captured;
  readonly before: Captured | null;
  readonly after: Captured;
  readonly retained: boolean;
  readonly gradId: number;
}

/** A `.grad` held at an iteration's start, its value not yet encoded. */
export interface HeldDraft {
  readonly tensorId: number;
  readonly gradId: number;
  readonly data: Captured;
}

/** An iteration's summary under construction: `pass` is the pass's position in `passes` when kept. */
export interface IterationDraft extends Omit<IterationRecord, 'passIndex' | 'held'> {
  readonly pass: PassDraft | null;
  readonly held: readonly HeldDraft[];
}

/** A group under construction (its end is set when it closes). */
export type GroupDraft = Mutable<GroupRecord>;

/** A backward pass under construction. */
export interface PassDraft extends Omit<
  BackwardPass,
  'seeds' | 'steps' | 'accumulations' | 'endSeq' | 'error'
> {
  readonly seeds: readonly Captured[];
  steps: StepDraft[];
  accumulations: AccumulationDraft[];
  endSeq: number;
  error: string | null;
}
