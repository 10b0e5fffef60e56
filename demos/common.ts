/**
 * What every demo page shares: the language switch (English / 中文). The choice is kept in
 * `?lang=` and localStorage, set on <html lang>, and passed to every grad-graph and grad-notebook.
 */
import type {Lang} from '../src/graph/model.js';

const KEY = 'grad-graph-demo-lang';

/** The language asked for by the URL, else the last choice, else the browser's. */
export function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  let stored: string | null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  if (stored === 'en' || stored === 'zh') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Listeners told when the language changes (pages with their own text use it). */
const listeners: ((lang: Lang) => void)[] = [];

/** Calls `f` now and whenever the reader switches language. */
export function onLang(f: (lang: Lang) => void): void {
  listeners.push(f);
  f(currentLang());
}

/** The page's current language. */
export function currentLang(): Lang {
  return document.documentElement.lang === 'zh' ? 'zh' : 'en';
}

/** Switches the whole page: prose, titles, elements, the switch's own state. */
export function setLang(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement & {lang: string}>(
    'grad-graph:not([data-keep-lang]), grad-notebook:not([data-keep-lang])',
  )) {
    el.lang = lang;
  }
  const title = document.querySelector<HTMLMetaElement>(`meta[name="title-${lang}"]`);
  if (title) document.title = title.content;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  }
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Storage may be off (private mode, file://): the switch still works for this page.
  }
  for (const f of listeners) f(lang);
}

/** Wires the switch buttons and applies the initial language. */
export function setUpLang(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    b.addEventListener('click', () => {
      const lang = b.dataset.lang === 'zh' ? 'zh' : 'en';
      setLang(lang);
      const url = new URL(location.href);
      url.searchParams.set('lang', lang);
      history.replaceState(history.state, '', url);
    });
  }
  setLang(initialLang());
}
