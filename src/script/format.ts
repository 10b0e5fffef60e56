/**
 * Python's format-spec mini-language (`format(x, '.4f')`, f-string `{x:>8.3e}`, `str.format`) and
 * printf-style `%` formatting, for ints, floats, bools, strs and 0-dim tensors.
 */
import {Tensor} from '../../autograd/tensor.js';
import {PyDict} from './containers.js';
import {hasSpecial, special} from './dunders.js';
import {keyError, pyError} from './errors.js';
import {PyInstance} from './objects.js';
import {formatFixed, formatScientific} from './numbers.js';
import {floatRepr, intRepr, pyRepr, pyStr, typeName} from './repr.js';
import {tensorItem} from './torch/operators.js';
import {PyTuple} from './values.js';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

/** The largest width or precision a format spec may ask for. */
const maxFormatLength = 1_000_000;

function parseSpec(spec: string, forType: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/su.exec(
    spec,
  );
  if (!m)
    throw pyError(
      'ValueError',
      `Invalid format specifier '${spec}' for object of type '${forType}'`,
    );
  // CPython's own bounds, then ours: a width or precision that would build a string of millions of
  // characters froze the page for minutes (found by fuzz); it is a MemoryError instead.
  if ((m[7] ?? '').length > 18 || (m[9] ?? '').length > 18)
    throw pyError('ValueError', 'Too many decimal digits in format string');
  if (Number(m[9] ?? 0) > 2147483647) throw pyError('ValueError', 'precision too big');
  if (Number(m[7] ?? 0) > maxFormatLength || Number(m[9] ?? 0) > maxFormatLength) {
    throw pyError(
      'MemoryError',
      `grad-graph formats at most ${maxFormatLength} characters (width or precision too large)`,
    );
  }
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : ''),
    sign: m[3] ?? '-',
    alternate: m[5] !== undefined,
    zero: m[6] !== undefined,
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] ?? '',
    precision: m[9] !== undefined ? Number(m[9]) : null,
    type: m[10] ?? '',
  };
}

function group(intPart: string, sep: string, every: number): string {
  if (!sep) return intPart;
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart.charAt(i);
  }
  return out;
}

function pad(body: string, sign: string, s: Spec, defaultAlign: string): string {
  const align = s.align || defaultAlign;
  const len = Array.from(body).length + sign.length;
  if (len >= s.width) return sign + body;
  const n = s.width - len;
  switch (align) {
    case '<':
      return sign + body + s.fill.repeat(n);
    case '^':
      return s.fill.repeat(n >> 1) + sign + body + s.fill.repeat(n - (n >> 1));
    case '=':
      return sign + s.fill.repeat(n) + body;
    default:
      return s.fill.repeat(n) + sign + body;
  }
}

function signOf(negative: boolean, s: Spec): string {
  if (negative) return '-';
  return s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

/** `%e`-style digits with Python's at-least-two-digit exponent, rounded exactly like CPython. */
function expFormat(x: number, precision: number, upper: boolean): string {
  if (x === 0) {
    const zero = `0${precision > 0 ? `.${'0'.repeat(precision)}` : ''}e+00`;
    return upper ? zero.toUpperCase() : zero;
  }
  const {digits, exponent} = formatScientific(x, precision);
  const mantissa = precision > 0 ? `${digits.charAt(0)}.${digits.slice(1)}` : digits;
  const text = `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return upper ? text.toUpperCase() : text;
}

function fixedFormat(x: number, precision: number): string {
  return formatFixed(x, precision);
}

/** `%g` / `{:g}`: general format with Python's rules for trailing zeros. */
function generalFormat(x: number, precision: number, s: Spec, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return s.alternate ? `0.${'0'.repeat(p - 1)}` : '0';
  const exp = formatScientific(x, p - 1).exponent;
  let text: string;
  if (exp >= -4 && exp < p) text = fixedFormat(x, p - 1 - exp);
  else text = expFormat(x, p - 1, upper);
  if (!s.alternate) {
    text = text.replace(/(\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '');
  }
  return text;
}

function formatFloat(x: number, s: Spec): string {
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  let type = s.type;
  if (!Number.isFinite(a)) {
    body = Number.isNaN(a) ? 'nan' : 'inf';
    if (type === 'F' || type === 'E' || type === 'G') body = body.toUpperCase();
    if (type === '%') body += '%';
    return pad(body, signOf(negative && !Number.isNaN(a), s), s, '>');
  }
  if (type === 'n') type = 'g';
  switch (type) {
    case 'f':
    case 'F':
      body = fixedFormat(a, s.precision ?? 6);
      break;
    case 'e':
    case 'E':
      body = expFormat(a, s.precision ?? 6, type === 'E');
      break;
    case 'g':
    case 'G':
      body = generalFormat(a, s.precision ?? 6, s, type === 'G');
      break;
    case '%': {
      // Python scales by 100 in floating point first, so a huge value becomes inf%.
      const scaled = a * 100;
      body = Number.isFinite(scaled) ? `${fixedFormat(scaled, s.precision ?? 6)}%` : 'inf%';
      break;
    }
    case '':
      if (s.precision === null) body = floatRepr(a);
      else {
        body = generalFormat(a, s.precision, s, false);
        if (!/[.e]/.test(body)) body += '.0';
      }
      break;
    default:
      throw pyError('ValueError', `Unknown format code '${type}' for object of type 'float'`);
  }
  if (s.alternate && !body.includes('.') && (type === 'f' || type === 'F')) body += '.';
  const dot = body.search(/[.eE%]/);
  const intPart = dot < 0 ? body : body.slice(0, dot);
  body = group(intPart, s.grouping, 3) + (dot < 0 ? '' : body.slice(dot));
  return pad(body, signOf(negative, s), s, '>');
}

function formatInt(n: bigint, s: Spec): string {
  const negative = n < 0n;
  const a = negative ? -n : n;
  let body: string;
  let prefix = '';
  switch (s.type) {
    case '':
    case 'd':
    case 'n':
      body = group(intRepr(a), s.grouping, 3);
      break;
    case 'b':
      body = group(a.toString(2), s.grouping, 4);
      prefix = s.alternate ? '0b' : '';
      break;
    case 'o':
      body = group(a.toString(8), s.grouping, 4);
      prefix = s.alternate ? '0o' : '';
      break;
    case 'x':
    case 'X':
      body = group(a.toString(16), s.grouping, 4);
      if (s.type === 'X') body = body.toUpperCase();
      prefix = s.alternate ? (s.type === 'X' ? '0X' : '0x') : '';
      break;
    case 'c':
      body = String.fromCodePoint(Number(a));
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
      return formatFloat(Number(n), s);
    default:
      throw pyError('ValueError', `Unknown format code '${s.type}' for object of type 'int'`);
  }
  return pad(body, signOf(negative, s) + prefix, s, '>');
}

/** `format(value, spec)`: the value's `__format__`. */
export function formatValue(value: unknown, spec: string): string {
  if (value instanceof Tensor) {
    // Tensor.__format__: a 0-dim tensor formats its item (`f"{loss}"` → `0.123…`), even with no spec.
    if (value.dim() === 0) return formatValue(tensorItem(value), spec);
    if (spec === '') return pyStr(value);
    throw pyError('TypeError', 'unsupported format string passed to Tensor.__format__');
  }
  if (value instanceof PyInstance && hasSpecial(value, '__format__')) {
    const r = special(value, '__format__', [spec]);
    if (typeof r !== 'string') {
      throw pyError('TypeError', `__format__ must return a str, not ${typeName(r)}`);
    }
    return r;
  }
  if (spec === '') return pyStr(value);
  if (typeof value === 'boolean') {
    const s = parseSpec(spec, 'bool');
    if (s.type === '' || s.type === 's') return pad(value ? 'True' : 'False', '', s, '<');
    return formatInt(value ? 1n : 0n, s);
  }
  if (typeof value === 'bigint') return formatInt(value, parseSpec(spec, 'int'));
  if (typeof value === 'number') return formatFloat(value, parseSpec(spec, 'float'));
  if (typeof value === 'string') {
    const s = parseSpec(spec, 'str');
    if (s.type !== '' && s.type !== 's') {
      throw pyError('ValueError', `Unknown format code '${s.type}' for object of type 'str'`);
    }
    if (s.sign !== '-') throw pyError('ValueError', 'Sign not allowed in string format specifier');
    const body = s.precision !== null ? Array.from(value).slice(0, s.precision).join('') : value;
    return pad(body, '', s, '<');
  }
  throw pyError('TypeError', `unsupported format string passed to ${typeName(value)}.__format__`);
}

/** `template % values`: printf-style formatting of a str. */
export function percentFormat(template: string, values: unknown): string {
  const mapping = values instanceof PyDict ? values : null;
  const args = values instanceof PyTuple ? [...values.items] : [values];
  let next = 0;
  const take = (): unknown => {
    if (next >= args.length) throw pyError('TypeError', 'not enough arguments for format string');
    return args[next++];
  };
  const out = template.replace(
    /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])?/g,
    (
      _whole,
      key: string | undefined,
      flags: string,
      width?: string,
      precision?: string,
      conv?: string,
    ) => {
      if (conv === undefined) throw pyError('ValueError', 'incomplete format');
      if (conv === '%' && key === undefined) return '%';
      const w = width === '*' ? String(take()) : (width ?? '');
      const p = precision === '*' ? String(take()) : precision;
      let v: unknown;
      if (key !== undefined) {
        // `'%(name)s' % mapping`: the value is looked up by key, no positional argument is used.
        if (!mapping) throw pyError('TypeError', 'format requires a mapping');
        if (!mapping.has(key)) throw keyError(key, pyRepr(key));
        v = mapping.get(key);
      } else v = take();
      const align = flags.includes('-') ? '<' : '';
      const zero = flags.includes('0') && !flags.includes('-') ? '0' : '';
      const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      const specPrefix = `${align}${sign}${flags.includes('#') ? '#' : ''}${zero}${w}`;
      const prec = p !== undefined ? `.${p}` : '';
      switch (conv) {
        case 's':
          return formatValue(pyStr(v), `${align || '>'}${w}${prec}`);
        case 'r':
        case 'a':
          return formatValue(pyRepr(v), `${align || '>'}${w}${prec}`);
        case 'd':
        case 'i':
        case 'u': {
          const n =
            typeof v === 'number'
              ? BigInt(Math.trunc(v))
              : typeof v === 'boolean'
                ? BigInt(v)
                : v instanceof Tensor
                  ? tensorItem(v)
                  : v;
          if (typeof n !== 'bigint' && typeof n !== 'number') {
            throw pyError(
              'TypeError',
              `%${conv} format: a real number is required, not ${typeName(v)}`,
            );
          }
          return formatValue(typeof n === 'number' ? BigInt(Math.trunc(n)) : n, `${specPrefix}d`);
        }
        case 'c':
          if (typeof v === 'string') {
            if (v.length !== 1) throw pyError('TypeError', '%c requires int or char');
            return formatValue(v, `${align}${w}`);
          }
          return formatValue(v, `${align}${w}c`);
        default: {
          const x = v instanceof Tensor ? tensorItem(v) : v;
          if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'boolean') {
            throw pyError('TypeError', `must be real number, not ${typeName(v)}`);
          }
          if ((conv === 'x' || conv === 'X' || conv === 'o') && typeof x === 'number') {
            // CPython's words; BigInt(5.255) threw a raw RangeError (found by fuzz).
            throw pyError('TypeError', `%${conv} format: an integer is required, not float`);
          }
          const spec = `${specPrefix}${p !== undefined ? prec : conv === 'x' || conv === 'X' || conv === 'o' ? '' : '.6'}${conv}`;
          const num = conv === 'x' || conv === 'X' || conv === 'o' ? BigInt(x) : Number(x);
          return formatValue(num, spec);
        }
      }
    },
  );
  if (next < args.length && !mapping) {
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  }
  return out;
}

/** `template.format(*args, **kwargs)`. */
export function strFormat(
  template: string,
  args: readonly unknown[],
  kwargs: ReadonlyMap<string, unknown>,
  getAttr: (v: unknown, name: string) => unknown,
  getItem: (v: unknown, i: unknown) => unknown,
): string {
  let auto = 0;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template.charAt(i);
    if (ch === '{' && template.charAt(i + 1) === '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (ch === '}') {
      if (template.charAt(i + 1) === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw pyError('ValueError', "Single '}' encountered in format string");
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    const end = template.indexOf('}', i);
    if (end < 0) throw pyError('ValueError', "Single '{' encountered in format string");
    const field = template.slice(i + 1, end);
    i = end + 1;
    const m = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) throw pyError('ValueError', "unmatched '{' in format spec");
    const [, name = '', path = '', conv, spec = ''] = m;
    let value: unknown;
    if (name === '') {
      if (auto < 0) {
        throw pyError(
          'ValueError',
          'cannot switch from manual field specification to automatic field numbering',
        );
      }
      if (auto >= args.length) {
        throw pyError(
          'IndexError',
          `Replacement index ${auto} out of range for positional args tuple`,
        );
      }
      value = args[auto++];
    } else if (/^\d+$/.test(name)) {
      if (auto > 0) {
        throw pyError(
          'ValueError',
          'cannot switch from automatic field numbering to manual field specification',
        );
      }
      auto = -1;
      const k = Number(name);
      if (k >= args.length) {
        throw pyError(
          'IndexError',
          `Replacement index ${k} out of range for positional args tuple`,
        );
      }
      value = args[k];
    } else {
      if (!kwargs.has(name)) throw pyError('KeyError', pyRepr(name));
      value = kwargs.get(name);
    }
    for (const part of path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith('.')) value = getAttr(value, part.slice(1));
      else {
        const key = part.slice(1, -1);
        value = getItem(value, /^\d+$/.test(key) ? BigInt(key) : key);
      }
    }
    if (conv === 'r' || conv === 'a') value = pyRepr(value);
    else if (conv === 's') value = pyStr(value);
    out += formatValue(value, spec);
  }
  return out;
}
