/**
 * Pictures built ahead of time (src/run/prebuilt.ts): what the docs-tool plugins write next to a
 * build-time trace reads back as the same pictures, a bad one is refused at its path, and a
 * LatestRun given them draws them as they are, without loading the picture stage.
 */
import {describe, expect, it, vi} from 'vitest';
import {buildPicture, prebuiltOf, readPrebuilt, traceSource} from '../../src/run/index.js';
import type {Picture} from '../../src/run/index.js';
import {TraceValidationError} from '../../src/trace/index.js';

const seed = `import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()
out.backward()
print(x.grad)
`;

const trace = traceSource(seed);
const built = (['TB', 'LR'] as const).map((direction) =>
  buildPicture(trace, {view: 'autograd', direction}),
);
/** What a page carries: plain JSON text. */
const carried = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(prebuiltOf(built))) as Record<string, unknown>;
const plain = (p: Picture): unknown => JSON.parse(JSON.stringify(p));
/** A part of parsed JSON, to edit (an object or a list). */
type Part = Record<string, unknown> & {push: (x: unknown) => void};
const at = (json: unknown, ...keys: (string | number)[]): Part =>
  keys.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], json) as Part;

describe('readPrebuilt(json)', () => {
  it('reads back the pictures written, one per direction', () => {
    const read = readPrebuilt(carried());
    expect(read.map((p) => [p.view, p.direction])).toEqual([
      ['autograd', 'TB'],
      ['autograd', 'LR'],
    ]);
    read.forEach((p, i) => {
      expect(plain(p)).toEqual(plain(built[i] as Picture));
      expect(p.timeline.graph).toBe(p.graph);
    });
  });

  /** The carried JSON changed by `change`, and the path its refusal must name. */
  const bad: [string, (j: unknown) => void, string][] = [
    [
      'a node without a box',
      (j) => delete at(j, 'layouts', 0, 'nodes').f5,
      '$pictures[0].layouts[0].nodes.f5',
    ],
    [
      'a coordinate that is not finite',
      (j) => (at(j, 'layouts', 1, 'nodes', 't1').x = '1e999'),
      '$pictures[0].layouts[1].nodes["t1"].x',
    ],
    [
      'a link to no node',
      (j) => (at(j, 'graph', 'links', 0).target = 'nope'),
      '$pictures[0].graph.links[0].target[0]',
    ],
    [
      'a step lighting no node',
      (j) => (at(j, 'timeline', 'steps', 2).nodeIds = ['t99']),
      '$pictures[0].timeline.steps[2].nodeIds[0]',
    ],
    [
      'a step out of order',
      (j) => (at(j, 'timeline', 'steps', 1).index = 7),
      '$pictures[0].timeline.steps[1].index',
    ],
    [
      'an id that is not a key',
      (j) => (at(j, 'graph', 'nodes', 0).id = '__proto__'),
      '$pictures[0].graph.nodes[0].id',
    ],
    [
      'a duplicate node',
      (j) => {
        at(j, 'graph', 'nodes').push(at(j, 'graph', 'nodes', 0));
      },
      '$pictures[0].graph.nodes[8].id',
    ],
    [
      'a narration without Chinese',
      (j) => delete at(j, 'timeline', 'steps', 0, 'narration').zh,
      '$pictures[0].timeline.steps[0].narration.zh',
    ],
    [
      'the same direction twice',
      (j) => {
        at(j, 'layouts').push(at(j, 'layouts', 0));
      },
      '$pictures[0].layouts[2]',
    ],
    [
      'a mark past the steps',
      (j) => (at(j, 'timeline').marks = [{kind: 'pass', index: 0, step: 99, label: 'x'}]),
      '$pictures[0].timeline.marks[0].step',
    ],
  ];
  for (const [what, change, path] of bad) {
    it(`refuses ${what}, naming where`, () => {
      const json = carried();
      change(json);
      let error: unknown;
      try {
        readPrebuilt(json);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TraceValidationError);
      expect((error as TraceValidationError).message).toContain(path);
    });
  }
});

describe('LatestRun with pictures built ahead', () => {
  it('draws them without loading the picture stage; other pictures load it', async () => {
    vi.resetModules();
    const {LatestRun} = await import('../../src/run/latest.js');
    const stage = await import('../../src/run/picture-stage.js');
    const run = new LatestRun(() => undefined);
    const inputs = {trace: JSON.parse(JSON.stringify(trace)) as unknown, pictures: carried()};
    const {outcome} = run.show(inputs, {view: 'autograd', direction: 'LR'});
    if (!outcome || outcome instanceof Promise) throw new Error('expected the picture at once');
    expect(plain(outcome.picture as Picture)).toEqual(plain(built[1] as Picture));
    expect(stage.pictureStageLoaded()).toBe(false);
    // The dataflow view was not built ahead: the stage loads, then builds it.
    const other = run.show(inputs, {view: 'dataflow', direction: 'LR'}).outcome;
    expect(other).toBeInstanceOf(Promise);
    const drawn = await other;
    expect(drawn?.picture?.graph.view).toBe('dataflow');
    expect(plain(drawn?.picture as Picture)).toEqual(
      plain(buildPicture(trace, {view: 'dataflow', direction: 'LR'})),
    );
    expect(stage.pictureStageLoaded()).toBe(true);
  });

  it('ignores pictures that are not valid and builds its own', async () => {
    const {LatestRun} = await import('../../src/run/latest.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const json = carried();
    (json.layouts as unknown[]).length = 0;
    (json.graph as {nodes: unknown}).nodes = 'not a list';
    const run = new LatestRun(() => undefined);
    const {outcome} = run.show({trace, pictures: json}, {view: 'autograd', direction: 'TB'});
    const drawn = await outcome;
    expect(plain(drawn?.picture as Picture)).toEqual(plain(built[0] as Picture));
    expect(drawn?.error).toBeNull();
    expect(String(warn.mock.calls[0]?.[1])).toContain('$pictures[0].graph.nodes');
    warn.mockRestore();
  });
});
