/** Export helpers of `<grad-graph>`: the element's live colours as a theme, and SVG text to PNG. */
import {lightTheme, themeProperties, type Theme} from '../src/render/index.js';

/** The theme an element shows now: its computed `--grad-graph-…` values (light defaults otherwise). */
export function themeOf(el: Element): Theme {
  const style = getComputedStyle(el);
  const entries = themeProperties.map(([key, prop]) => [
    key,
    style.getPropertyValue(prop).trim() || lightTheme[key],
  ]);
  return Object.fromEntries(entries) as Theme;
}

/** Rasterises a standalone SVG file through an image and a canvas, `scale` × its own size. */
export async function svgToPNG(svg: string, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], {type: 'image/svg+xml'}));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.naturalWidth * scale);
    canvas.height = Math.ceil(img.naturalHeight * scale);
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
