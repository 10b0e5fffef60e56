/** `npm run dev`: the first URL Vite prints (the server's root) opens the demo gallery. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createServer, type ViteDevServer} from 'vite';
import {root} from '../package/packed.js';

let server: ViteDevServer | null = null;

beforeAll(async () => {
  server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    server: {port: 0, host: '127.0.0.1', open: false},
    logLevel: 'silent',
  });
  await server.listen();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('the dev server', () => {
  it('sends its root URL to the gallery, which it serves', async () => {
    const url = server?.resolvedUrls?.local[0];
    if (!url) throw new Error('no URL printed');
    const first = await fetch(url, {redirect: 'manual'});
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/demos/index.html');
    const gallery = await fetch(new URL('/demos/index.html', url));
    expect(gallery.status).toBe(200);
    expect(await gallery.text()).toContain('<title>');
  });
});
