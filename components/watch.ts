/**
 * What `<grad-graph>` watches of the page while connected: whether it was scrolled into view once
 * (work starts only then, so a page of many graphs stays fast), its size, and full screen coming
 * and going. Everything is let go when the element is removed.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** What the element does when the page changes. */
export interface WatchHooks {
  /** True once the element has been in view (watching stops then). */
  readonly seen: () => boolean;
  /** The element came into view for the first time (or the page cannot tell: at once). */
  readonly cameIntoView: () => void;
  /** Its size changed, or full screen came or went. */
  readonly resized: () => void;
}

/** Watches the page for one element (a Lit reactive controller). */
export class PageWatch implements ReactiveController {
  private intersection: IntersectionObserver | null = null;
  private resize: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly hooks: WatchHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof IntersectionObserver === 'undefined') {
      this.hooks.cameIntoView();
    } else if (!this.hooks.seen()) {
      this.intersection = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.hooks.cameIntoView();
          this.intersection?.disconnect();
          this.intersection = null;
        }
      });
      this.intersection.observe(this.host);
    }
    this.resize = new ResizeObserver(this.onChange);
    this.resize.observe(this.host);
    document.addEventListener('fullscreenchange', this.onChange);
  }

  hostDisconnected(): void {
    this.intersection?.disconnect();
    this.intersection = null;
    this.resize?.disconnect();
    this.resize = null;
    document.removeEventListener('fullscreenchange', this.onChange);
  }

  private readonly onChange = (): void => {
    this.hooks.resized();
  };
}
