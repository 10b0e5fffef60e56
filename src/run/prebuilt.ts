/**
 * Pictures built ahead of time: what the docs-tool plugins write into a page next to a trace they
 * recorded at build time (one view's graph and timeline, laid out in each direction), so the
 * reader's browser draws and plays them without the picture stage (./picture-stage.ts) that
 * builds, narrates and lays out graphs. Read from the page, they are untrusted JSON: each is
 * checked field by field and reference by reference before it is drawn, and a picture that fails
 * is left out (the page then builds that picture itself, from the validated trace).
 */
import type {
  DisplayTensor,
  Graph,
  GraphGroup,
  GraphLink,
  GraphNode,
  Layout,
  Step,
  Timeline,
  ViewKind,
} from '../graph/index.js';
import {Checker, DEFAULT_LIMITS, type Obj} from '../trace/validate-checker.js';
import type {Picture} from './picture.js';

/** One view's pictures of a trace, as a page carries them (plain JSON). */
export interface PrebuiltPictures {
  readonly view: ViewKind;
  readonly graph: Graph;
  /** The timeline without its graph (the graph above, written once). */
  readonly timeline: Omit<Timeline, 'graph'>;
  /** One layout per direction. */
  readonly layouts: readonly Layout[];
}

/** Pictures of one view (the same graph, other directions) in the form a page carries. */
export function prebuiltOf(pictures: readonly Picture[]): PrebuiltPictures {
  const first = pictures[0];
  if (!first) throw new Error('prebuiltOf: no picture');
  const {graph: _graph, ...timeline} = first.timeline;
  return {view: first.view, graph: first.graph, timeline, layouts: pictures.map((p) => p.layout)};
}

const NODE_KINDS = ['tensor', 'op', 'gradfn', 'accumulate', 'seed', 'group'] as const;
const ROLES = ['leaf', 'constant', 'intermediate', 'output', 'detached'] as const;
const GROUP_KINDS = ['statement', 'call', 'module', 'iteration'] as const;
const STEP_KINDS = ['op', 'seed', 'engine', 'accumulate', 'group', 'optimizer', 'figure'] as const;
const HOOK_KINDS = ['tensor', 'pre', 'post'] as const;

/** The checks of one picture, with the ids its parts refer to. */
class PictureChecker extends Checker {
  readonly nodeIds = new Set<string>();
  readonly linkIds = new Set<string>();

  constructor() {
    super(DEFAULT_LIMITS);
  }

  /** A finite number. */
  number(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'expected a finite number');
    return v;
  }

  oneOf<T extends string>(v: unknown, names: readonly T[], path: string): T {
    if (typeof v !== 'string' || !(names as readonly string[]).includes(v)) {
      this.fail(path, `expected one of ${names.join(', ')}`);
    }
    return v as T;
  }

  /** An id of a graph part: a string that is safe as a record key. */
  id(v: unknown, path: string): string {
    const id = this.string(v, path);
    if (id === '__proto__') this.fail(path, 'not a valid id');
    return id;
  }

  strings(v: unknown, path: string): string[] {
    return this.each(v, path, (x, p) => this.string(x, p));
  }

  /** Ids that must name nodes (`links` false) or links of the graph. */
  refs(v: unknown, path: string, links = false): string[] {
    const known = links ? this.linkIds : this.nodeIds;
    return this.each(v, path, (x, p) => {
      const id = this.string(x, p);
      if (!known.has(id)) this.fail(p, `no ${links ? 'link' : 'node'} '${id}' in the graph`);
      return id;
    });
  }

  /** The value of `key` if present, checked by `f`, as a field to spread into a record. */
  optional<K extends string, T>(
    o: Obj,
    key: K,
    path: string,
    f: (v: unknown, path: string) => T,
  ): Partial<Record<K, T>> {
    if (o[key] === undefined) return {};
    return {[key]: f(o[key], `${path}.${key}`)} as Partial<Record<K, T>>;
  }

  tensor(v: unknown, path: string): DisplayTensor {
    const o = this.object(v, path);
    return {
      shape: this.each(this.field(o, 'shape', path), `${path}.shape`, (x, p) => this.count(x, p)),
      dtype: this.string(this.field(o, 'dtype', path), `${path}.dtype`),
      text: this.string(this.field(o, 'text', path), `${path}.text`),
    };
  }

  nullableTensor(v: unknown, path: string): DisplayTensor | null {
    return v === null ? null : this.tensor(v, path);
  }
}

function node(c: PictureChecker, v: unknown, path: string): GraphNode {
  const o = c.object(v, path);
  const f = (key: string) => c.field(o, key, path);
  return {
    id: c.id(f('id'), `${path}.id`),
    kind: c.oneOf(f('kind'), NODE_KINDS, `${path}.kind`),
    label: c.string(f('label'), `${path}.label`),
    width: c.number(f('width'), `${path}.width`),
    height: c.number(f('height'), `${path}.height`),
    ...c.optional(o, 'sublabel', path, (x, p) => c.string(x, p)),
    ...c.optional(o, 'role', path, (x, p) => c.oneOf(x, ROLES, p)),
    ...c.optional(o, 'tensorId', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'opIndex', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'gradFnId', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'span', path, (x, p) => c.span(x, p)),
    ...c.optional(o, 'version', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'groupId', path, (x, p) => c.string(x, p)),
    ...c.optional(o, 'members', path, (x, p) => c.strings(x, p)),
    ...c.optional(o, 'hooks', path, (x, p) => c.strings(x, p)),
  };
}

function link(c: PictureChecker, v: unknown, path: string): GraphLink {
  const o = c.object(v, path);
  return {
    id: c.id(c.field(o, 'id', path), `${path}.id`),
    source: c.refs([c.field(o, 'source', path)], `${path}.source`)[0] ?? '',
    target: c.refs([c.field(o, 'target', path)], `${path}.target`)[0] ?? '',
    ...c.optional(o, 'slot', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'members', path, (x, p) => c.strings(x, p)),
  };
}

function group(c: PictureChecker, v: unknown, path: string): GraphGroup {
  const o = c.object(v, path);
  return {
    id: c.id(c.field(o, 'id', path), `${path}.id`),
    label: c.string(c.field(o, 'label', path), `${path}.label`),
    nodeIds: c.refs(c.field(o, 'nodeIds', path), `${path}.nodeIds`),
    ...c.optional(o, 'kind', path, (x, p) => c.oneOf(x, GROUP_KINDS, p)),
    ...c.optional(o, 'startSeq', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'endSeq', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'parent', path, (x, p) => c.string(x, p)),
    ...c.optional(o, 'span', path, (x, p) => c.span(x, p)),
    ...c.optional(o, 'hooks', path, (x, p) => c.strings(x, p)),
  };
}

function graph(c: PictureChecker, v: unknown, view: ViewKind, path: string): Graph {
  const o = c.object(v, path);
  if (c.field(o, 'view', path) !== view) c.fail(`${path}.view`, `expected '${view}'`);
  const unique = (ids: Set<string>, id: string, p: string): void => {
    if (ids.has(id)) c.fail(p, `duplicate id '${id}'`);
    ids.add(id);
  };
  const nodes = c.each(c.field(o, 'nodes', path), `${path}.nodes`, (x, p) => {
    const n = node(c, x, p);
    unique(c.nodeIds, n.id, `${p}.id`);
    return n;
  });
  const links = c.each(c.field(o, 'links', path), `${path}.links`, (x, p) => {
    const l = link(c, x, p);
    unique(c.linkIds, l.id, `${p}.id`);
    return l;
  });
  return {
    view,
    nodes,
    links,
    ...c.optional(o, 'iteration', path, (x, p) => {
      const it = c.object(x, p);
      return {
        index: c.count(c.field(it, 'index', p), `${p}.index`),
        count: c.count(c.field(it, 'count', p), `${p}.count`),
      };
    }),
    ...c.optional(o, 'whole', path, (x, p) => c.boolean(x, p)),
    ...c.optional(o, 'groups', path, (x, p) => c.each(x, p, (g, q) => group(c, g, q))),
    ...c.optional(o, 'collapsed', path, (x, p) => c.strings(x, p)),
  };
}

function step(c: PictureChecker, v: unknown, path: string, index: number): Step {
  const o = c.object(v, path);
  const f = (key: string) => c.field(o, key, path);
  if (f('index') !== index) c.fail(`${path}.index`, `expected ${String(index)}`);
  const narration = c.object(f('narration'), `${path}.narration`);
  return {
    index,
    phase: c.oneOf(f('phase'), ['forward', 'backward'] as const, `${path}.phase`),
    pass: c.count(f('pass'), `${path}.pass`),
    nodeIds: c.refs(f('nodeIds'), `${path}.nodeIds`),
    linkIds: c.refs(f('linkIds'), `${path}.linkIds`, true),
    span: c.span(f('span'), `${path}.span`),
    narration: {
      en: c.string(c.field(narration, 'en', `${path}.narration`), `${path}.narration.en`),
      zh: c.string(c.field(narration, 'zh', `${path}.narration`), `${path}.narration.zh`),
    },
    ...c.optional(o, 'kind', path, (x, p) => c.oneOf(x, STEP_KINDS, p)),
    ...c.optional(o, 'label', path, (x, p) => c.string(x, p)),
    ...c.optional(o, 'seq', path, (x, p) => c.count(x, p)),
    ...c.optional(o, 'reveal', path, (x, p) => {
      const r = c.object(x, p);
      return {
        nodeIds: c.refs(c.field(r, 'nodeIds', p), `${p}.nodeIds`),
        linkIds: c.refs(c.field(r, 'linkIds', p), `${p}.linkIds`, true),
      };
    }),
    ...c.optional(o, 'changes', path, (x, p) =>
      c.each(x, p, (ch, q) => {
        const d = c.object(ch, q);
        const isLink = d.link === undefined ? false : c.boolean(d.link, `${q}.link`);
        return {
          id: c.refs([c.field(d, 'id', q)], `${q}.id`, isLink)[0] ?? '',
          ...(d.link === undefined ? {} : {link: isLink}),
          ...c.optional(d, 'value', q, (y, r) => c.tensor(y, r)),
          ...c.optional(d, 'grad', q, (y, r) => c.nullableTensor(y, r)),
          ...c.optional(d, 'gradStored', q, (y, r) => c.boolean(y, r)),
        };
      }),
    ),
    ...c.optional(o, 'hooks', path, (x, p) =>
      c.each(x, p, (h, q) => {
        const d = c.object(h, q);
        const g = (key: string) => c.field(d, key, q);
        return {
          nodeId: c.refs([g('nodeId')], `${q}.nodeId`)[0] ?? '',
          name: c.string(g('name'), `${q}.name`),
          kind: c.oneOf(g('kind'), HOOK_KINDS, `${q}.kind`),
          replaced: c.boolean(g('replaced'), `${q}.replaced`),
          before: c.nullableTensor(g('before'), `${q}.before`),
          after: c.nullableTensor(g('after'), `${q}.after`),
          ...c.optional(d, 'via', q, (y, r) => c.string(y, r)),
        };
      }),
    ),
  };
}

function timeline(c: PictureChecker, v: unknown, of: Graph, path: string): Timeline {
  const o = c.object(v, path);
  const steps = c.each(c.field(o, 'steps', path), `${path}.steps`, (x, p, i) => step(c, x, p, i));
  return {
    graph: of,
    steps,
    ...c.optional(o, 'marks', path, (x, p) =>
      c.each(x, p, (m, q) => {
        const d = c.object(m, q);
        const at = c.count(c.field(d, 'step', q), `${q}.step`);
        if (at >= steps.length) c.fail(`${q}.step`, 'no such step');
        return {
          kind: c.oneOf(c.field(d, 'kind', q), ['iteration', 'pass'] as const, q),
          index: c.count(c.field(d, 'index', q), `${q}.index`),
          step: at,
          label: c.string(c.field(d, 'label', q), `${q}.label`),
        };
      }),
    ),
    ...c.optional(o, 'prints', path, (x, p) =>
      c.each(x, p, (t, q) => {
        const d = c.object(t, q);
        return {
          seq: c.count(c.field(d, 'seq', q), `${q}.seq`),
          text: c.string(c.field(d, 'text', q), `${q}.text`),
        };
      }),
    ),
  };
}

function layout(c: PictureChecker, v: unknown, path: string): Layout {
  const o = c.object(v, path);
  const boxes = c.object(c.field(o, 'nodes', path), `${path}.nodes`);
  const routes = c.object(c.field(o, 'links', path), `${path}.links`);
  const nodes: Record<string, Layout['nodes'][string]> = {};
  for (const id of c.nodeIds) {
    const p = `${path}.nodes[${JSON.stringify(id)}]`;
    const b = c.object(c.field(boxes, id, `${path}.nodes`), p);
    const n = (key: string) => c.number(c.field(b, key, p), `${p}.${key}`);
    nodes[id] = {
      x: n('x'),
      y: n('y'),
      width: n('width'),
      height: n('height'),
      layer: c.count(c.field(b, 'layer', p), `${p}.layer`),
    };
  }
  const links: Record<string, Layout['links'][string]> = {};
  for (const id of c.linkIds) {
    const p = `${path}.links[${JSON.stringify(id)}]`;
    const r = c.object(c.field(routes, id, `${path}.links`), p);
    const points = c.each(c.field(r, 'points', p), `${p}.points`, (xy, q) => {
      const a = c.array(xy, q);
      if (a.length !== 2) c.fail(q, 'expected [x, y]');
      return [c.number(a[0], `${q}[0]`), c.number(a[1], `${q}[1]`)] as const;
    });
    links[id] = {points};
  }
  return {
    direction: c.oneOf(c.field(o, 'direction', path), ['LR', 'TB'] as const, `${path}.direction`),
    width: c.number(c.field(o, 'width', path), `${path}.width`),
    height: c.number(c.field(o, 'height', path), `${path}.height`),
    nodes,
    links,
  };
}

/**
 * The pictures a page carries (a {@link PrebuiltPictures}, or a list of them), checked: one per
 * view and layout direction. Throws a TraceValidationError naming the first bad field's path.
 */
export function readPrebuilt(json: unknown): Picture[] {
  const out: Picture[] = [];
  const list = Array.isArray(json) ? (json as readonly unknown[]) : [json];
  list.forEach((item, i) => {
    const c = new PictureChecker();
    const path = `$pictures[${String(i)}]`;
    const o = c.object(item, path);
    const view = c.oneOf(c.field(o, 'view', path), ['dataflow', 'autograd'] as const, path);
    const g = graph(c, c.field(o, 'graph', path), view, `${path}.graph`);
    const t = timeline(c, c.field(o, 'timeline', path), g, `${path}.timeline`);
    for (const [k, l] of c
      .each(c.field(o, 'layouts', path), `${path}.layouts`, (x, p) => layout(c, x, p))
      .entries()) {
      if (out.some((p) => p.view === view && p.direction === l.direction)) {
        c.fail(`${path}.layouts[${String(k)}]`, `a second ${view} picture in ${l.direction}`);
      }
      out.push({view, direction: l.direction, graph: g, timeline: t, layout: l});
    }
  });
  return out;
}
