/** The words of the element's chrome (controls, headings, announcements) in English and Chinese. */
import type {Lang} from '../src/graph/index.js';

/** Reader-facing words of the element. */
export interface ChromeWords {
  readonly play: string;
  readonly pause: string;
  readonly next: string;
  readonly prev: string;
  readonly first: string;
  readonly last: string;
  readonly scrubber: string;
  readonly speed: string;
  readonly controls: string;
  readonly fit: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly fullScreen: string;
  readonly exitFullScreen: string;
  readonly exportAs: string;
  readonly exportSVG: string;
  readonly exportPNG: string;
  readonly code: string;
  readonly output: string;
  readonly graphRole: string;
  readonly loading: string;
  readonly waiting: string;
  readonly empty: string;
  /** The field that picks one iteration of a training loop (empty: the whole run). */
  readonly iteration: string;
  /** What the iteration field holds when empty. */
  readonly wholeRun: string;
  /** After the iteration field: how many there are. */
  readonly iterationsOf: (n: number) => string;
  /** The list of passes and iterations to jump to. */
  readonly jumpTo: string;
  /** Its entry before the first pass or iteration. */
  readonly start: string;
  /** An entry of it: a backward pass (its statement) or a loop iteration (its number). */
  readonly mark: (kind: 'pass' | 'iteration', index: number, label: string) => string;
  /** A script that ran but made no step to show (nothing drawn, nothing to play). */
  readonly nothingToDraw: (stopped: boolean) => string;
  readonly at: (line: number, column: number) => string;
  readonly stepOf: (k: number, n: number, phase: 'forward' | 'backward') => string;
  readonly graphLabel: (nodes: number, k: number, n: number) => string;
  readonly describe: (label: string, sublabel: string, inputs: readonly string[]) => string;
  /** The end of a text alternative cut short: how many nodes it leaves out. */
  readonly moreNodes: (n: number) => string;
}

/** English and Chinese chrome. */
export const chrome: Readonly<Record<Lang, ChromeWords>> = {
  en: {
    play: 'Play',
    pause: 'Pause',
    next: 'Next step',
    prev: 'Previous step',
    first: 'First step',
    last: 'Last step',
    scrubber: 'Step',
    speed: 'Speed',
    controls: 'Playback',
    fit: 'Fit to view',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    exitFullScreen: 'Exit full screen',
    exportAs: 'Export the picture',
    exportSVG: 'SVG (vector)',
    exportPNG: 'PNG (image)',
    code: 'Source',
    output: 'Output',
    graphRole: 'computation graph',
    loading: 'Building the graph…',
    waiting: 'The graph is built when it scrolls into view.',
    iteration: 'Iteration',
    wholeRun: 'all',
    iterationsOf: (n) => `of ${n.toLocaleString('en')}`,
    jumpTo: 'Jump to a backward pass or iteration',
    start: 'Start',
    mark: (kind, index, label) =>
      kind === 'pass' ? `Pass ${index + 1}: ${label}` : `Iteration ${label}`,
    empty: 'No source: add a <script type="text/x-python"> child, a src, or set source.',
    nothingToDraw: (stopped) =>
      stopped
        ? 'Nothing to draw: the script stopped before its first tensor operation.'
        : 'Nothing to draw: the script ran no tensor operation.',
    at: (line, column) => `line ${line}, column ${column}`,
    stepOf: (k, n, phase) => `Step ${k} of ${n}, ${phase}`,
    graphLabel: (nodes, k, n) =>
      `Computation graph of ${nodes} nodes, at step ${k} of ${n}. Arrow keys move between nodes, Enter selects one, Page Up and Page Down step, space plays.`,
    describe: (label, sublabel, inputs) =>
      `${label}${sublabel ? ` (${sublabel})` : ''}${inputs.length ? `, from ${inputs.join(', ')}` : ''}`,
    moreNodes: (n) => `and ${n} more nodes: focus a node of the picture for its details`,
  },
  zh: {
    play: '播放',
    pause: '暂停',
    next: '下一步',
    prev: '上一步',
    first: '第一步',
    last: '最后一步',
    scrubber: '步骤',
    speed: '速度',
    controls: '播放控制',
    fit: '适应视图',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    exitFullScreen: '退出全屏',
    exportAs: '导出图片',
    exportSVG: 'SVG（矢量图）',
    exportPNG: 'PNG（位图）',
    code: '源代码',
    output: '输出',
    graphRole: '计算图',
    loading: '正在构建计算图…',
    waiting: '滚动到此处时构建计算图。',
    iteration: '迭代',
    wholeRun: '全部',
    iterationsOf: (n) => `共 ${n} 轮`,
    jumpTo: '跳到某次反向传播或某轮迭代',
    start: '开始',
    mark: (kind, index, label) =>
      kind === 'pass' ? `第 ${index + 1} 次反向传播：${label}` : `第 ${label} 轮迭代`,
    empty: '没有源代码：请添加 <script type="text/x-python"> 子元素、src 或 source。',
    nothingToDraw: (stopped) =>
      stopped
        ? '没有可画的内容：脚本在第一个张量运算之前就停止了。'
        : '没有可画的内容：脚本没有进行张量运算。',
    at: (line, column) => `第 ${line} 行，第 ${column} 列`,
    stepOf: (k, n, phase) => `第 ${k} 步，共 ${n} 步，${phase === 'forward' ? '前向' : '反向'}`,
    graphLabel: (nodes, k, n) =>
      `计算图，${nodes} 个节点，第 ${k} 步，共 ${n} 步。方向键在节点间移动，回车选中节点，Page Up 和 Page Down 逐步，空格播放。`,
    describe: (label, sublabel, inputs) =>
      `${label}${sublabel ? `（${sublabel}）` : ''}${inputs.length ? `，来自 ${inputs.join('、')}` : ''}`,
    moreNodes: (n) => `还有 ${n} 个节点：聚焦图中的节点可查看详情`,
  },
};
