/** Vite's `?raw` suffix: a file's text, e.g. `.dev.vars.example` read by a worker test. */
declare module '*?raw' {
  const text: string;
  export default text;
}
