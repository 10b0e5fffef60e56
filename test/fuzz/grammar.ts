/**
 * Scripts generated from a grammar of the Python subset the runner accepts (issue 4): imports,
 * assignments, tuple unpacking, augmented assignment, print with sep/end, `with torch.no_grad()`,
 * `for` over range and lists, `if`/`else`, pass/break/continue, and expressions built from
 * literals, names, tensor factories, operators, comparisons, attributes, subscripts, method and
 * function calls; and the language around them (issue 14): `def` with defaults, `*args` and
 * `**kwargs`, `lambda`, classes with dunders and `super()`, dataclasses, generators with `yield`,
 * `yield from` and `close()`, `try`/`except`/`finally`, `with` over a class's `__enter__`/`__exit__`,
 * list/dict/set comprehensions and generator expressions. Names, shapes and argument values are drawn from small pools so that most
 * scripts get far into the runtime (shapes often agree, names are often defined) while the rest
 * hit every kind of error.
 */
import type {Rng} from './rng.js';
import {builtinNames, moduleFunctionNames, tensorMethodNames} from './bindings.js';

const names = ['x', 'y', 'z', 'w', 'out', 'loss', 'a', 'b', 'i', 'grad'];
const attributes = [
  'grad',
  'shape',
  'T',
  'data',
  'requires_grad',
  'grad_fn',
  'is_leaf',
  'dtype',
  'ndim',
  '_version',
  'retains_grad',
  'output_nr',
  'next_functions',
  'nope',
];
const binOps = ['+', '-', '*', '/', '//', '%', '**', '@'];
const augOps = ['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@='];
const compareOps = ['<', '>', '<=', '>=', '==', '!=', 'in', 'not in', 'is', 'is not'];
const kwNames = [
  'dim',
  'keepdim',
  'dtype',
  'requires_grad',
  'retain_graph',
  'gradient',
  'input',
  'other',
  'alpha',
  'size',
  'out',
  'reduction',
  'exponent',
  'min',
  'max',
  'p',
  'sep',
  'end',
  'create_graph',
  'inputs',
];
const floats = ['0.0', '1.0', '-2.5', '1e-5', '3.14', '1e308', '1e-320', '0.1', '2.', '.5'];
const specials = ["float('nan')", "float('inf')", "float('-inf')", '-0.0', '1e400', '-1e400'];
const ints = ['0', '1', '2', '3', '-1', '10', '2**63', '-2**63', '12345678901234567890'];
const strings = ["'a'", '"hi"', "'\\n'", "''", "'x\\ty'", "'sum'", "'mean'", "'none'"];
const dtypes = ['torch.float32', 'torch.float64', 'torch.int64', 'torch.bool', 'torch.long'];

/** How deep expressions may nest and how many statements a block holds. */
export interface GrammarOptions {
  readonly maxExprDepth: number;
  readonly maxStatements: number;
  readonly maxBlockDepth: number;
}

const defaults: GrammarOptions = {maxExprDepth: 4, maxStatements: 12, maxBlockDepth: 2};

/** A generator of scripts in the subset. */
export class ScriptGrammar {
  private readonly o: GrammarOptions;
  /** Names assigned so far in the script being generated (approximate inside blocks). */
  private defined = new Set<string>();

  constructor(
    private readonly rng: Rng,
    options: Partial<GrammarOptions> = {},
  ) {
    this.o = {...defaults, ...options};
  }

  /** One whole script. */
  script(): string {
    const r = this.rng;
    const lines: string[] = [];
    this.defined = new Set(['x']);
    if (!r.chance(0.01)) lines.push('import torch');
    if (r.chance(0.3)) lines.push('import torch.nn.functional as F');
    if (r.chance(0.1))
      lines.push(`from torch import ${r.pick(['tensor', 'ones', 'no_grad, ones'])}`);
    // A few leaves first so later statements have tensors to work on.
    // Leaves that usually work, so most scripts get past their first lines into ops and backward.
    for (const name of ['x', 'y', 'z']) {
      if (!r.chance(0.9)) continue;
      lines.push(`${name} = ${r.chance(0.85) ? this.goodFactory() : this.factory()}`);
      this.defined.add(name);
    }
    if (r.chance(0.8)) lines.push(`a = ${r.pick(['1', '2.5', '-1', '3', '0.5'])}`);
    if (r.chance(0.5)) lines.push(`b = ${r.pick(['2', '1.5', 'x', '[1, 2]', 'None'])}`);
    for (const line of lines) if (/^[ab] = /.test(line)) this.defined.add(line.charAt(0));
    const n = r.range(1, this.o.maxStatements);
    for (let k = 0; k < n; k++) lines.push(...this.statement(0, false));
    return lines.join('\n') + (r.chance(0.9) ? '\n' : '');
  }

  /** A name to read: usually one assigned already, sometimes any (a NameError). */
  private name(): string {
    return this.rng.chance(0.97) ? this.rng.pick([...this.defined]) : this.rng.pick(names);
  }

  /** A name to assign to (then defined). */
  private newName(): string {
    const n = this.rng.pick(names);
    this.defined.add(n);
    return n;
  }

  private indent(lines: string[]): string[] {
    return lines.map((l) => `    ${l}`);
  }

  private block(depth: number, inLoop: boolean): string[] {
    const out: string[] = [];
    const n = this.rng.range(1, 3);
    for (let k = 0; k < n; k++) out.push(...this.statement(depth + 1, inLoop));
    return this.indent(out);
  }

  /** One statement (several lines for a compound statement). */
  statement(depth: number, inLoop: boolean): string[] {
    const r = this.rng;
    const compound = depth < this.o.maxBlockDepth;
    const choice = r.int(compound ? 20 : 10);
    switch (choice) {
      case 0:
      case 1:
        return [`${this.newName()} = ${this.expr(0)}`];
      case 2:
        return [`${this.newName()}, ${this.newName()} = ${this.expr(1)}, ${this.expr(1)}`];
      case 3:
        return [`${this.target()} ${r.pick(augOps)} ${this.expr(1)}`];
      case 4:
        return [this.print()];
      case 5:
        return [`${this.name()}.backward(${this.backwardArgs()})`];
      case 6:
        return [this.expr(0)];
      case 7:
        return [inLoop && r.chance(0.5) ? r.pick(['break', 'continue']) : 'pass'];
      case 8:
        return [`${this.newName()} = ${this.tensorMethodCall(1)}`];
      case 9:
        return [`print(${this.torchCall(1)})`];
      case 10:
        return [
          `with torch.${r.pick(['no_grad', 'enable_grad', 'no_grad'])}()${r.chance(0.1) ? ` as ${this.newName()}` : ''}:`,
          ...this.block(depth, inLoop),
        ];
      case 11: {
        const over = r.pick([
          `range(${r.pick(['3', '0', '2, 5', '5, 0, -1', '-1', '2.0', "'a'", 'x'])})`,
          `[${this.expr(2)}, ${this.expr(2)}]`,
          this.name(),
        ]);
        return [`for ${this.newName()} in ${over}:`, ...this.block(depth, true)];
      }
      case 12: {
        const head = [`if ${this.condition()}:`, ...this.block(depth, inLoop)];
        return r.chance(0.5) ? [...head, 'else:', ...this.block(depth, inLoop)] : head;
      }
      case 14:
        return this.functionDef(depth);
      case 15:
        return this.classDef();
      case 16:
        return this.tryStatement(depth, inLoop);
      case 17:
        return this.generatorDef();
      case 18:
        return r.chance(0.5) ? this.contextManager(depth, inLoop) : this.dataclass();
      default:
        return [`${this.newName()} = ${this.factory()}`];
    }
  }

  /** `def f(a, b=…, *args, **kwargs):` with a body, then a call with random arguments. */
  private functionDef(depth: number): string[] {
    const r = this.rng;
    const name = r.pick(['f', 'step', 'forward']);
    const params = r.pick(['a', 'a, b=2', 'a, *args', 'a, b=1, *args, k=None, **kwargs', '*, k=x']);
    const body = this.block(depth, false);
    const ret = `    return ${this.expr(2)}`;
    const args = r.pick(['x', 'x, 2', 'a', '', 'x, y, k=1', '*[x, y]', '**{"k": x}', 'x, b=y']);
    this.defined.add(name);
    return [`def ${name}(${params}):`, ...body, ret, `${this.newName()} = ${name}(${args})`];
  }

  /** A class with `__init__`, a dunder and a method, maybe a subclass calling `super()`. */
  private classDef(): string[] {
    const r = this.rng;
    const dunder = r.pick(['__repr__', '__len__', '__call__', '__add__', '__getitem__', '__eq__']);
    const arg = dunder === '__repr__' || dunder === '__len__' ? '' : ', other';
    const lines = [
      'class C:',
      `    scale = ${r.pick([...floats, ...ints.slice(0, 4)])}`,
      '    def __init__(self, v):',
      '        self.v = v',
      `    def ${dunder}(self${arg}):`,
      `        return ${r.pick(['self.v', 'len([self.v])', "'C(%r)' % (self.v,)", 'self.v * self.scale', 'other'])}`,
      '    @property',
      '    def double(self):',
      `        return ${this.expr(2).replace(/\bx\b/g, 'self.v')}`,
    ];
    if (r.chance(0.4)) {
      lines.push(
        'class D(C):',
        '    def __init__(self, v):',
        '        super().__init__(v)',
        `        self.w = ${this.expr(2)}`,
      );
    }
    const cls = lines.some((l) => l.startsWith('class D')) && r.chance(0.5) ? 'D' : 'C';
    const use = r.pick([
      `print(${cls}(${this.name()}))`,
      `print(len(${cls}(${this.name()})))`,
      `${this.newName()} = ${cls}(${this.name()}).double`,
      `${this.newName()} = ${cls}(${this.name()})(${this.expr(2)})`,
      `${this.newName()} = ${cls}(${this.name()}) + ${cls}(1)`,
      `${this.newName()} = ${cls}(${this.name()})[${this.index()}]`,
      `print(${cls}(1) == ${cls}(1), isinstance(${cls}(2), C))`,
    ]);
    return [...lines, use];
  }

  /** `try:` … `except` (a class or a tuple, maybe `as e`) … `else`/`finally`, maybe `raise … from`. */
  private tryStatement(depth: number, inLoop: boolean): string[] {
    const r = this.rng;
    const kinds = [
      'RuntimeError',
      'TypeError',
      'ValueError',
      'Exception',
      '(IndexError, KeyError)',
      'ZeroDivisionError',
    ];
    const lines = ['try:', ...this.block(depth, inLoop)];
    if (r.chance(0.2))
      lines.push(
        `    raise ${r.pick(['ValueError("bad")', 'RuntimeError', 'KeyError(1) from None', 'TypeError("t") from ValueError("v")'])}`,
      );
    lines.push(`except ${r.pick(kinds)}${r.chance(0.6) ? ' as e' : ''}:`);
    lines.push(
      r.chance(0.7)
        ? `    print(${r.pick(['type(e).__name__', 'e', 'repr(e)', "'caught'"])})`
        : '    pass',
    );
    if (r.chance(0.3)) lines.push('else:', ...this.block(depth, inLoop));
    if (r.chance(0.4)) lines.push('finally:', `    print(${this.expr(2)})`);
    if (!lines.some((l) => l.includes(' as e'))) {
      return lines.map((l) =>
        l.replace(/print\((type\(e\)\.__name__|e|repr\(e\))\)/, "print('caught')"),
      );
    }
    return lines;
  }

  /** A generator function (`yield`, `yield from`, a `finally`), consumed, sent to or closed. */
  private generatorDef(): string[] {
    const r = this.rng;
    const lines = [
      'def gen(n):',
      '    try:',
      `        for i in range(n):`,
      `            got = yield ${this.expr(2)}`,
      `        yield from ${r.pick(['[1, 2]', 'range(2)', '(k * 2 for k in range(3))', 'x'])}`,
      `        return ${this.expr(2)}`,
      '    finally:',
      "        print('gen done')",
    ];
    const use = r.pick([
      `print(list(gen(${r.pick(['2', '0', '3', "'a'", 'x'])})))`,
      `g = gen(2)
print(next(g), g.send(${this.expr(2)}))
g.close()`,
      `g = gen(3)
print(next(g))
g = None`,
      `print(sum(v for v in gen(2) if v is not None))`,
      `print([v for v in gen(1)], {k: v for k, v in enumerate(gen(1))})`,
      `g = gen(1)
print(next(g), next(g, 'end'))
del g`,
      `g = gen(2)
next(g)
g.throw(ValueError('in gen'))`,
    ]);
    return [...lines, ...use.split('\n')];
  }

  /** `with` over a script class's `__enter__`/`__exit__`, maybe suppressing the error. */
  private contextManager(depth: number, inLoop: boolean): string[] {
    const r = this.rng;
    return [
      'class Ctx:',
      '    def __enter__(self):',
      "        print('enter')",
      '        return self',
      '    def __exit__(self, kind, value, tb):',
      "        print('exit', kind.__name__ if kind else None)",
      `        return ${r.pick(['False', 'True', 'kind is ValueError', 'None'])}`,
      `with Ctx()${r.chance(0.5) ? ' as c' : ''}:`,
      ...this.block(depth, inLoop),
    ];
  }

  /** A dataclass with defaults, its repr, equality and `field(default_factory=…)`. */
  private dataclass(): string[] {
    const r = this.rng;
    return [
      'from dataclasses import dataclass, field',
      `@dataclass${r.pick(['', '(order=True)', '(frozen=True)', '(eq=False)'])}`,
      'class P:',
      `    a: float = ${r.pick([...floats.slice(0, 5), ...ints.slice(0, 4)])}`,
      `    b: list = field(default_factory=${r.pick(['list', 'dict', 'lambda: [1]'])})`,
      `p = P(${r.pick(['', '1', '1, [2]', 'b=3', 'c=1', 'x'])})`,
      `print(p, p == P(), ${r.pick(['p < P(5)', 'p.a', 'hash(p) if False else 0', 'P.__name__'])})`,
    ];
  }

  private target(): string {
    const r = this.rng;
    switch (r.int(4)) {
      case 0:
        return `${this.name()}[${this.index()}]`;
      case 1:
        return `${this.name()}.${r.pick(['grad', 'data', 'requires_grad'])}`;
      default:
        return this.name();
    }
  }

  private condition(): string {
    const r = this.rng;
    return r.pick([
      `${this.expr(2)} ${r.pick(compareOps)} ${this.expr(2)}`,
      `${this.name()}.requires_grad`,
      `not ${this.expr(2)}`,
      `${this.expr(2)} and ${this.expr(2)} or ${this.expr(2)}`,
      `${this.name()} is None`,
      `${this.expr(2)} < ${this.expr(2)} < ${this.expr(2)}`,
    ]);
  }

  private print(): string {
    const r = this.rng;
    const args: string[] = [];
    const n = r.range(0, 3);
    for (let k = 0; k < n; k++) args.push(this.expr(1));
    if (r.chance(0.2)) args.push(`sep=${r.pick([...strings, 'None', '1'])}`);
    if (r.chance(0.2)) args.push(`end=${r.pick([...strings, 'None', '1'])}`);
    if (r.chance(0.05)) args.push(`file=${this.name()}`);
    return `print(${args.join(', ')})`;
  }

  private backwardArgs(): string {
    const r = this.rng;
    return r.pick([
      '',
      '',
      'retain_graph=True',
      this.factory(),
      `gradient=${this.factory()}`,
      `torch.tensor(${this.nested()})`,
      this.expr(2),
      `create_graph=True`,
      `inputs=[${this.name()}]`,
    ]);
  }

  private shape(): string {
    const r = this.rng;
    const dims = r.range(0, 3);
    const parts: string[] = [];
    for (let k = 0; k < dims; k++)
      parts.push(r.chance(0.03) ? r.pick(['0', '-1']) : r.pick(['1', '2', '3']));
    return parts.join(', ');
  }

  /** A size as a tuple literal: `(2, 3,)`, `(1,)` or `()`. */
  private shapeTuple(): string {
    const shape = this.shape();
    return shape ? `(${shape},)` : '()';
  }

  private nested(): string {
    const r = this.rng;
    const scalar = (): string => r.pick([...floats, ...ints.slice(0, 6), 'True', ...specials]);
    switch (r.int(5)) {
      case 0:
        return scalar();
      case 1:
      case 2: {
        const n = r.range(0, 4);
        return `[${Array.from({length: n}, scalar).join(', ')}]`;
      }
      case 3: {
        const rows = r.range(1, 3);
        const cols = r.range(1, 3);
        const row = (): string =>
          `[${Array.from({length: r.chance(0.9) ? cols : cols + 1}, scalar).join(', ')}]`;
        return `[${Array.from({length: rows}, row).join(', ')}]`;
      }
      default:
        return r.pick(['[[1., 2.], [3., 4.]]', '[[]]', '[[1], 2]', "['a']", '[None]', '((1, 2),)']);
    }
  }

  /** A float tensor with requires_grad, shaped 2x2, 2 or scalar (the shapes of most tutorials). */
  goodFactory(): string {
    const r = this.rng;
    return r.pick([
      'torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)',
      'torch.tensor([0.5, -1.5], requires_grad=True)',
      'torch.tensor(2.0, requires_grad=True)',
      'torch.ones(2, 2, requires_grad=True)',
      'torch.ones(2, requires_grad=True)',
      'torch.full((2, 2), 3.0, requires_grad=True)',
      'torch.arange(4.0).reshape(2, 2).requires_grad_()',
      'torch.linspace(-1, 1, 4, requires_grad=True).view(2, 2)',
      'torch.zeros(2, 2) + 1',
      "torch.tensor([float('nan'), 1.0, float('inf')], requires_grad=True)",
    ]);
  }

  /** A tensor factory call. */
  factory(): string {
    const r = this.rng;
    const rg = r.chance(0.6) ? ', requires_grad=True' : '';
    const dt = r.chance(0.15) ? `, dtype=${r.pick(dtypes)}` : '';
    // Sizes as written in calls: `ones(2, 3)`, `ones()`, never `ones(, …)`.
    const sizeArgs = (): string => this.shape() || r.pick(['()', '[]', '1']);
    switch (r.int(8)) {
      case 0:
      case 1:
        return `torch.tensor(${this.nested()}${dt}${rg})`;
      case 2:
        return `torch.ones(${sizeArgs()}${dt}${rg})`;
      case 3:
        return `torch.zeros(${r.chance(0.5) ? this.shapeTuple() : sizeArgs()}${dt}${rg})`;
      case 4:
        return `torch.full(${this.shapeTuple()}, ${r.pick([...floats, ...specials])}${dt}${rg})`;
      case 5:
        return `torch.arange(${r.pick(['3', '0, 4', '1.0, 2.0, 0.5', '5, 0, -1', '0, 1, 0'])}${dt})`;
      case 6:
        return `torch.eye(${r.pick(['2', '3', '2, 3', '0', '-1'])}${dt}${rg})`;
      default:
        return `torch.linspace(${r.pick(['0, 1, 5', '-1., 1., 3', '0, 1, 0', '0, 1, -1'])}${dt}${rg})`;
    }
  }

  private index(): string {
    const r = this.rng;
    return r.pick([
      '0',
      '0',
      '-1',
      '1',
      '1, 0',
      ':, 1',
      ':, 0',
      '0:2',
      '::2',
      '5',
      'None',
      "'a'",
      '1.5',
      ':, :, :',
      '::-1',
      'True',
    ]);
  }

  /** An argument value of any type, for calls with wrong types and counts. */
  argument(depth: number): string {
    const r = this.rng;
    switch (r.int(9)) {
      case 0:
        return this.name();
      case 1:
        return r.pick(ints);
      case 2:
        return r.pick([...floats, ...specials]);
      case 3:
        return r.pick([...strings, 'None', 'True', 'False']);
      case 4:
        return r.pick(dtypes);
      case 5:
        return this.shapeTuple();
      case 6:
        return `[${this.shape()}]`;
      case 7:
        return this.factory();
      default:
        return depth < this.o.maxExprDepth ? this.expr(depth + 1) : this.name();
    }
  }

  /** A call's argument list: positional and keyword arguments of random types and counts. */
  arguments(depth: number): string {
    const r = this.rng;
    const args: string[] = [];
    const n = r.pick([0, 0, 1, 1, 1, 2, 2, 3, 5]);
    for (let k = 0; k < n; k++) args.push(this.argument(depth));
    const nk = r.pick([0, 0, 0, 1, 1, 2]);
    for (let k = 0; k < nk; k++) args.push(`${r.pick(kwNames)}=${this.argument(depth)}`);
    return args.join(', ');
  }

  private tensorMethodCall(depth: number): string {
    const r = this.rng;
    return `${this.name()}.${r.pick(tensorMethodNames())}(${this.arguments(depth)})`;
  }

  private torchCall(depth: number): string {
    const r = this.rng;
    const [module, name] = r.pick(moduleFunctionNames());
    const prefix = module === 'torch.nn.functional' ? 'F' : module;
    return `${prefix}.${name}(${this.arguments(depth)})`;
  }

  private builtinCall(depth: number): string {
    return `${this.rng.pick(builtinNames())}(${this.arguments(depth)})`;
  }

  /** An expression at nesting `depth`. */
  expr(depth: number): string {
    const r = this.rng;
    if (depth >= this.o.maxExprDepth) {
      return r.pick([this.name(), r.pick(ints), r.pick(floats), this.name()]);
    }
    const d = depth + 1;
    switch (r.int(19)) {
      case 0:
      case 1:
        return this.name();
      case 16:
        return this.comprehension(d);
      case 17:
        return `(lambda ${r.pick(['v', 'v, w=2', '*v', 'v, **k'])}: ${this.expr(d)})(${this.expr(d)})`;
      case 2:
        return r.pick([...ints, ...floats, ...specials, ...strings, 'None', 'True', 'False']);
      case 3:
      case 4:
        return `${this.operand(d)} ${r.pick(binOps)} ${this.operand(d)}`;
      case 5:
        return `${r.pick(['-', '+', 'not ', '~'])}${this.operand(d)}`;
      case 6:
        return `(${this.expr(d)})`;
      case 7:
        return `${this.operand(d)}.${r.pick(attributes)}`;
      case 8:
        return `${this.name()}[${this.index()}]`;
      case 9:
        return this.tensorMethodCall(d);
      case 10:
        return this.torchCall(d);
      case 11:
        return this.builtinCall(d);
      case 12:
        return this.factory();
      case 13:
        return `[${this.expr(d)}, ${this.expr(d)}]`;
      case 14:
        return `(${this.expr(d)}, ${this.expr(d)})`;
      default:
        return `${this.operand(d)} ${r.pick(compareOps)} ${this.operand(d)}`;
    }
  }

  /** A list, set or dict comprehension or a generator expression, maybe nested or filtered. */
  private comprehension(depth: number): string {
    const r = this.rng;
    const over = r.pick(['range(3)', this.name(), '[x, 1]', "'ab'", 'range(10**12)', '{1: 2}']);
    const cond = r.chance(0.3) ? ` if ${this.expr(depth + 1)}` : '';
    const inner = r.chance(0.2) ? ` for j in range(2)` : '';
    const body = this.expr(depth + 1);
    switch (r.int(4)) {
      case 0:
        return `[${body} for i in ${over}${inner}${cond}]`;
      case 1:
        return `{${body} for i in ${over}${cond}}`;
      case 2:
        return `{i: ${body} for i in ${over}${cond}}`;
      default:
        return `${r.pick(['sum', 'list', 'max', 'any', 'tuple'])}(${body} for i in ${over}${inner}${cond})`;
    }
  }

  /** An expression usable as an operand: a name or call as is, anything else parenthesised. */
  private operand(depth: number): string {
    const e = this.expr(depth);
    return /^[A-Za-z_][\w.]*(\(.*\))?$/.test(e) || this.rng.chance(0.05) ? e : `(${e})`;
  }
}
