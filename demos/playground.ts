/**
 * The playground: type PyTorch code, see its graph. The code re-runs as you type (debounced), an
 * error is marked at its line without touching the text, and the state lives in the URL hash.
 */
import '../components/grad-graph.js';
import {GradGraph} from '../components/grad-graph.js';
import {traceInWorker, WorkerSlot} from '../src/run/index.js';
import type {Trace} from '../src/trace/index.js';
import {currentLang, onLang, setUpLang} from './common.js';
import {examples} from './playground-examples.js';
import {decodeState, encodeState, type PlaygroundState} from './playground-state.js';

/** Milliseconds of quiet typing before the code runs. */
const DEBOUNCE = 300;

function byId<T extends Element>(id: string, type: abstract new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`playground: missing #${id}`);
  return el;
}

const editor = byId('editor', HTMLTextAreaElement);
const gutter = byId('gutter', HTMLElement);
const marker = byId('error-line', HTMLElement);
const problem = byId('problem', HTMLElement);
const graph = byId('graph', GradGraph);
const viewInput = byId('view', HTMLSelectElement);
const directionInput = byId('direction', HTMLSelectElement);
const exampleInput = byId('example', HTMLSelectElement);
const copyButton = byId('copy', HTMLButtonElement);
const status = byId('status', HTMLElement);
const printed = byId('printed', HTMLElement);
const printedPanel = byId('printed-panel', HTMLElement);

let timer: ReturnType<typeof setTimeout> | null = null;
/** The run in flight (in a Web Worker): typing again cancels it, so only the latest code shows. */
let running: AbortController | null = null;
/** A worker kept warm between runs: the next long run starts at once. */
const slot = new WorkerSlot();
let lastGood: Trace | null = null;
let pendingStep: number | null = null;
/** The hash this page wrote last, so its own change is not read back as a new link. */
let written = '';

const words = {
  en: {
    at: (line: number, column: number) => `Line ${String(line)}, column ${String(column)}`,
    kept: 'the graph shows the last code that parsed',
    copied: 'Link copied',
    copyFailed: 'Copy this page’s address to share it',
    ran: (ms: number) => `Ran in ${ms.toFixed(0)} ms`,
    running: 'Running…',
  },
  zh: {
    at: (line: number, column: number) => `第 ${String(line)} 行，第 ${String(column)} 列`,
    kept: '图中显示的是最后一次能解析的代码',
    copied: '链接已复制',
    copyFailed: '复制本页地址即可分享',
    ran: (ms: number) => `运行用时 ${ms.toFixed(0)} 毫秒`,
    running: '运行中…',
  },
};

function state(): PlaygroundState {
  return {
    code: editor.value,
    view: viewInput.value === 'autograd' ? 'autograd' : 'dataflow',
    direction: directionInput.value === 'TB' ? 'TB' : 'LR',
    step: graph.stepCount ? graph.step : null,
  };
}

function writeHash(): void {
  written = encodeState(state());
  history.replaceState(history.state, '', `#${written}`);
}

function renderGutter(): void {
  const n = editor.value.split('\n').length;
  if (gutter.childElementCount === n) return;
  const lines = document.createDocumentFragment();
  for (let i = 1; i <= n; i++) {
    const span = document.createElement('span');
    span.textContent = String(i);
    lines.append(span);
  }
  gutter.replaceChildren(lines);
}

function syncScroll(): void {
  gutter.scrollTop = editor.scrollTop;
  marker.style.transform = `translateY(${String(-editor.scrollTop)}px)`;
}

/** Marks the error's line in the gutter and under the text; the text itself is never touched. */
function markError(line: number | null): void {
  for (const el of gutter.children) el.classList.remove('error');
  if (line === null) {
    marker.hidden = true;
    return;
  }
  gutter.children[line - 1]?.classList.add('error');
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 20;
  const padding = parseFloat(getComputedStyle(editor).paddingTop) || 0;
  marker.hidden = false;
  marker.style.top = `${String(padding + (line - 1) * lineHeight)}px`;
  marker.style.height = `${String(lineHeight)}px`;
}

function run(): void {
  timer = null;
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const t0 = performance.now();
  status.textContent = words[currentLang()].running;
  // Off the main thread: a long loop keeps the page responsive, and typing again cancels it.
  traceInWorker(
    editor.value,
    {filename: '<playground>'},
    {
      signal: controller.signal,
      mainThreadBudgetMs: 30,
      slot,
      // A long run: the last run's error no longer describes this code while it runs.
      onStart: (where) => {
        if (where !== 'worker' || running !== controller) return;
        problem.hidden = true;
        markError(null);
      },
    },
  ).then(
    (trace) => {
      if (running !== controller) return;
      running = null;
      show(trace, performance.now() - t0);
    },
    (e: unknown) => {
      if (running !== controller) return;
      running = null;
      problem.textContent = e instanceof Error ? e.message : String(e);
      problem.hidden = false;
      status.textContent = '';
    },
  );
}

function show(trace: Trace, ms: number): void {
  const w = words[currentLang()];
  const error = trace.error;
  // A syntax error keeps the last picture: mid-word typing should not blank the graph.
  const syntax = error !== null && isParseError(error.type);
  if (!syntax) {
    lastGood = trace;
    graph.trace = trace;
  } else if (!lastGood) {
    graph.trace = trace;
  }
  showPrinted(syntax ? (lastGood ?? trace) : trace);
  if (error) {
    const where = error.span ? `${w.at(error.span.line, error.span.column)}: ` : '';
    problem.textContent = `${where}${error.type}: ${error.message}${syntax && lastGood ? ` (${w.kept})` : ''}`;
    problem.hidden = false;
    markError(error.span?.line ?? null);
  } else {
    problem.hidden = true;
    problem.textContent = '';
    markError(null);
  }
  status.textContent = w.ran(ms);
  writeHash();
}

/** What the code shown printed, as a terminal shows it (hidden when it printed nothing). */
function showPrinted(trace: Trace): void {
  const text = trace.prints.map((p) => p.text).join('');
  printed.textContent = text;
  printedPanel.hidden = text === '';
}

function isParseError(type: string): boolean {
  return type === 'SyntaxError' || type === 'IndentationError' || type === 'TabError';
}

function schedule(): void {
  if (timer !== null) clearTimeout(timer);
  running?.abort();
  running = null;
  timer = setTimeout(run, DEBOUNCE);
}

function load(s: PlaygroundState): void {
  editor.value = s.code;
  viewInput.value = s.view;
  directionInput.value = s.direction;
  graph.view = s.view;
  graph.direction = s.direction;
  pendingStep = s.step;
  renderGutter();
  run();
}

editor.addEventListener('input', () => {
  renderGutter();
  schedule();
});
editor.addEventListener('scroll', syncScroll);
let escaped = false;
editor.addEventListener('keydown', (e) => {
  // Tab indents (Python needs it); Escape then Tab leaves the editor, for keyboard users.
  if (e.key === 'Escape') {
    escaped = true;
    return;
  }
  if (e.key === 'Tab' && !escaped && !e.shiftKey) {
    e.preventDefault();
    const {selectionStart: a, selectionEnd: b, value} = editor;
    editor.value = `${value.slice(0, a)}    ${value.slice(b)}`;
    editor.selectionStart = editor.selectionEnd = a + 4;
    renderGutter();
    schedule();
  }
  escaped = false;
});
viewInput.addEventListener('change', () => {
  graph.view = viewInput.value === 'autograd' ? 'autograd' : 'dataflow';
  writeHash();
});
directionInput.addEventListener('change', () => {
  graph.direction = directionInput.value === 'TB' ? 'TB' : 'LR';
  writeHash();
});
exampleInput.addEventListener('change', () => {
  const ex = examples.find((x) => x.id === exampleInput.value);
  if (ex) load({...state(), code: ex.code, step: null});
  exampleInput.value = '';
});
graph.addEventListener('grad-step', writeHash);
graph.addEventListener('grad-ready', () => {
  if (pendingStep !== null) {
    const k = pendingStep;
    pendingStep = null;
    queueMicrotask(() => {
      graph.seek(k);
    });
  }
});
copyButton.addEventListener('click', () => {
  writeHash();
  const w = words[currentLang()];
  navigator.clipboard.writeText(location.href).then(
    () => {
      status.textContent = w.copied;
    },
    () => {
      status.textContent = w.copyFailed;
    },
  );
});
window.addEventListener('hashchange', () => {
  const hash = location.hash.replace(/^#/, '');
  if (hash === written) return;
  const s = decodeState(hash);
  if (s) load(s);
});

function fillExamples(): void {
  const lang = currentLang();
  const first = document.createElement('option');
  first.value = '';
  first.textContent = lang === 'zh' ? '载入示例…' : 'Load an example…';
  const options = examples.map((ex) => {
    const o = document.createElement('option');
    o.value = ex.id;
    o.textContent = ex[lang];
    return o;
  });
  exampleInput.replaceChildren(first, ...options);
}

setUpLang();
onLang(fillExamples);
const first = examples[0];
load(
  decodeState(location.hash) ?? {
    code: first ? first.code : '',
    view: 'dataflow',
    direction: 'LR',
    step: null,
  },
);
