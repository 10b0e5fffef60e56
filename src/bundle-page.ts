/** The page half of the one-file bundle (src/bundle.ts): both elements, and the fence opt-in. */
import {autoEnhance} from './embed.js';
import {GradGraph, GradNotebook} from './element.js';

/** Starts the `data-enhance` opt-in of the script tag that loaded `bundleUrl`; returns the elements. */
export function startPage(bundleUrl: string): readonly [typeof GradGraph, typeof GradNotebook] {
  autoEnhance(bundleUrl);
  return [GradGraph, GradNotebook];
}
