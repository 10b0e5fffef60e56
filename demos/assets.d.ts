/** Vite's `?url` imports: the URL of a file, served in dev and copied (hashed) by the build. */
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}
