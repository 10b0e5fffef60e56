/**
 * Small pieces of `<grad-graph>`'s chrome, apart from the element: what the stage says when there
 * is nothing to draw, the stage's tools (zoom, fit, export, full screen) and keeping the current
 * line of the code panel in view.
 */
import type {ToolsModel} from './grad-graph-view.js';
import type {ChromeWords} from './words.js';

/** What statusText needs to know of the element. */
export interface StatusFacts {
  /** The picture is built and has no step. */
  readonly empty: boolean;
  readonly error: boolean;
  /** The element has come into view (it runs nothing before). */
  readonly seen: boolean;
  /** A source (inline, property or `src`) is there. */
  readonly source: boolean;
}

/** What the stage says when there is no picture to draw. */
export function statusText(w: ChromeWords, facts: StatusFacts): string {
  if (facts.empty) return w.nothingToDraw(facts.error);
  if (facts.error) return '';
  if (!facts.seen) return w.waiting;
  return facts.source ? w.loading : w.empty;
}

/** The element methods the stage's tools call. */
export interface ToolsHost extends HTMLElement {
  zoomBy(factor: number): void;
  fitToView(): void;
  exportSVG(): string;
  exportPNG(): Promise<Blob>;
  toggleFullScreen(): Promise<void>;
}

/** The stage's tools: zoom, fit, export, full screen (where the page allows it). */
export function stageTools(host: ToolsHost, fullScreen: boolean): ToolsModel {
  return {
    zoomBy: (factor) => {
      host.zoomBy(factor);
    },
    fit: () => {
      host.fitToView();
    },
    exportSVG: () => host.exportSVG(),
    exportPNG: () => host.exportPNG(),
    fullScreen:
      typeof host.requestFullscreen === 'function' && document.fullscreenEnabled
        ? fullScreen
        : null,
    toggleFullScreen: () => host.toggleFullScreen(),
  };
}

/**
 * Keeps the current line in view inside the code panel of `root` (never scrolls the page);
 * `before` is the line it scrolled to last time. Returns the line it is at now.
 */
export function scrollCodeToCurrent(root: ParentNode, before: Element | null): Element | null {
  const list = root.querySelector<HTMLElement>('.code');
  const line = list?.querySelector<HTMLElement>('li.current, li.error-line');
  if (!list || !line) return before;
  // Reading offsets forces a layout of everything, the picture included: only when it moved.
  if (line === before) return before;
  const top = line.offsetTop - list.offsetTop;
  if (top < list.scrollTop || top + line.offsetHeight > list.scrollTop + list.clientHeight) {
    list.scrollTop = Math.max(0, top - list.clientHeight / 3);
  }
  return line;
}
