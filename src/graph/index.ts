/**
 * src/graph/: the picture side of a trace: the dataflow and autograd views, their timeline of
 * steps, and the state at any step (layout lives in ./layout/).
 */
export type * from './model.js';
export {buildGraph} from './build.js';
export type {GraphOptions} from './build.js';
export {buildTimeline} from './timeline.js';
export {stateAt} from './state.js';
export {lastFigureStep} from './timeline-figures.js';
export {displayTensor} from './display.js';
export {iterationCount, iterationKept, iterationOf, iterationSummaries} from './iterations.js';
export type {Iteration, IterationSummary} from './iterations.js';
export {annotateGroups, collapseGroups, findGroups} from './groups.js';
export {opLabel} from './labels.js';
export {CHAR_WIDTH, FONT_SIZE, LINE_HEIGHT, PADDING, boxSize, opSize} from './size.js';
