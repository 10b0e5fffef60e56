/**
 * The optimizers' parameter updates (torch.optim's `_single_tensor_*` functions, the for-loop path
 * PyTorch 1.13 takes by default), element by element in PyTorch's order of float operations, so the
 * parameters equal PyTorch's bit for bit after any number of steps.
 *
 * Each PyTorch call becomes one line here, with its kernel's rounding (measured against PyTorch's
 * AVX2 CPU kernels): `a.add_(b, alpha=s)` is one fused multiply-add `fma(b, s, a)`;
 * `a.addcmul_(b, c, value=v)` is `fma(v·b, c, a)`; `a.addcdiv_(b, c, value=v)` is `a + (v·b)/c`,
 * each operation rounded; `mul_`, `div`, `sqrt` and `add_(scalar)` round once. Python floats
 * (`lr`, `1 - beta1`) become the tensor's dtype first, as PyTorch converts a scalar argument.
 *
 * Every parameter update is reported as one in-place op on the parameter named after PyTorch's
 * functional form (`sgd`, `adam`, …), with the parameter and its `.grad` as inputs, so the trace
 * sees `w` change once per step; the optimizer's own state tensors are made unreported.
 */
import type {OpArg} from '../observer.js';
import {reportOp} from '../record.js';
import {muteObserver, storageWillChange} from '../report.js';
import {fma32, fma64} from '../kernels/sleef.js';
import {gatherInto, isDense} from '../kernels/strided.js';
import {allocate} from '../dtype.js';
import type {Storage} from '../dtype.js';
import {Tensor} from '../tensor.js';
import {writeStrided} from './views.js';

/** The arithmetic of one dtype: float32 rounds every result, float64 keeps doubles. */
interface Arith {
  readonly r: (x: number) => number;
  readonly fma: (a: number, b: number, c: number) => number;
}

const float32: Arith = {r: Math.fround, fma: fma32};
const float64: Arith = {r: (x) => x, fma: fma64};

function arithOf(t: Tensor): Arith {
  return t.dtype === 'float64' ? float64 : float32;
}

/** The values of `t` in row-major order (a copy). */
function read(t: Tensor): Float64Array {
  const n = t.numel();
  const out = new Float64Array(n);
  if (isDense(t)) {
    const o = t.offset;
    for (let i = 0; i < n; i++) out[i] = t.data[o + i] ?? 0;
    return out;
  }
  gatherInto(t, out);
  return out;
}

/** The values of `t` in row-major order to read only: its own storage when dense, else a copy. */
function peek(t: Tensor): Storage {
  return isDense(t) ? t.data.subarray(t.offset, t.offset + t.numel()) : read(t);
}

/**
 * A parameter's values to update: its own storage when dense (updated in place, so
 * storageWillChange comes first), else a copy that `commit` writes back.
 */
function open(t: Tensor): Storage {
  if (!isDense(t)) return read(t);
  storageWillChange(t);
  return t.data.subarray(t.offset, t.offset + t.numel());
}

/** Ends an update begun by `open`: writes a copy back, and bumps the version. */
function commit(t: Tensor, values: Storage): void {
  // writeStrided tells storageWillChange itself.
  if (values.buffer !== t.data.buffer) writeStrided(t, values);
  t.version.value++;
}

/** A fresh contiguous tensor like `p` holding `values` (optimizer state: not reported). */
export function stateLike(p: Tensor, fill: number | Storage = 0): Tensor {
  return muteObserver(() => {
    const t = new Tensor(allocate(p.dtype, p.numel()), [...p.shape], p.dtype);
    if (typeof fill === 'number') {
      if (fill !== 0) t.data.fill(fill);
    } else t.data.set(fill);
    return t;
  });
}

/** A 0-dim float32 tensor (`torch.tensor(0.)`, Adam's and Adagrad's `state['step']`). */
export function stepTensor(): Tensor {
  return muteObserver(() => new Tensor(new Float32Array(1), [], 'float32'));
}

/** `step_t += 1` on a float32 step tensor; returns `step_t.item()`. */
function bumpStep(stepT: Tensor): number {
  const v = Math.fround((stepT.data[stepT.offset] ?? 0) + 1);
  storageWillChange(stepT);
  stepT.data[stepT.offset] = v;
  stepT.version.value++;
  return v;
}

/**
 * `base ** n` for a whole number n ≥ 0, correctly rounded (as glibc's pow, which Python calls):
 * exponentiation by squaring in double-double arithmetic, rounded once at the end.
 */
export function powWhole(base: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) return base ** n;
  let rh = 1;
  let rl = 0;
  let bh = base;
  let bl = 0;
  let k = n;
  while (k > 0) {
    if (k & 1) [rh, rl] = mulDD(rh, rl, bh, bl);
    k = Math.floor(k / 2);
    if (k > 0) [bh, bl] = mulDD(bh, bl, bh, bl);
  }
  return rh + rl;
}

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  return [p, fma64(a, b, -p)];
}

function mulDD(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProd(ah, bh);
  const lo = e + (ah * bl + al * bh);
  const s = p + lo;
  return [s, lo - (s - p)];
}

/**
 * The update's gradient: `.grad`, negated under `maximize`, plus `weight_decay · param`; the
 * gradient's own storage (not to be written) when it is used as it is.
 */
function effectiveGrad(
  a: Arith,
  grad: Tensor,
  p: Storage,
  maximize: boolean,
  weightDecay: number,
): Storage {
  if (!maximize && weightDecay === 0) return peek(grad);
  const g = read(grad);
  if (maximize) for (let i = 0; i < g.length; i++) g[i] = -(g[i] as number);
  if (weightDecay !== 0) {
    // grad.add(param, alpha=weight_decay)
    const wd = a.r(weightDecay);
    for (let i = 0; i < g.length; i++) g[i] = a.fma(p[i] as number, wd, g[i] as number);
  }
  return g;
}

function report(op: string, param: Tensor, grad: Tensor, args: Record<string, OpArg>): void {
  reportOp(op, [param, grad], args, [param], true);
}

/** SGD's hyperparameters (one param group's). */
export interface SgdOptions {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
}

/**
 * `_single_tensor_sgd`: `param.add_(d_p, alpha=-lr)`, where d_p is the gradient (with weight
 * decay), or the momentum buffer `buf = momentum·buf + (1 - dampening)·d_p` (Nesterov: d_p +
 * momentum·buf). `buffers[i]` is the parameter's momentum buffer (null: made from d_p now).
 */
export function sgd(
  params: readonly Tensor[],
  grads: readonly Tensor[],
  buffers: (Tensor | null)[],
  o: SgdOptions,
): void {
  params.forEach((param, i) => {
    const grad = grads[i] as Tensor;
    const a = arithOf(param);
    const p = open(param);
    let d = effectiveGrad(a, grad, p, o.maximize, o.weightDecay);
    if (o.momentum !== 0) {
      let buf = buffers[i] ?? null;
      if (buf === null) {
        buf = stateLike(param, d); // torch.clone(d_p).detach()
        buffers[i] = buf;
      } else {
        // buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
        const m = a.r(o.momentum);
        const keep = a.r(1 - o.dampening);
        storageWillChange(buf);
        const b = buf.data;
        for (let j = 0; j < d.length; j++)
          b[j] = a.fma(d[j] as number, keep, a.r((b[j] as number) * m));
        buf.version.value += 2;
      }
      const b = buf.data;
      if (o.nesterov) {
        // d_p = d_p.add(buf, alpha=momentum)
        const m = a.r(o.momentum);
        const sum = new Float64Array(d.length);
        for (let j = 0; j < d.length; j++) sum[j] = a.fma(b[j] as number, m, d[j] as number);
        d = sum;
      } else d = Float64Array.from(b);
    }
    const step = a.r(-o.lr);
    for (let j = 0; j < p.length; j++) p[j] = a.fma(d[j] as number, step, p[j] as number);
    commit(param, p);
    report('sgd', param, grad, {
      lr: o.lr,
      momentum: o.momentum,
      dampening: o.dampening,
      weight_decay: o.weightDecay,
    });
  });
}

/** Adam's and AdamW's state for one parameter. */
export interface AdamState {
  readonly step: Tensor;
  readonly expAvg: Tensor;
  readonly expAvgSq: Tensor;
  readonly maxExpAvgSq: Tensor | null;
}

/** Adam's (and AdamW's) hyperparameters. */
export interface AdamOptions {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** AdamW: decay the parameter (`param.mul_(1 - lr·weight_decay)`) instead of the gradient. */
  readonly decoupled: boolean;
}

/**
 * `_single_tensor_adam` / `_single_tensor_adamw`: running averages of the gradient (m) and of its
 * square (v), then `param.addcdiv_(m, √v / √(1 - β2^t) + eps, value=-lr / (1 - β1^t))`.
 */
export function adam(
  params: readonly Tensor[],
  grads: readonly Tensor[],
  states: readonly AdamState[],
  o: AdamOptions,
): void {
  params.forEach((param, i) => {
    const grad = grads[i] as Tensor;
    const s = states[i] as AdamState;
    const a = arithOf(param);
    const {r, fma} = a;
    const p = open(param);
    const g = effectiveGrad(a, grad, p, o.maximize, o.decoupled ? 0 : o.weightDecay);
    const step = bumpStep(s.step);
    if (o.decoupled) {
      const keep = r(1 - o.lr * o.weightDecay);
      for (let j = 0; j < p.length; j++) p[j] = r((p[j] as number) * keep);
    }
    storageWillChange(s.expAvg);
    storageWillChange(s.expAvgSq);
    const m = s.expAvg.data;
    const v = s.expAvgSq.data;
    const b1 = r(o.beta1);
    const c1 = r(1 - o.beta1);
    const b2 = r(o.beta2);
    const c2 = r(1 - o.beta2);
    for (let j = 0; j < g.length; j++) {
      const gj = g[j] as number;
      m[j] = fma(gj, c1, r((m[j] as number) * b1)); // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
      v[j] = fma(r(c2 * gj), gj, r((v[j] as number) * b2)); // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    }
    s.expAvg.version.value += 2;
    s.expAvgSq.version.value += 2;
    const bc1 = 1 - powWhole(o.beta1, step);
    const bc2 = 1 - powWhole(o.beta2, step);
    const stepSize = r(-(o.lr / bc1));
    const bc2Sqrt = r(Math.sqrt(bc2));
    const eps = r(o.eps);
    let second = v;
    if (s.maxExpAvgSq !== null) {
      // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
      storageWillChange(s.maxExpAvgSq);
      const mx = s.maxExpAvgSq.data;
      for (let j = 0; j < g.length; j++) {
        const x = mx[j] as number;
        const y = v[j] as number;
        mx[j] = Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y);
      }
      s.maxExpAvgSq.version.value++;
      second = mx;
    }
    for (let j = 0; j < p.length; j++) {
      // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
      const denom = r(r(r(Math.sqrt(second[j] as number)) / bc2Sqrt) + eps);
      // param.addcdiv_(exp_avg, denom, value=-step_size)
      p[j] = r((p[j] as number) + r(r(stepSize * (m[j] as number)) / denom));
    }
    commit(param, p);
    report(o.decoupled ? 'adamw' : 'adam', param, grad, {
      lr: o.lr,
      beta1: o.beta1,
      beta2: o.beta2,
      eps: o.eps,
      weight_decay: o.weightDecay,
      step,
    });
  });
}

/** RMSprop's state for one parameter. */
export interface RmspropState {
  readonly squareAvg: Tensor;
  readonly momentumBuffer: Tensor | null;
  readonly gradAvg: Tensor | null;
}

/** RMSprop's hyperparameters. */
export interface RmspropOptions {
  readonly lr: number;
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;
  readonly maximize: boolean;
}

/**
 * `_single_tensor_rmsprop`: `square_avg = alpha·square_avg + (1 - alpha)·grad²` (centered: minus
 * the squared running mean of the gradient), then `param -= lr · grad / (√square_avg + eps)`
 * (through a momentum buffer when momentum > 0).
 */
export function rmsprop(
  params: readonly Tensor[],
  grads: readonly Tensor[],
  states: readonly RmspropState[],
  o: RmspropOptions,
): void {
  params.forEach((param, i) => {
    const grad = grads[i] as Tensor;
    const s = states[i] as RmspropState;
    const a = arithOf(param);
    const {r, fma} = a;
    const p = open(param);
    const g = effectiveGrad(a, grad, p, o.maximize, o.weightDecay);
    storageWillChange(s.squareAvg);
    const sq = s.squareAvg.data;
    const al = r(o.alpha);
    const keep = r(1 - o.alpha);
    for (let j = 0; j < g.length; j++) {
      const gj = g[j] as number;
      sq[j] = fma(r(keep * gj), gj, r((sq[j] as number) * al));
    }
    s.squareAvg.version.value += 2;
    const avg = new Float64Array(g.length);
    if (s.gradAvg !== null) {
      storageWillChange(s.gradAvg);
      const ga = s.gradAvg.data;
      for (let j = 0; j < g.length; j++) {
        ga[j] = fma(g[j] as number, keep, r((ga[j] as number) * al));
        const gaj = ga[j] as number;
        // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
        avg[j] = r(Math.sqrt(fma(-gaj, gaj, sq[j] as number)));
      }
      s.gradAvg.version.value += 2;
    } else for (let j = 0; j < g.length; j++) avg[j] = r(Math.sqrt(sq[j] as number));
    const eps = r(o.eps);
    for (let j = 0; j < g.length; j++) avg[j] = r((avg[j] as number) + eps);
    const negLr = r(-o.lr);
    if (o.momentum > 0 && s.momentumBuffer !== null) {
      // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
      storageWillChange(s.momentumBuffer);
      const b = s.momentumBuffer.data;
      const m = r(o.momentum);
      for (let j = 0; j < g.length; j++) {
        b[j] = r(r((b[j] as number) * m) + r((g[j] as number) / (avg[j] as number)));
        p[j] = fma(b[j] as number, negLr, p[j] as number);
      }
      s.momentumBuffer.version.value += 2;
    } else {
      // param.addcdiv_(grad, avg, value=-lr)
      for (let j = 0; j < g.length; j++)
        p[j] = r((p[j] as number) + r(r(negLr * (g[j] as number)) / (avg[j] as number)));
    }
    commit(param, p);
    report('rmsprop', param, grad, {lr: o.lr, alpha: o.alpha, eps: o.eps});
  });
}

/** Adagrad's state for one parameter. */
export interface AdagradState {
  readonly step: Tensor;
  readonly sum: Tensor;
}

/** Adagrad's hyperparameters. */
export interface AdagradOptions {
  readonly lr: number;
  readonly lrDecay: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly maximize: boolean;
}

/**
 * `_single_tensor_adagrad`: `sum += grad²`, then `param -= clr · grad / (√sum + eps)` with
 * `clr = lr / (1 + (step - 1)·lr_decay)`.
 */
export function adagrad(
  params: readonly Tensor[],
  grads: readonly Tensor[],
  states: readonly AdagradState[],
  o: AdagradOptions,
): void {
  params.forEach((param, i) => {
    const grad = grads[i] as Tensor;
    const s = states[i] as AdagradState;
    const a = arithOf(param);
    const {r, fma} = a;
    const step = bumpStep(s.step);
    const p = open(param);
    const g = effectiveGrad(a, grad, p, o.maximize, o.weightDecay);
    const clr = o.lr / (1 + (step - 1) * o.lrDecay);
    const value = r(-clr);
    const eps = r(o.eps);
    storageWillChange(s.sum);
    const sum = s.sum.data;
    for (let j = 0; j < g.length; j++) {
      const gj = g[j] as number;
      sum[j] = fma(gj, gj, sum[j] as number); // state_sum.addcmul_(grad, grad, value=1)
      const std = r(r(Math.sqrt(sum[j] as number)) + eps); // state_sum.sqrt().add_(eps)
      p[j] = r((p[j] as number) + r(r(value * gj) / std)); // param.addcdiv_(grad, std, value=-clr)
    }
    s.sum.version.value++;
    commit(param, p);
    report('adagrad', param, grad, {lr: o.lr, eps: o.eps, step});
  });
}
