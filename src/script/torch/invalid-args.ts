/**
 * The lines PyTorch's `format_invalid_args` (torch/csrc/utils/invalid_arguments.cpp) adds under each
 * printed overload of a "received an invalid combination of arguments" error:
 * `didn't match because some of the arguments have invalid types: (!str!, int)` for an overload
 * whose argument count fits, or `… some of the keywords were incorrect: foo` — checked, as PyTorch
 * does, against the overload's printed text (so `Number` never matches and `*` counts as an argument).
 */
import {Tensor} from '../../../autograd/tensor.js';
import {typeName} from '../repr.js';
import {PyList, PyTuple, TorchDtype, TorchSize, type Kwargs} from '../values.js';

interface OptionArgument {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

interface Option {
  readonly args: readonly OptionArgument[];
  readonly variadic: boolean;
}

/** CPython's `tp_name` of a value, as PyTorch's messages print it (`torch.dtype`, not `dtype`). */
export function tpName(v: unknown): string {
  if (v instanceof TorchDtype) return 'torch.dtype';
  if (v instanceof TorchSize) return 'torch.Size';
  if (v instanceof Tensor) return 'Tensor';
  return typeName(v);
}

/** `_parseOption`: the printed overload split at ", " (an empty one still has one argument). */
function parseOption(text: string): Option {
  const inner = text.slice(1, -1);
  const args = inner.split(', ').map((raw): OptionArgument => {
    let arg = raw;
    let nullable = false;
    if (arg.startsWith('[')) {
      nullable = true;
      arg = arg.slice(1, arg.length - ' or None]'.length);
    }
    const space = arg.lastIndexOf(' ');
    if (space === -1) return {name: arg, type: arg, nullable};
    let typeEnd = space;
    if (arg.includes('...')) typeEnd -= 4;
    return {name: arg.slice(space + 1), type: arg.slice(0, typeEnd), nullable};
  });
  return {args, variadic: inner.includes('...')};
}

function matches(arg: OptionArgument, v: unknown): boolean {
  if (arg.nullable && v === null) return true;
  const name = tpName(v);
  if (arg.type === 'float') return name === 'float' || name === 'int';
  return name === arg.type;
}

function argcountMatch(option: Option, got: number): boolean {
  const expected = option.args.length;
  return got === expected || (option.variadic && got > expected);
}

function unmatchedKwargs(option: Option, kwargs: Kwargs): string[] {
  const start = Math.max(0, option.args.length - kwargs.size);
  const names = option.args.slice(start).map((a) => a.name);
  return [...kwargs.keys()].filter((k) => !names.includes(k));
}

function described(v: unknown): string {
  if (v instanceof PyTuple || v instanceof PyList) {
    const items = v.items.map(tpName).join(', ');
    if (v instanceof PyTuple) return `tuple of (${items}${v.items.length === 1 ? ',' : ''})`;
    return `list of [${items}]`;
  }
  return tpName(v);
}

/** `_formattedArgDesc`: each argument's type, `!marked!` where the overload's type does not match. */
function formattedArgs(option: Option, args: readonly unknown[], kwargs: Kwargs): string {
  const total = args.length + kwargs.size;
  const kwValues = [...kwargs.values()];
  let out = '(';
  for (let i = 0; i < total; i++) {
    const isKwarg = i >= args.length;
    const optionArg = option.args[i];
    const v = isKwarg
      ? optionArg && kwargs.has(optionArg.name)
        ? kwargs.get(optionArg.name)
        : kwValues[i - args.length]
      : args[i];
    let ok = false;
    if (optionArg) ok = matches(optionArg, v);
    else if (option.variadic) {
      const last = option.args[option.args.length - 1];
      ok = last !== undefined && matches(last, v);
    }
    const text = `${isKwarg ? `${optionArg?.name ?? ''}=` : ''}${described(v)}`;
    out += `${ok ? text : `!${text}!`}, `;
  }
  if (args.length > 0) out = out.slice(0, -2);
  return `${out})`;
}

/** The overload list of PyTorch's message, each with its "didn't match" line where it prints one. */
export function overloadLines(
  overloads: readonly string[],
  args: readonly unknown[],
  kwargs: Kwargs,
): string {
  let out = '';
  for (const text of overloads) {
    out += ` * ${text}\n`;
    const option = parseOption(text);
    if (!argcountMatch(option, args.length + kwargs.size)) continue;
    const unmatched = kwargs.size > 0 ? unmatchedKwargs(option, kwargs) : [];
    out +=
      unmatched.length > 0
        ? `      didn't match because some of the keywords were incorrect: ${unmatched.join(', ')}\n`
        : `      didn't match because some of the arguments have invalid types: ${formattedArgs(option, args, kwargs)}\n`;
  }
  return out;
}
