/**
 * Hand-shaped hostile inputs, generated rather than stored: deep nesting of every kind, huge
 * literals and sizes, and odd Unicode (surrogates, bidi marks, zero-width characters, non-ASCII
 * identifiers, tabs, CRLF, form feeds, BOM, NUL) placed in code, names, strings and comments.
 */
import type {Rng} from './rng.js';

const rep = (s: string, n: number): string => s.repeat(n);
const head = 'import torch\nx = torch.ones(2, requires_grad=True)\na = 1\n';

/** Nesting depths tried for each kind of nesting: around the limits and far beyond them. */
export const nestingDepths = [10, 99, 100, 101, 199, 200, 201, 500, 1000, 10_000, 100_000];

/** Deeply nested scripts of every kind the grammar allows. */
export function deepNesting(deepest = Infinity): string[] {
  const out: string[] = [];
  for (const n of nestingDepths.filter((d) => d <= deepest)) {
    out.push(`${head}print(${rep('(', n)}1${rep(')', n)})\n`);
    out.push(`${head}y = ${rep('[', n)}1${rep(']', n)}\nprint(len(y))\n`);
    out.push(`${head}y = ${rep('(', n)}1,${rep(')', n)}\n`);
    out.push(`${head}print(${rep('-', n)}1)\n`);
    out.push(`${head}print(${rep('-', n)}x)\n`);
    out.push(`${head}print(${rep('not ', n)}True)\n`);
    out.push(`${head}print(${rep('+', n)}a)\n`);
    out.push(`${head}y = a${rep('+a', n)}\nprint(y)\n`);
    out.push(`${head}y = x${rep(' * x', Math.min(n, 20_000))}\ny.sum().backward()\n`);
    out.push(`${head}y = ${rep('2**', n)}1\n`);
    out.push(`${head}y = ${rep('abs(', n)}-1${rep(')', n)}\n`);
    out.push(`${head}y = x${rep('.T', n)}\n`);
    out.push(`${head}y = [1]${rep('[0]', n)}\n`);
    out.push(`${head}print(${rep('a < ', n)}a)\n`);
    out.push(`${head}print(${rep('a and ', n)}a)\n`);
    out.push(`${head}print(${rep('a if a else ', n)}a)\n`);
    out.push(`${head}print(${rep("'s' ", n)})\n`);
    out.push(`${head}print(${rep('(', n)})\n`);
    out.push(`${head}print(${rep(')', n)})\n`);
    out.push(`${head}print(x${rep('.sum(', n)}${rep(')', n)})\n`);
    out.push(`${head}print(f"{${rep('(', Math.min(n, 300))}a${rep(')', Math.min(n, 300))}}")\n`);
    if (n <= 1000) {
      // Indented blocks grow as n²/2 characters: 1,000 levels is already 500,000.
      const blocks = (line: (k: number) => string): string => {
        let s = head;
        for (let k = 0; k < n; k++) s += `${rep(' ', k)}${line(k)}\n`;
        return `${s}${rep(' ', n)}y = x * 2\n`;
      };
      out.push(blocks(() => 'with torch.no_grad():'));
      out.push(blocks((k) => `for i${k % 7} in range(1):`));
      out.push(blocks(() => 'if a:'));
      out.push(blocks((k) => (k % 2 ? 'with torch.enable_grad():' : 'for i in [1]:')));
    }
  }
  return out;
}

/** Huge literals and sizes. */
export function hugeLiterals(): string[] {
  const digits = rep('7', 100_000);
  return [
    `print(${digits})\n`,
    `y = ${digits}\nprint(y + 1)\n`,
    `y = ${digits}\nprint(len(str(y)))\n`,
    `print(-${digits} // 3)\n`,
    `print(${digits}.5)\n`,
    `print(0.${digits})\n`,
    `print(1e400, -1e400, 1e-400)\n`,
    `print(${rep('9', 400)}.0)\n`,
    `print(float(${digits}))\n`,
    `print(10**100000)\n`,
    `print(2**10**10)\n`,
    `print(10**10**100)\n`,
    `print(2**-10**10)\n`,
    `print(1 << 10**10)\n`,
    `print(7 % 0, 7 // 0)\n`,
    `print(1.0 / 0)\n`,
    `print(0 ** -1)\n`,
    `print('${rep('a', 1_000_000)}')\n`,
    `print(len('${rep('é', 100_000)}'))\n`,
    `print('a' * 10**9)\n`,
    `print('a' * 10**20)\n`,
    `print([0] * 10**9)\n`,
    `print([0] * 10**20)\n`,
    `print(list(range(10**9)))\n`,
    `print(len(range(10**30)))\n`,
    `print(range(10**30)[10**29])\n`,
    `import torch\nprint(torch.ones(100000, 100000))\n`,
    `import torch\nprint(torch.zeros(10**20))\n`,
    `import torch\nprint(torch.ones(2**62, 4))\n`,
    `import torch\nprint(torch.ones(-5))\n`,
    `import torch\nprint(torch.arange(10**12))\n`,
    `import torch\nprint(torch.arange(0, 1, 1e-12))\n`,
    `import torch\nprint(torch.linspace(0, 1, 10**12))\n`,
    `import torch\nprint(torch.eye(10**6))\n`,
    `import torch\nprint(torch.full((10**5, 10**5), 1.0))\n`,
    `import torch\nprint(torch.tensor([${digits}]))\n`,
    `import torch\nprint(torch.tensor([1e400, -1e400, 1e-400]))\n`,
    `import torch\nprint(torch.tensor(2**63))\n`,
    `import torch\nprint(torch.tensor(-2**63 - 1))\n`,
    `import torch\nprint(torch.ones(3)[${digits}])\n`,
    `import torch\nprint(torch.ones(3).sum(dim=${digits}))\n`,
    `import torch\nprint(torch.ones(3) * ${digits})\n`,
    `import torch\nprint(torch.ones(3, dtype=torch.int64) * 2**62 * 4)\n`,
    `import torch\nx = torch.ones(1000, 1000)\nfor i in range(100):\n    x = x @ x\n`,
    `import torch\nprint(torch.ones(2).expand(10**6, 10**6).sum())\n`,
    `for i in range(10**18):\n    pass\n`,
    `x = []\nfor i in range(10**7):\n    x = x + [i]\n`,
    `s = 'a'\nfor i in range(60):\n    s = s + s\n`,
    `x = [1]\nfor i in range(100):\n    x = x * 2\n`,
    `print(round(1.5, 10**30), round(${digits}, -5))\n`,
    `print(f'{1:{10**9}}')\n`,
    `print(f'{1:.{10**9}f}')\n`,
    `print('%s' % 1)\n`,
    `print('%.1000000000f' % 1)\n`,
    `print('%1000000000d' % 1)\n`,
    `print('%.*f' % (10**9, 1))\n`,
    `print(format(1.5, '.1000000000e'))\n`,
    `print('{:>1000000000}'.format(1))\n`,
    `import torch\nprint(torch.ones(3)[0:10**30], torch.ones(3)[-10**30:], torch.ones(3)[::10**30])\n`,
    `import torch\nprint(torch.ones(3)[::-10**30])\n`,
    `import torch\nprint(torch.ones(2, 2).view(-1, 10**30))\n`,
    `import torch\nprint(torch.ones(2, 2).permute(10**30, 0))\n`,
    `import torch\nprint(torch.ones(2, 2).transpose(0, -10**30))\n`,
    `print(int('${rep('1', 100_000)}'))\n`,
    `print(float('${rep('1', 100_000)}'))\n`,
    `print(sum(range(10**8)))\n`,
  ];
}

const oddCharacters = [
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u0000',
  '\t',
  '\r',
  '\r\n',
  '\f',
  '\v',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u00a0',
  '\u3000',
  '\u0301',
  'ﬁ',
  'ｘ',
  'π',
  '变',
  'ℌ',
  '\u0e01',
  '\\',
  '\x1b',
  '\x7f',
];

/** Fixed scripts with odd characters in code, names, strings and comments. */
export function oddUnicode(): string[] {
  const out: string[] = [];
  for (const c of oddCharacters) {
    out.push(`${c}import torch\nprint(1)\n`);
    out.push(`import torch\nx${c} = 1\nprint(x${c})\n`);
    out.push(`import torch\n${c}x = 1\nprint(x)\n`);
    out.push(`import torch\nprint('${c}')\n`);
    out.push(`import torch\nprint("a${c}b", repr('${c}'))\n`);
    out.push(`import torch\n# comment ${c}\nprint(1)\n`);
    out.push(`import torch\nx = torch.ones(2${c})\n`);
    out.push(`import torch\nif 1:\n${c}    y = 1\n    print(y)\n`);
    out.push(`import torch\nprint(f'{1}${c}{2}')\n`);
    out.push(`import torch${c}`);
  }
  out.push('\ufeffimport torch\nprint(torch.ones(1))\n');
  out.push('import torch\r\nx = torch.ones(2)\r\nprint(x)\r\n');
  out.push('import torch\rx = torch.ones(2)\rprint(x)\r');
  out.push('import torch\n\fx = 1\nprint(x)\n');
  out.push('if 1:\n\tx = 1\n        y = 2\n');
  out.push('if 1:\n        x = 1\n\ty = 2\n');
  out.push('if 1:\n \tx = 1\n\t y = 2\n');
  out.push('π = 3.14\n变量 = π * 2\nprint(变量)\n');
  out.push('ｘ = 1\nprint(x)\n');
  out.push('x = 1\nprint(ｘ)\n');
  out.push('ﬁle = 1\nprint(file)\n');
  out.push("print('\\ud800')\n");
  out.push("print('\\N{GREEK SMALL LETTER PI}', '\\x41', '\\u00e9', '\\U0001F600', '\\777')\n");
  out.push("print('\\N{NOT A NAME}')\n");
  out.push("print('\\x4')\n");
  out.push("print('\\U00110000')\n");
  out.push("print(b'\\xff', rb'\\d', r'\\')\n");
  out.push('print("""a\nb""" """c""")\n');
  out.push("print('''\n");
  out.push('x = 1 \\\n + 2\nprint(x)\n');
  out.push('x = 1 \\');
  out.push('\0');
  out.push('');
  out.push('\n\n\n');
  out.push('   ');
  out.push('    x = 1\n');
  out.push('# only a comment');
  return out;
}

/** A corpus script with odd characters inserted at random positions. */
export function sprinkle(source: string, rng: Rng): string {
  let s = source;
  const n = rng.range(1, 3);
  for (let k = 0; k < n; k++) {
    const at = rng.int(s.length + 1);
    s = s.slice(0, at) + rng.pick(oddCharacters) + s.slice(at);
  }
  return s;
}
