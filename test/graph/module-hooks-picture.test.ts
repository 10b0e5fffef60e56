/**
 * A module's hooks in the picture (#20): the forward pre-hooks and forward hooks that
 * `Module.__call__` ran are kept on the module's group in the trace, marked where they act
 * (the forward's first op, the module's output) and on the module's group, and told at those
 * steps by name and by the call that registered them; a full backward hook shows at the same
 * group. The script is the golden case `picture_module_hooks`, whose hooks print what they see.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {buildGraph} from '../../src/graph/build.js';
import {buildTimeline} from '../../src/graph/timeline.js';
import {traceSource} from '../../src/run/index.js';
import {parseTrace} from '../../src/trace/index.js';
import {goldenDir, goldens, normalize} from '../script/golden-cases.js';

const name = 'picture_module_hooks';
const source = readFileSync(new URL(`cases/${name}.py`, goldenDir), 'utf8');
const stdout = goldens[name]?.stdout ?? '';
const trace = traceSource(source);

const PRE = 'scale_input (register_forward_pre_hook)';
const LOG = 'log_output (register_forward_hook)';
const LAMBDA = '<lambda> (register_forward_hook)';
const BACKWARD = 'show_grads (register_full_backward_hook)';

describe('the trace of module hooks', () => {
  it('keeps each forward hook that ran on its module call’s group, and survives JSON', () => {
    expect(trace.error).toBeNull();
    expect(normalize(trace.output)).toBe(normalize(stdout));
    const groups = (parseTrace(JSON.stringify(trace)).groups ?? []).filter((g) => g.hooks?.length);
    expect(
      groups.map((g) => [g.name, g.hooks?.map((h) => [h.kind, h.name, h.via, h.replaced])]),
    ).toEqual([
      [
        '0: Linear',
        [
          ['forward_pre', 'scale_input', 'register_forward_pre_hook', true],
          ['forward', 'log_output', 'register_forward_hook', false],
        ],
      ],
      ['2: Linear', [['forward', '<lambda>', 'register_forward_hook', true]]],
      // After pre.remove(): the forward hooks only (PyTorch printed no second pre-hook line).
      ['0: Linear', [['forward', 'log_output', 'register_forward_hook', false]]],
      ['2: Linear', [['forward', '<lambda>', 'register_forward_hook', true]]],
    ]);
    expect(stdout.match(/^pre-hook on/gm)).toHaveLength(1);
    expect(stdout.match(/^forward hook on/gm)).toHaveLength(2);
  });
});

describe('module hooks in the picture', () => {
  it('are marked where they act, in both views', () => {
    for (const view of ['dataflow', 'autograd'] as const) {
      const graph = buildGraph(trace, {view});
      const marks = graph.nodes.flatMap((n) => n.hooks ?? []);
      for (const hook of [PRE, LOG, LAMBDA, BACKWARD]) expect(marks).toContain(hook);
    }
    const dataflow = buildGraph(trace, {view: 'dataflow'});
    // The pre-hook on the forward's first op, the forward hook on the module's output.
    const pre = dataflow.nodes.find((n) => n.hooks?.includes(PRE));
    expect(pre?.kind).toBe('op');
    const log = dataflow.nodes.find((n) => n.hooks?.includes(LOG));
    expect(log?.kind).toBe('tensor');
  });

  it('show at the module’s group, expanded or collapsed', () => {
    const annotated = buildGraph(trace, {view: 'dataflow', groupThreshold: 0, collapse: []});
    const first = annotated.groups?.find(
      (g) => g.kind === 'module' && g.label.includes('0: Linear'),
    );
    expect(first?.hooks).toEqual([PRE, LOG]);
    const collapsed = buildGraph(trace, {view: 'dataflow', groupThreshold: 0});
    const groupNodes = collapsed.nodes.filter((n) => n.kind === 'group');
    const marks = groupNodes.flatMap((n) => n.hooks ?? []);
    for (const hook of [PRE, LOG, LAMBDA, BACKWARD]) expect(marks).toContain(hook);
  });

  it('are told at the steps where they act, by name and by the call that registered them', () => {
    const graph = buildGraph(trace, {view: 'dataflow'});
    const text = buildTimeline(trace, graph).steps.map((s) => s.narration);
    const en = text.map((t) => t.en);
    expect(
      en.filter((t) =>
        t.startsWith(
          `Before 0: Linear's forward, its forward pre-hook ${PRE} ran on its input and returned a new input`,
        ),
      ),
    ).toHaveLength(1);
    expect(
      en.filter((t) =>
        t.endsWith(`After 0: Linear's forward, its forward hook ${LOG} ran on its output.`),
      ),
    ).toHaveLength(2);
    expect(
      en.filter((t) =>
        t.endsWith(
          `After 2: Linear's forward, its forward hook ${LAMBDA} ran on its output and returned a new output, which the module returned instead.`,
        ),
      ),
    ).toHaveLength(2);
    expect(text.some((t) => t.zh.includes(`forward pre-hook ${PRE}`))).toBe(true);
    // The ops after a hook are the module call's again, not the hook's last line.
    expect(en.join('\n')).not.toContain('print("forward hook on"');
  });
});
