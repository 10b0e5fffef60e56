/**
 * Python's `int(x)` conversion, apart from the builtins table so that the torch bindings
 * (`torch.manual_seed`) can use it without importing the builtins, which import them.
 */
import {Tensor} from '../../autograd/tensor.js';
import {pyError} from './errors.js';
import {floatToInt} from './numbers.js';
import {maxIntDigits, pyRepr, typeName} from './repr.js';
import {tensorToInt} from './torch/operators.js';

/** `int(x)`. */
export function pyInt(x: unknown): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') return floatToInt(x);
  if (typeof x === 'string') {
    const text = x.trim();
    if (!/^[+-]?\d+(_\d+)*$/.test(text)) {
      throw pyError('ValueError', `invalid literal for int() with base 10: ${pyRepr(x)}`);
    }
    const digits = text.replace(/[+_-]/g, '').length;
    if (digits > maxIntDigits) {
      throw pyError(
        'ValueError',
        `Exceeds the limit (${maxIntDigits} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return BigInt(text.replace(/_/g, ''));
  }
  if (x instanceof Tensor) return tensorToInt(x);
  throw pyError(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`,
  );
}
