import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {parse} from '../../src/script/index.js';

interface SpanGolden {
  source: string;
  /** Every expression node of the statement with [line, column, endLine, endColumn]. */
  nodes: {kind: string; span: [number, number, number, number]}[];
}

const cases = JSON.parse(
  readFileSync(new URL('../golden/scripts/spans.json', import.meta.url), 'utf8'),
) as SpanGolden[];

const expressionKinds = new Set([
  'Name',
  'Constant',
  'List',
  'Tuple',
  'BinOp',
  'UnaryOp',
  'BoolOp',
  'Compare',
  'Attribute',
  'Call',
  'Subscript',
  'Slice',
  'IfExp',
]);

/** Every expression node below (and including) `node`, as `Kind line:col-endLine:endCol`. */
function collect(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const rec = node as Record<string, unknown>;
  const span = rec.span as
    {line: number; column: number; endLine: number; endColumn: number} | undefined;
  if (typeof rec.kind === 'string' && expressionKinds.has(rec.kind) && span) {
    out.push(`${rec.kind} ${span.line}:${span.column}-${span.endLine}:${span.endColumn}`);
  }
  for (const [k, v] of Object.entries(rec)) if (k !== 'span') collect(v, out);
  return out;
}

describe('expression spans match CPython 3.11 ast (spans.json)', () => {
  for (const c of cases) {
    it(c.source, () => {
      const module = parse(`${c.source}\n`);
      const stmt = module.body[0];
      const ours = collect(stmt && 'value' in stmt ? stmt.value : null, []).sort();
      const theirs = c.nodes
        .map((n) => `${n.kind} ${n.span[0]}:${n.span[1]}-${n.span[2]}:${n.span[3]}`)
        .sort();
      expect(ours).toEqual(theirs);
    });
  }
});
