/** The notebook's own words (its toolbar, prompts and placeholders), in English and Chinese. */

/** The words of one language. */
export type NotebookWords = (typeof notebookWords)[keyof typeof notebookWords];

/** The notebook's words by language. */
export const notebookWords = {
  en: {
    run: 'Run',
    runCell: (label: string) => `Run cell ${label} (and the cells before it)`,
    runNext: 'Run next cell',
    runAll: 'Run all',
    reset: 'Reset',
    notRun: 'not run yet',
    status: (n: number, total: number) =>
      n === 0
        ? `No cell run yet (${String(total)} code cells).`
        : `Ran ${String(n)} of ${String(total)} code cells.`,
    graph: 'The graph of the cells run so far',
    placeholder:
      'Run a cell: its computation graph appears here and grows with every cell you run.',
    edit: (label: string) => `Code of cell ${label} (Shift+Enter runs it)`,
    iteration: 'Iteration',
    iterationOf: (count: number) => `of ${String(count)}`,
    allIterations: 'all',
    steps: 'Steps',
    showSteps: (label: string) => `Show the steps cell ${label} made in the graph`,
  },
  zh: {
    run: '运行',
    runCell: (label: string) => `运行第 ${label} 格（及其之前的格）`,
    runNext: '运行下一格',
    runAll: '全部运行',
    reset: '重置',
    notRun: '尚未运行',
    status: (n: number, total: number) =>
      n === 0
        ? `尚未运行任何代码格（共 ${String(total)} 格）。`
        : `已运行 ${String(n)} / ${String(total)} 个代码格。`,
    graph: '已运行代码格的计算图',
    placeholder: '运行一个代码格：它的计算图会出现在这里，并随你运行的每一格增长。',
    edit: (label: string) => `第 ${label} 格的代码（Shift+Enter 运行）`,
    iteration: '迭代',
    iterationOf: (count: number) => `/ ${String(count)}`,
    allIterations: '全部',
    steps: '步骤',
    showSteps: (label: string) => `在图中显示第 ${label} 格产生的步骤`,
  },
} as const;
