/**
 * VitePress: starts enhancing once the app has mounted (after hydration); the DOM watch then
 * follows client-side navigation. The fences are marked by the markdown-it plugin.
 *
 * ```ts
 * // .vitepress/theme/index.ts
 * import DefaultTheme from 'vitepress/theme';
 * import {enhanceAppWithGradGraph} from 'grad-graph/vitepress';
 * export default {extends: DefaultTheme, enhanceApp: enhanceAppWithGradGraph};
 * ```
 */
import type {EnhanceOptions} from '../embed.js';
import {enhanceDocsPage} from './client.js';

/** The part of VitePress's `enhanceApp` context this uses (a Vue app's `mixin`). */
export interface EnhanceAppContextLike {
  readonly app: {mixin(mixin: Record<string, unknown>): unknown};
}

/**
 * A theme's `enhanceApp`: registers a root `mounted` hook that starts {@link enhanceDocsPage}.
 * Call it from your own `enhanceApp` with its context, or use it as `enhanceApp` directly.
 */
export function enhanceAppWithGradGraph(
  context: EnhanceAppContextLike,
  options: EnhanceOptions = {},
): void {
  if (typeof document === 'undefined') return;
  context.app.mixin({
    mounted(this: {$root?: unknown}) {
      if (this.$root === this) enhanceDocsPage(options);
    },
  });
}
