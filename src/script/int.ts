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

/** `int(text, base)`: base 2…36, or 0 to read the base from the prefix as a literal does. */
export function pyIntBase(x: unknown, baseValue: unknown): bigint {
  if (typeof x !== 'string') {
    throw pyError('TypeError', "int() can't convert non-string with explicit base");
  }
  if (typeof baseValue !== 'bigint' && typeof baseValue !== 'boolean') {
    throw pyError(
      'TypeError',
      `'${typeName(baseValue)}' object cannot be interpreted as an integer`,
    );
  }
  let base = Number(baseValue);
  if (base !== 0 && (base < 2 || base > 36)) {
    throw pyError('ValueError', 'int() base must be >= 2 and <= 36, or 0');
  }
  const invalid = () =>
    pyError('ValueError', `invalid literal for int() with base ${base}: ${pyRepr(x)}`);
  let text = x.trim();
  let sign = 1n;
  if (text.startsWith('-') || text.startsWith('+')) {
    if (text.startsWith('-')) sign = -1n;
    text = text.slice(1);
  }
  const prefix = /^0([xob])_?/i.exec(text);
  const prefixBase = prefix ? {x: 16, o: 8, b: 2}[(prefix[1] ?? '').toLowerCase() as 'x'] : 0;
  if (base === 0) {
    if (prefix) {
      base = prefixBase;
      text = text.slice(prefix[0].length);
    } else {
      if (/^0+(_?0+)*$/.test(text)) return 0n;
      if (text.startsWith('0')) throw invalid();
      base = 10;
    }
  } else if (prefix && prefixBase === base) text = text.slice(prefix[0].length);
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(text)) throw invalid();
  let n = 0n;
  const b = BigInt(base);
  for (const c of text.replace(/_/g, '').toLowerCase()) {
    const d = parseInt(c, 36);
    if (d >= base) throw invalid();
    n = n * b + BigInt(d);
  }
  return sign * n;
}
