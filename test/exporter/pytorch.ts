/**
 * Real PyTorch for the exporter's tests: finds `/usr/bin/python3` with torch, and records scripts
 * with `python -m grad_graph` from the checkout (python/ on PYTHONPATH), as a user would.
 * Without torch the tests skip with the reason; with REQUIRE_TORCH=1 (CI) that is an error.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

/** The Python that has PyTorch (the one first on PATH may not). */
export const PYTHON = process.env.GG_PYTHON ?? '/usr/bin/python3';
/** The checkout's root and the exporter's package folder. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const PACKAGE = join(ROOT, 'python');

function probe(code: string): {ok: boolean; out: string} {
  const r = spawnSync(PYTHON, ['-c', code], {encoding: 'utf8', timeout: 120_000});
  return {ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim()};
}

const torchProbe = probe('import torch; print(torch.__version__)');

/** Why the exporter's tests cannot run here, or null when PyTorch is there. */
export const noTorch: string | null = torchProbe.ok
  ? null
  : `${PYTHON} cannot import torch (${torchProbe.out.split('\n').at(-1) ?? 'not found'}); ` +
    `install Debian's python3-torch`;

if (noTorch !== null && process.env.REQUIRE_TORCH === '1') {
  throw new Error(`REQUIRE_TORCH=1 but ${noTorch}`);
}

/** PyTorch's version, when there is one. */
export const torchVersion = torchProbe.ok ? torchProbe.out : null;

/** Why the CUDA path cannot run here, or null when PyTorch sees a GPU. */
export const noCuda: string | null =
  noTorch ??
  (probe('import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)').ok
    ? null
    : `torch.cuda.is_available() is False with PyTorch ${torchVersion ?? '?'} on this machine (no GPU)`);

/** Jupyter's `In [74]:` lines, which grad-graph's runner skips and Python cannot run. */
const CELL_MARKER = /^[ \t]*In \[[ \t]*\d*[ \t]*\]:[ \t]*$/;

/** The script as Python can run it: cell markers blanked (same line numbers). */
export function runnable(source: string): string {
  return source
    .split('\n')
    .map((line) => (CELL_MARKER.test(line) ? '' : line))
    .join('\n');
}

/** What `python -m grad_graph` made of a script. */
export interface Recorded {
  /** The trace JSON, parsed (not yet validated). */
  readonly trace: unknown;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/** Runs `python -m grad_graph -o - SCRIPT` on `source` saved as `name` in a fresh folder. */
export function recordWithPyTorch(
  source: string,
  name = 'script.py',
  extraArgs: readonly string[] = [],
): Recorded {
  const dir = mkdtempSync(join(tmpdir(), 'gg-export-'));
  try {
    writeFileSync(join(dir, name), source);
    const out = join(dir, 'trace.json');
    const r = spawnSync(PYTHON, ['-m', 'grad_graph', '-o', out, ...extraArgs, name], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
      env: {
        PATH: '/usr/bin:/bin',
        PYTHONPATH: PACKAGE,
        PYTHONHASHSEED: '0',
        PYTHONIOENCODING: 'utf-8',
        LANG: 'C.UTF-8',
      },
    });
    let trace: unknown = null;
    try {
      trace = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      trace = null;
    }
    return {trace, stdout: r.stdout, stderr: r.stderr, status: r.status};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Runs a Python snippet with the exporter importable; returns stdout (throws with stderr on failure). */
export function runPython(code: string, cwd = ROOT): string {
  const r = spawnSync(PYTHON, ['-c', code], {
    cwd,
    encoding: 'utf8',
    timeout: 600_000,
    env: {PATH: '/usr/bin:/bin', PYTHONPATH: PACKAGE, PYTHONIOENCODING: 'utf-8', LANG: 'C.UTF-8'},
  });
  if (r.status !== 0) throw new Error(`python failed (${String(r.status)}):\n${r.stderr}`);
  return r.stdout;
}

/** Records several scripts in one Python process (see record_many.py); traces by name. */
export function recordManyWithPyTorch(
  cases: readonly {readonly name: string; readonly source: string}[],
): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'gg-export-'));
  try {
    const input = join(dir, 'cases.json');
    const output = join(dir, 'traces.json');
    writeFileSync(input, JSON.stringify(cases));
    const r = spawnSync(PYTHON, [join(import.meta.dirname, 'record_many.py'), input, output], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 600_000,
      env: {
        PATH: '/usr/bin:/bin',
        PYTHONPATH: PACKAGE,
        PYTHONHASHSEED: '0',
        PYTHONIOENCODING: 'utf-8',
        LANG: 'C.UTF-8',
      },
    });
    if (r.status !== 0)
      throw new Error(`record_many.py failed (${String(r.status)}):\n${r.stderr}`);
    return JSON.parse(readFileSync(output, 'utf8')) as Record<string, unknown>;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
