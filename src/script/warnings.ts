/**
 * Python warnings raised while a script runs (PyTorch's UserWarnings): shown once per source
 * line, as Python's default warning filter does, in Python's `file:line: Category: message` form.
 */

/** Where PyTorch's own code issues a warning (Python shows that file and line, not the script's). */
export interface WarningSource {
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

/** Receives a warning; the runner installs one for the duration of a run. */
export type WarningSink = (category: string, message: string, from?: WarningSource) => void;

let sink: WarningSink | null = null;

/** Installs the sink for a run; returns the previous one so it can be restored. */
export function setWarningSink(next: WarningSink | null): WarningSink | null {
  const previous = sink;
  sink = next;
  return previous;
}

/** Issues a warning (`warnings.warn(message, category)`); ignored outside a run. */
export function pyWarn(category: string, message: string, from?: WarningSource): void {
  sink?.(category, message, from);
}

const seenOnce = new WeakMap<WarningSink, Set<string>>();

/** A C++ `TORCH_WARN_ONCE`: issued the first time in a run (a Python process), never again. */
export function pyWarnOnce(category: string, message: string): void {
  if (sink === null) return;
  let seen = seenOnce.get(sink);
  if (!seen) {
    seen = new Set();
    seenOnce.set(sink, seen);
  }
  if (seen.has(message)) return;
  seen.add(message);
  pyWarn(category, message);
}

/** PyTorch's warning for `x.T` of a tensor with 1 or more than 2 dimensions (warned once). */
export const numpyTWarning =
  'The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor. (Triggered internally at  ./aten/src/ATen/native/TensorShape.cpp:3277.)';

/** PyTorch's warning when reading `.grad` of a non-leaf tensor that does not retain it. */
export const nonLeafGradWarning =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)";

/** PyTorch's warning for `torch.tensor(t)` of a tensor. */
export const copyConstructWarning =
  'To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).';
