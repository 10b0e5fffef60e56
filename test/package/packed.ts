/**
 * The package as a user installs it: `npm pack` of a fresh build, made once for all the test files
 * that need it (a lock directory keeps parallel test workers from packing at the same time).
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';

/** The repository root. */
export const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'node_modules/.cache/grad-graph-pack');

/** The newest modification time of the files under `dir` (ignoring tests). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `npm run build` when dist/ is missing or older than the sources. */
export function ensureBuilt(): void {
  const built = join(root, 'dist/lib/index.js');
  const sources = Math.max(
    ...['src', 'components', 'autograd'].map((d) => newest(join(root, d))),
    statSync(join(root, 'package.json')).mtimeMs,
    statSync(join(root, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'pipe'});
}

/**
 * The path of the packed tarball (`grad-graph-VERSION.tgz`), building and packing when the sources
 * changed since the last pack.
 */
export function packedTarball(): string {
  mkdirSync(out, {recursive: true});
  const lock = join(out, 'lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 600_000) rmSync(lock, {recursive: true, force: true});
      sleep(200);
    }
  }
  try {
    ensureBuilt();
    const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
    const built = statSync(join(root, 'dist/lib/index.js')).mtimeMs;
    const fresh = tarballs.find((f) => statSync(join(out, f)).mtimeMs >= built);
    if (fresh) return join(out, fresh);
    for (const f of tarballs) rmSync(join(out, f));
    const name = execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], {
      cwd: root,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1);
    if (!name) throw new Error('npm pack printed no file name');
    return join(out, name);
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}
