/**
 * Light or dark, as a reactive controller: `theme="light"` or `"dark"` as asked, and `"auto"` (the
 * default) following the page — the theme a docs tool sets on `<html>` (VitePress's `dark` class,
 * Docusaurus's `data-theme`, Material for MkDocs' `data-md-color-scheme`), else the page's own
 * `color-scheme`, else the reader's system setting. The host gets the custom state `dark` or
 * `light` (`:host(:state(dark))` in its styles); where custom states are missing, the styles'
 * `prefers-color-scheme` rule still applies.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** What `theme` may be. */
export type ThemeChoice = 'light' | 'dark' | 'auto';

/** The theme the page's `<html>` (and `<body>`) says, or null when it says none. */
export function pageTheme(doc: Document): 'light' | 'dark' | null {
  const html = doc.documentElement;
  // Null while the parser is still in <head>, whatever the DOM typings say.
  const body = doc.body as HTMLElement | null;
  const said = html.getAttribute('data-theme') ?? body?.getAttribute('data-theme') ?? null;
  if (said === 'dark' || said === 'light') return said;
  if (html.classList.contains('dark')) return 'dark';
  const scheme = body?.getAttribute('data-md-color-scheme') ?? null;
  if (scheme === 'slate') return 'dark';
  if (scheme === 'default') return 'light';
  const view = doc.defaultView;
  const computed = view ? view.getComputedStyle(html).colorScheme.trim() : '';
  if (computed === 'dark' || computed === 'only dark') return 'dark';
  if (computed === 'light' || computed === 'only light') return 'light';
  return null;
}

/** The host's custom states, or null where the browser has none (or the host has internals). */
function statesOf(host: HTMLElement): CustomStateSet | null {
  try {
    return host.attachInternals().states;
  } catch {
    return null;
  }
}

/** What a themed host gives the controller. */
export interface ThemedHost extends ReactiveControllerHost, HTMLElement {
  /** The theme asked for (anything else counts as `auto`). */
  readonly theme: string;
}

/** Keeps the host's `dark`/`light` state true to its `theme` and, on `auto`, to the page. */
export class ThemeController implements ReactiveController {
  private readonly states: CustomStateSet | null;
  private observer: MutationObserver | null = null;
  private media: MediaQueryList | null = null;
  private readonly update = (): void => {
    this.apply();
  };

  constructor(private readonly host: ThemedHost) {
    host.addController(this);
    this.states = statesOf(host);
  }

  /** Light or dark, now. */
  get current(): 'light' | 'dark' {
    const asked = this.host.theme;
    if (asked === 'light' || asked === 'dark') return asked;
    const doc = this.host.ownerDocument;
    return (
      pageTheme(doc) ??
      (doc.defaultView?.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')
    );
  }

  hostConnected(): void {
    const doc = this.host.ownerDocument;
    this.observer = new MutationObserver(this.update);
    const watched = {attributes: true, attributeFilter: ['class', 'data-theme', 'style']};
    this.observer.observe(doc.documentElement, watched);
    const body = doc.body as HTMLElement | null;
    if (body) {
      this.observer.observe(body, {
        attributes: true,
        attributeFilter: ['data-theme', 'data-md-color-scheme'],
      });
    }
    this.media = doc.defaultView?.matchMedia('(prefers-color-scheme: dark)') ?? null;
    this.media?.addEventListener('change', this.update);
    this.apply();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.media?.removeEventListener('change', this.update);
    this.media = null;
  }

  hostUpdate(): void {
    this.apply();
  }

  private apply(): void {
    const states = this.states;
    if (!states) return;
    const dark = this.current === 'dark';
    try {
      if (dark) {
        states.delete('light');
        states.add('dark');
      } else {
        states.delete('dark');
        states.add('light');
      }
    } catch {
      // A browser whose states take only `--dashed` names: the media rule stands in.
    }
  }
}
