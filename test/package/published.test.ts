/**
 * The package as npm would publish it (`npm pack` of a fresh build): publint and
 * are-the-types-wrong find nothing, every entry has types, and the files a user needs are in it.
 */
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {publint} from 'publint';
import {formatMessage} from 'publint/utils';
import {beforeAll, describe, expect, it} from 'vitest';
import pkg from '../../package.json' with {type: 'json'};
import {packedTarball, root} from './packed.js';

let tarball = '';

beforeAll(() => {
  tarball = packedTarball();
}, 600_000);

/** The file names inside the tarball. */
function listing(): string[] {
  return execFileSync('tar', ['-tzf', tarball], {encoding: 'utf8'})
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
}

describe('the packed package', () => {
  it('publint (strict) has nothing to say', async () => {
    const data = readFileSync(tarball);
    const result = await publint({
      pack: {tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)},
      strict: true,
    });
    expect(
      result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg) ?? m.code}`),
    ).toEqual([]);
  });

  it('are-the-types-wrong finds no problem for an ES module package', () => {
    const attw = join(root, 'node_modules/.bin/attw');
    let output: string;
    let failed = false;
    try {
      output = execFileSync(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      failed = true;
      output = String((e as {stdout?: string}).stdout ?? e);
    }
    expect(failed ? output : '').toBe('');
  }, 180_000);

  it('ships the license, the CLI, the bundle, the manifest and types for every entry', () => {
    const files = new Set(listing());
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/grad-graph.js']) {
      expect(files, f).toContain(f);
    }
    expect(files).toContain('custom-elements.json');
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') {
        expect(files, subpath).toContain(target.slice(2));
        continue;
      }
      expect(files, `${subpath} types`).toContain(target.types.slice(2));
      expect(files, `${subpath} code`).toContain(target.default.slice(2));
    }
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.license).toBe('MIT');
  });

  it('asks for compatible versions of its dependencies (caret ranges), so an app shares one lit', () => {
    for (const range of Object.values(pkg.dependencies)) expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it('types every event in custom-elements.json with its detail type, exported by grad-graph/element', () => {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/custom-elements.json'], {encoding: 'utf8'}),
    ) as {
      modules: {
        declarations?: {tagName?: string; events?: {name: string; type?: {text: string}}[]}[];
      }[];
    };
    const element = execFileSync('tar', ['-xzOf', tarball, 'package/dist/types/src/element.d.ts'], {
      encoding: 'utf8',
    });
    const events = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .filter((d) => d.tagName)
      .flatMap((d) => (d.events ?? []).map((e) => ({tag: d.tagName, ...e})));
    expect(events.map((e) => `${e.tag ?? ''} ${e.name}`).sort()).toEqual([
      'grad-graph grad-error',
      'grad-graph grad-node-select',
      'grad-graph grad-ready',
      'grad-graph grad-step',
      'grad-notebook grad-notebook-run',
    ]);
    for (const e of events) {
      const detail = /^CustomEvent<(\w+)>$/.exec(e.type?.text ?? '')?.[1];
      expect(detail, e.name).toBeDefined();
      expect(element, `${e.name}: ${detail ?? ''}`).toContain(detail);
    }
  });
});
