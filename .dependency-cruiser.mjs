/**
 * The allowed imports between the stages of DESIGN.md, checked by `npm run boundaries` (part of
 * `npm test`).
 *
 * Stages, top to bottom: autograd/ → src/trace/ → src/script/ → src/graph/ → src/render/ →
 * src/run/ → src/cli/ → components/. A stage imports only stages above it (types included);
 * autograd/ imports nothing of ours; Lit only in components/; components/ reach a stage through its
 * public index.ts, never a file inside it. No value import cycles anywhere (an `import type` is
 * erased, so it cannot make one).
 */

/** Regexes of each stage's files. */
const stage = {
  autograd: '^autograd/',
  trace: '^src/trace/',
  script: '^src/script/',
  graph: '^src/graph/',
  render: '^src/render/',
  run: '^src/run/',
  cli: '^src/cli/',
  components: '^components/',
  entries: '^src/[^/]+[.]ts$',
};

/** The stages below `name` (the ones it may not import), with the package entries. */
function below(name) {
  const order = ['autograd', 'trace', 'script', 'graph', 'render', 'run', 'cli', 'components'];
  return [...order.slice(order.indexOf(name) + 1).flatMap((s) => stage[s]), stage.entries];
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-value-cycle',
      comment: 'No value import cycles (type-only imports are erased and may close a loop).',
      severity: 'error',
      from: {},
      to: {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}},
    },
    {
      name: 'autograd-imports-nothing-of-ours',
      comment: 'autograd/ knows nothing of scripts, traces or pictures.',
      severity: 'error',
      from: {path: stage.autograd},
      to: {path: '^(src|components|demos|test|bench)/'},
    },
    ...['trace', 'script', 'graph', 'render', 'run', 'cli'].map((name) => ({
      name: `${name}-imports-only-stages-above`,
      comment: `src/${name}/ may import only the stages above it in DESIGN.md.`,
      severity: 'error',
      from: {path: stage[name]},
      to: {path: below(name)},
    })),
    {
      name: 'components-import-no-entry',
      comment: 'components/ is the last stage: it imports no package entry.',
      severity: 'error',
      from: {path: stage.components},
      to: {path: stage.entries},
    },
    {
      name: 'components-use-public-entries',
      comment: "components/ use a stage's index.ts, never a file inside it.",
      severity: 'error',
      from: {path: stage.components},
      to: {
        path: '^src/(trace|script|graph|render|run|cli)/',
        pathNot: '^src/(trace|script|graph|render|run|cli)/index[.]ts$',
      },
    },
    {
      name: 'components-run-through-src-run',
      comment:
        'components/ drive the script runner and the layout through src/run/, not by themselves.',
      severity: 'error',
      from: {path: stage.components},
      to: {path: ['^autograd/', '^src/script/', '^src/graph/layout/']},
    },
    {
      name: 'lit-only-in-components',
      comment: 'Lit is the elements’ library: render/ and the stages above draw without it.',
      severity: 'error',
      from: {path: '^(autograd|src)/'},
      to: {path: '^node_modules/(lit|lit-html|lit-element|@lit)/'},
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.app.json'},
    doNotFollow: {path: 'node_modules'},
    exclude: {path: '^(dist|coverage)/'},
  },
};
