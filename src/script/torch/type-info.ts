/**
 * `torch.iinfo(dtype)` and `torch.finfo(dtype=None)`: the limits of a numeric type (bits, min,
 * max; for floats eps, tiny, smallest_normal, resolution), printed as torch/csrc/TypeInfo.cpp
 * prints them (each number through a C++ stream: `%g`, six significant digits).
 */
import {isFloating, type DType} from '../../../autograd/dtype.js';
import {pyError} from '../errors.js';
import {objectClass, PyClass, PyInstance, PyMethodDescriptor} from '../objects.js';
import {typeName} from '../repr.js';
import {TorchDtype, type Kwargs} from '../values.js';
import {bind, sig} from './args.js';

/** A double as `std::ostream << double` writes it (printf's `%g`). */
export function cppDouble(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  // glibc rounds the exact binary value half to even; JS's toExponential rounds ties away.
  const exact = Math.abs(x).toExponential(100);
  const digits = `${exact.slice(0, 1)}${exact.slice(2, 102)}`;
  if (digits[6] === '5' && /^0*$/.test(digits.slice(7)) && Number(digits[5]) % 2 === 0) {
    const [, e = '0'] = exact.split('e');
    return cppDouble(Math.sign(x) * Number(`${digits[0]}.${digits.slice(1, 6)}e${e}`));
  }
  const [mantissa = '', exponent = '0'] = x.toExponential(5).split('e');
  const exp = Number(exponent);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 6) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${strip(mantissa)}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return strip(x.toFixed(5 - exp));
}

interface IntLimits {
  readonly bits: number;
  readonly min: bigint;
  readonly max: bigint;
}

const intLimits: Partial<Record<DType, IntLimits>> = {
  uint8: {bits: 8, min: 0n, max: 255n},
  int8: {bits: 8, min: -128n, max: 127n},
  int16: {bits: 16, min: -32768n, max: 32767n},
  int32: {bits: 32, min: -(2n ** 31n), max: 2n ** 31n - 1n},
  int64: {bits: 64, min: -(2n ** 63n), max: 2n ** 63n - 1n},
};

interface FloatLimits {
  readonly bits: number;
  readonly eps: number;
  readonly max: number;
  readonly tiny: number;
  /** `std::numeric_limits<T>::digits10`: resolution is 10^-digits10. */
  readonly digits10: number;
}

const floatLimits: Record<string, FloatLimits> = {
  float16: {bits: 16, eps: 2 ** -10, max: 65504, tiny: 2 ** -14, digits10: 3},
  bfloat16: {bits: 16, eps: 2 ** -7, max: (2 - 2 ** -7) * 2 ** 127, tiny: 2 ** -126, digits10: 2},
  float32: {bits: 32, eps: 2 ** -23, max: (2 - 2 ** -23) * 2 ** 127, tiny: 2 ** -126, digits10: 6},
  float64: {bits: 64, eps: 2 ** -52, max: Number.MAX_VALUE, tiny: 2 ** -1022, digits10: 15},
};

function typeArg(name: string, args: readonly unknown[], kwargs: Kwargs, optional: boolean) {
  const a = bind(sig(`${name}(any type${optional ? '=None' : ''})`, 'python'), args, kwargs);
  const t = a.get('type');
  if (t === null && optional) return TorchDtype.of('float32');
  if (!(t instanceof TorchDtype)) {
    throw pyError(
      'TypeError',
      `${name}(): argument 'type' (position 1) must be torch.dtype, not ${typeName(t)}`,
    );
  }
  return t;
}

function reprMethod(owner: string, text: (self: PyInstance) => string): PyMethodDescriptor {
  return new PyMethodDescriptor('__repr__', (self) => text(self as PyInstance), owner);
}

function attr(self: PyInstance, name: string): unknown {
  return self.dict.get(name);
}

/** `torch.iinfo`. */
export const iinfoClass: PyClass = new PyClass(
  'iinfo',
  [objectClass],
  new Map<string, unknown>([
    ['__init__', new PyMethodDescriptor('__init__', () => null, 'iinfo')],
    [
      '__repr__',
      reprMethod(
        'iinfo',
        (s) =>
          `iinfo(min=${cppDouble(Number(attr(s, 'min')))}, max=${cppDouble(Number(attr(s, 'max')))}, dtype=${String(attr(s, 'dtype'))})`,
      ),
    ],
  ]),
  'torch',
  'iinfo',
  (cls, args, kwargs) => {
    const t = typeArg('iinfo', args, kwargs, false);
    const dtype = t.name as DType;
    const limits = intLimits[dtype];
    if (limits === undefined) {
      if (dtype === 'bool')
        throw pyError('TypeError', 'torch.bool is not supported by torch.iinfo');
      throw pyError(
        'TypeError',
        "torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'",
      );
    }
    const inst = new PyInstance(cls);
    inst.dict.set('bits', BigInt(limits.bits));
    inst.dict.set('min', limits.min);
    inst.dict.set('max', limits.max);
    inst.dict.set('dtype', dtype);
    return inst;
  },
);

/** `torch.finfo`. */
export const finfoClass: PyClass = new PyClass(
  'finfo',
  [objectClass],
  new Map<string, unknown>([
    ['__init__', new PyMethodDescriptor('__init__', () => null, 'finfo')],
    [
      '__repr__',
      reprMethod('finfo', (s) => {
        const n = (name: string) => cppDouble(attr(s, name) as number);
        return `finfo(resolution=${n('resolution')}, min=${n('min')}, max=${n('max')}, eps=${n('eps')}, smallest_normal=${n('smallest_normal')}, tiny=${n('tiny')}, dtype=${String(attr(s, 'dtype'))})`;
      }),
    ],
  ]),
  'torch',
  'finfo',
  (cls, args, kwargs) => {
    const t = typeArg('finfo', args, kwargs, true);
    const limits = floatLimits[t.name];
    if (limits === undefined || !(t.name === 'bfloat16' || isFloating(t.name as DType))) {
      throw pyError(
        'TypeError',
        "torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'",
      );
    }
    const inst = new PyInstance(cls);
    inst.dict.set('bits', BigInt(limits.bits));
    inst.dict.set('eps', limits.eps);
    inst.dict.set('max', limits.max);
    inst.dict.set('min', -limits.max);
    inst.dict.set('tiny', limits.tiny);
    inst.dict.set('smallest_normal', limits.tiny);
    inst.dict.set('resolution', Number(`1e-${limits.digits10}`));
    inst.dict.set('dtype', t.name);
    return inst;
  },
);
