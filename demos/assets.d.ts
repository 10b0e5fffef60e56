/** Vite's `?url` imports: the URL of a file, served in dev and copied (hashed) by the build. */
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}

/** Vite's `?raw` imports: a file's text (the seed script, shared by the demos and the tests). */
declare module '*.py?raw' {
  const text: string;
  export default text;
}
