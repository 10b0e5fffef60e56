/** Vite's `?worker&inline` import: a constructor for a worker whose code is inlined in the bundle. */
declare module '*?worker&inline' {
  const InlineWorker: new (options?: {name?: string}) => Worker;
  export default InlineWorker;
}
