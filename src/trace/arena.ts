/**
 * Where the recorder keeps its copies of tensor values: chunks of typed arrays, handed out per
 * iteration and reused once the iteration is forgotten. A training loop copies every op's values in
 * every iteration and forgets most of them; allocating a fresh typed array per copy would cycle
 * gigabytes through the garbage collector (and the process's peak memory) for nothing.
 */

/** Elements per chunk: 256 KB of float32, 512 KB of float64. */
const CHUNK = 65_536;
/** Released chunks kept for reuse (the rest are left to the garbage collector). */
const POOL = 64;

/** The chunks one stretch of the run (an iteration) copied into. */
export interface ArenaBlock {
  readonly f32: Float32Array[];
  readonly f64: Float64Array[];
}

/** Bump allocation of typed-array views, block by block. */
export class Arena {
  private block: ArenaBlock = {f32: [], f64: []};
  private f32At = CHUNK;
  private f64At = CHUNK;
  private readonly free32: Float32Array[] = [];
  private readonly free64: Float64Array[] = [];

  /** A fresh view of `n` float32 elements (contents undefined: the caller fills it). */
  float32(n: number): Float32Array {
    if (n === 0 || n > CHUNK) return new Float32Array(n);
    if (this.f32At + n > CHUNK) {
      this.block.f32.push(this.free32.pop() ?? new Float32Array(CHUNK));
      this.f32At = 0;
    }
    const chunk = this.block.f32.at(-1) as Float32Array;
    const view = chunk.subarray(this.f32At, this.f32At + n);
    this.f32At += n;
    return view;
  }

  /** A fresh view of `n` float64 elements (contents undefined: the caller fills it). */
  float64(n: number): Float64Array {
    if (n === 0 || n > CHUNK) return new Float64Array(n);
    if (this.f64At + n > CHUNK) {
      this.block.f64.push(this.free64.pop() ?? new Float64Array(CHUNK));
      this.f64At = 0;
    }
    const chunk = this.block.f64.at(-1) as Float64Array;
    const view = chunk.subarray(this.f64At, this.f64At + n);
    this.f64At += n;
    return view;
  }

  /** Ends the current block (an iteration ended) and returns it; later copies go to a new one. */
  seal(): ArenaBlock {
    const done = this.block;
    this.block = {f32: [], f64: []};
    this.f32At = CHUNK;
    this.f64At = CHUNK;
    return done;
  }

  /** Takes back a block nothing refers to any more, for reuse. */
  release(block: ArenaBlock): void {
    for (const c of block.f32) if (this.free32.length < POOL) this.free32.push(c);
    for (const c of block.f64) if (this.free64.length < POOL) this.free64.push(c);
  }
}
