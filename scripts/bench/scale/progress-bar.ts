/** A one-line progress bar on stderr (stdout keeps only the report). */

export function progressBar(label: string, total: number) {
  const started = performance.now();
  let done = 0;
  const draw = () => {
    const width = 30;
    const filled = Math.round((done / Math.max(1, total)) * width);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\r${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${seconds} s`);
  };
  draw();
  return {
    tick(by = 1) {
      done = Math.min(total, done + by);
      draw();
    },
    finish() {
      done = total;
      draw();
      process.stderr.write('\n');
    },
  };
}
