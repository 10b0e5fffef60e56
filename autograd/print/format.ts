/**
 * `repr(tensor)` exactly as PyTorch 1.13 prints it with the default print options: a port of
 * torch/_tensor_str.py (_Formatter, _vector_str, _tensor_str_with_formatter, _add_suffixes).
 */
import {isFloating, type DType} from '../dtype.js';
import {gather} from '../kernels/strided.js';
import type {Tensor} from '../tensor.js';
import {formatExp, formatFixed, formatInt} from './pyformat.js';
import {formatShapeTuple} from './repr.js';

/** PyTorch's default print options. */
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

/** A dense, row-major copy of a tensor's values with its shape, for printing. */
interface Values {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly offset: number;
}

function sub(v: Values, i: number): Values {
  const inner = v.shape.slice(1).reduce((a, b) => a * b, 1);
  return {data: v.data, shape: v.shape.slice(1), offset: v.offset + i * inner};
}

/** The values the formatter looks at: all of them, or only the edges when summarising. */
function summarizedValues(v: Values, out: number[]): void {
  const n = v.shape[0] ?? 1;
  if (v.shape.length === 0) {
    out.push(v.data[v.offset] ?? 0);
    return;
  }
  const rows =
    n > 2 * EDGEITEMS ? [...range(0, EDGEITEMS), ...range(n - EDGEITEMS, n)] : range(0, n);
  for (const i of rows) summarizedValues(sub(v, i), out);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

/** PyTorch's _Formatter: chooses int mode, fixed or scientific notation, and the common width. */
class Formatter {
  private readonly floating: boolean;
  private readonly isBool: boolean;
  private intMode = true;
  private sciMode = false;
  maxWidth = 1;

  constructor(values: readonly number[], floating: boolean, isBool: boolean) {
    this.floating = floating;
    this.isBool = isBool;
    if (!floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.intString(v).length);
      return;
    }
    const nz = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (nz.length === 0) return;
    const abs = nz.map(Math.abs);
    const min = Math.min(...abs);
    const max = Math.max(...abs);
    for (const v of nz) {
      if (v !== Math.ceil(v)) {
        this.intMode = false;
        break;
      }
    }
    if (this.intMode) {
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, formatExp(v, PRECISION).length);
      } else {
        for (const v of nz) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, formatExp(v, PRECISION).length);
    } else {
      for (const v of nz) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, PRECISION).length);
    }
  }

  private intString(v: number): string {
    return this.isBool ? (v !== 0 ? 'True' : 'False') : formatInt(v);
  }

  format(v: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) ret = formatExp(v, PRECISION);
      else if (this.intMode) {
        ret = formatFixed(v, 0);
        if (Number.isFinite(v)) ret += '.';
      } else ret = formatFixed(v, PRECISION);
    } else {
      ret = this.intString(v);
    }
    return ' '.repeat(Math.max(0, this.maxWidth - ret.length)) + ret;
  }
}

function vectorStr(v: Values, indent: number, summarize: boolean, f: Formatter): string {
  const elementLength = f.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / elementLength));
  const n = v.shape[0] ?? 0;
  const at = (i: number) => f.format(v.data[v.offset + i] ?? 0);
  const data =
    summarize && n > 2 * EDGEITEMS
      ? [...range(0, EDGEITEMS).map(at), ' ...', ...range(n - EDGEITEMS, n).map(at)]
      : range(0, n).map(at);
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(v: Values, indent: number, summarize: boolean, f: Formatter): string {
  const dim = v.shape.length;
  if (dim === 0) return f.format(v.data[v.offset] ?? 0);
  if (dim === 1) return vectorStr(v, indent, summarize, f);
  const n = v.shape[0] ?? 0;
  const part = (i: number) => tensorStr(sub(v, i), indent + 1, summarize, f);
  const slices =
    summarize && n > 2 * EDGEITEMS
      ? [...range(0, EDGEITEMS).map(part), '...', ...range(n - EDGEITEMS, n).map(part)]
      : range(0, n).map(part);
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  const parts = [text];
  let lastLineLen = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/**
 * Numbers to print, without a Tensor: a dense row-major copy of the values (float32 values in a
 * Float32Array, as the tensor holds them), their shape and dtype. The trace's recorded values
 * print through this, so a picture prints a box exactly as `print(t)` would, without autograd.
 */
export interface PrintableValues {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** The bracketed values part of a repr (`_tensor_str`) of dense values, at a given indent. */
export function formatNumbers(v: PrintableValues, indent: number): string {
  const numel = v.shape.reduce((a, b) => a * b, 1);
  if (numel === 0) return '[]';
  const summarize = numel > THRESHOLD;
  const values: Values = {data: v.data, shape: v.shape, offset: 0};
  const seen: number[] = [];
  if (summarize) summarizedValues(values, seen);
  else for (let i = 0; i < numel; i++) seen.push(values.data[i] ?? 0);
  const f = new Formatter(seen, isFloating(v.dtype), v.dtype === 'bool');
  return tensorStr(values, indent, summarize, f);
}

/** The bracketed values part of a tensor's repr (`_tensor_str`), at a given indent. */
export function formatValues(t: Tensor, indent: number): string {
  if (t.numel() === 0) return '[]';
  const data = gather(t, t.dtype === 'float32' ? 'float32' : 'float64');
  return formatNumbers({data, shape: t.shape, dtype: t.dtype}, indent);
}

/** `repr(t)` / `str(t)` / `print(t)` of a tensor, exactly as PyTorch 1.13. */
export function formatTensor(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (t.numel() === 0) {
    if (t.shape.length !== 1) suffixes.push(`size=${formatShapeTuple(t.shape)}`);
    if (t.dtype !== 'float32') suffixes.push(`dtype=torch.${t.dtype}`);
    body = '[]';
  } else {
    // PyTorch's has_default_dtype: the default float dtype, int64 and bool go without a suffix.
    if (t.dtype !== 'float32' && t.dtype !== 'int64' && t.dtype !== 'bool')
      suffixes.push(`dtype=torch.${t.dtype}`);
    body = formatValues(t, indent);
  }
  if (t.gradFn !== null) suffixes.push(`grad_fn=<${t.gradFn.className()}>`);
  else if (t.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}
