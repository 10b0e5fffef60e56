/**
 * Where PyTorch 1.13's autograd Python code is when an exception leaves a backward pass: the
 * frames its tracebacks show between the script's `loss.backward()` and the script's own code
 * that the engine called back (a custom Function's backward, a module's backward hook), or the
 * engine's own error. Read from /usr/lib/python3/dist-packages/torch; the golden tracebacks
 * check them (err_function_backward_raises).
 */
import type {LibraryFrame} from '../errors.js';
import {inLibrary} from '../errors.js';

const dir = '/usr/lib/python3/dist-packages/torch';

/** A frame whose failing call runs from `start` to the end of its line (CPython's carets). */
function frame(file: string, line: number, name: string, source: string, start?: number) {
  return {
    file: `${dir}/${file}`,
    line,
    name,
    source,
    ...(start === undefined
      ? {}
      : {carets: `${' '.repeat(start)}${'^'.repeat(source.length - start)}`}),
  } satisfies LibraryFrame;
}

const engineCall =
  'Variable._execution_engine.run_backward(  # Calls into the C++ engine to run the backward pass';

/** `Tensor.backward` calling `torch.autograd.backward`. */
const tensorBackwardFrame = frame('_tensor.py', 488, 'backward', 'torch.autograd.backward(');
/** `torch.autograd.backward` calling the engine. */
const autogradBackwardFrame = frame('autograd/__init__.py', 197, 'backward', engineCall);
/** `torch.autograd.grad` calling the engine. */
const autogradGradFrame = frame('autograd/__init__.py', 300, 'grad', `return ${engineCall}`, 7);
/** `BackwardCFunction.apply` calling the user's `backward`. */
const functionApplyFrame = frame(
  'autograd/function.py',
  267,
  'apply',
  'return user_fn(self, *args)',
  7,
);
/** `BackwardHook`'s input hook calling the user's full backward hooks. */
const moduleHookFrame = frame(
  'utils/hooks.py',
  108,
  'hook',
  'out = hook(self.module, res, self.grad_outputs)',
  6,
);

/** Runs `tensor.backward(…)`'s engine pass with the frames of `_tensor.py` and `autograd/__init__.py`. */
export function inTensorBackward<T>(body: () => T): T {
  return inLibrary(tensorBackwardFrame, () => inLibrary(autogradBackwardFrame, body));
}

/** Runs `torch.autograd.backward(…)`'s engine pass with its frame. */
export function inAutogradBackward<T>(body: () => T): T {
  return inLibrary(autogradBackwardFrame, body);
}

/** Runs `torch.autograd.grad(…)`'s engine pass with its frame. */
export function inAutogradGrad<T>(body: () => T): T {
  return inLibrary(autogradGradFrame, body);
}

/** Calls a custom Function's `backward` as `BackwardCFunction.apply` does. */
export function inFunctionApply<T>(body: () => T): T {
  return inLibrary(functionApplyFrame, body);
}

/** Calls a module's full backward hook as `BackwardHook`'s hook does. */
export function inModuleBackwardHook<T>(body: () => T): T {
  return inLibrary(moduleHookFrame, body);
}
