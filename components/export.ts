/** Export helpers of `<grad-graph>`: the element's live colours as a theme, SVG text to PNG, and saving a file. */
import {lightTheme, pngScale, themeProperties, type Theme} from '../src/render/index.js';

/** The theme an element shows now: its computed `--grad-graph-…` values (light defaults otherwise). */
export function themeOf(el: Element): Theme {
  const style = getComputedStyle(el);
  const entries = themeProperties.map(([key, prop]) => [
    key,
    style.getPropertyValue(prop).trim() || lightTheme[key],
  ]);
  return Object.fromEntries(entries) as Theme;
}

/**
 * Rasterises a standalone SVG file through an image and a canvas, `scale` × its own size, or as
 * large as a canvas can encode where that is too large (see `pngScale`): a big graph's PNG is
 * smaller than asked, never a failure.
 */
export async function svgToPNG(svg: string, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], {type: 'image/svg+xml'}));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    const fitted = pngScale(img.naturalWidth, img.naturalHeight, scale);
    canvas.width = Math.max(1, Math.floor(img.naturalWidth * fitted));
    canvas.height = Math.max(1, Math.floor(img.naturalHeight * fitted));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('<grad-graph> cannot draw on a canvas here');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((b) => {
        if (b) resolve(b);
        else reject(new Error('<grad-graph> could not encode the PNG'));
      }, 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers `blob` to the reader as a download named `name` (through a link, never the page's DOM). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has started from the click; the URL is not needed after this task.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
