/**
 * Plot-style SVG snapshots: a named picture is normalised (numbers rounded, marker ids
 * renumbered) and compared with test/output/<name>.svg. A missing file is written (review and
 * commit it); a mismatch writes <name>-changed.svg next to it and fails.
 */
import {existsSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const outputDir = fileURLToPath(new URL('../output/', import.meta.url));

/** Rounds every decimal number to 2 places and renumbers `id="…"` references in order of appearance. */
export function normalizeSVG(svg: string): string {
  const ids = new Map<string, string>();
  const rounded = svg.replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100));
  for (const m of rounded.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1];
    if (id !== undefined && !ids.has(id)) ids.set(id, `id${ids.size}`);
  }
  return rounded.replace(/\bid="([^"]+)"|url\(#([^)]+)\)/g, (all, a?: string, b?: string) => {
    if (a !== undefined) return `id="${ids.get(a) ?? a}"`;
    return b !== undefined ? `url(#${ids.get(b) ?? b})` : all;
  });
}

/** Compares `svg` with the committed snapshot `name`; returns null when equal, else a message. */
export function checkSnapshot(name: string, svg: string): string | null {
  const actual = normalizeSVG(svg);
  const path = `${outputDir}${name}.svg`;
  const changed = `${outputDir}${name}-changed.svg`;
  if (!existsSync(path)) {
    writeFileSync(path, actual);
    return null;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === actual) {
    if (existsSync(changed)) unlinkSync(changed);
    return null;
  }
  writeFileSync(changed, actual);
  return `${name}.svg differs from the snapshot; see test/output/${name}-changed.svg`;
}
