/**
 * Python's float formatting (`'{:.4f}'`, `'{:.4e}'`, `'{:.0f}'`) in JS. toFixed/toExponential
 * round exact ties up, Python rounds them to even; and Python keeps the sign of -0.
 */

/** True if the exact decimal expansion of |x| has a 5 at `digit` (1-based after the cut) and nothing after. */
function isTie(digits: string, cut: number): boolean {
  if (digits[cut] !== '5') return false;
  for (let i = cut + 1; i < digits.length; i++) if (digits[i] !== '0') return false;
  return true;
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

function negative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** `'{:.{p}f}'.format(x)`. */
export function formatFixed(x: number, p: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const sign = negative(x) ? '-' : '';
  const a = Math.abs(x);
  let body = a.toFixed(p);
  if (a < 1e21) {
    const exact = a.toFixed(Math.min(100, p + 60));
    const point = exact.indexOf('.');
    const digits = exact.slice(point + 1);
    if (isTie(digits, p)) {
      // toFixed rounded the tie up; Python rounds half to even.
      const down = exact.slice(0, point + (p > 0 ? p + 1 : 0));
      const lastDigit = Number(down.replace('.', '').slice(-1));
      if (lastDigit % 2 === 0) body = down.endsWith('.') ? down.slice(0, -1) : down;
    }
  }
  return sign + body;
}

/** `'{:.{p}e}'.format(x)`: mantissa with p decimals, exponent signed with at least two digits. */
export function formatExp(x: number, p: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const sign = negative(x) ? '-' : '';
  const a = Math.abs(x);
  let s = a.toExponential(p);
  if (a !== 0) {
    const exact = a.toPrecision(100);
    const digits = exact.replace('.', '').replace(/^0+/, '').replace(/e.*$/, '');
    if (isTie(digits, p + 1)) {
      const lastKept = Number(digits[p]);
      if (lastKept % 2 === 0) {
        // Round down instead: truncate the exact digits.
        const exp = Number(a.toExponential(p + 10).split('e')[1]);
        const mant = `${digits[0]}${p > 0 ? '.' + digits.slice(1, p + 1) : ''}`;
        s = `${mant}e${exp >= 0 ? '+' : '-'}${Math.abs(exp)}`;
      }
    }
  }
  const [mantissa, exponent = '+0'] = s.split('e');
  const expSign = exponent.startsWith('-') ? '-' : '+';
  const expDigits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${sign}${mantissa}e${expSign}${expDigits}`;
}

/** Python's `str(int)` for an integral value stored as a double. */
export function formatInt(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : BigInt(Math.trunc(x)).toString();
}

/** Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e-05`, `inf`, `nan`. */
export function formatFloatRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (Object.is(x, -0)) return '-0.0';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [m = '', e = '0'] = x.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
