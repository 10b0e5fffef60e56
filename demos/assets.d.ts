/** Vite's `?url` imports: the URL of a file, served in dev and copied (hashed) by the build. */
declare module '*?url' {
  const url: string;
  export default url;
}
