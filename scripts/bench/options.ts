/** Command-line options of `npm run bench [-- --scale|--only-scale --duration=3 --samples=30 --rate=200 --pipeline-seconds=10]`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  scale: boolean;
  /** Only the scale section (implies --scale). */
  onlyScale: boolean;
  /** autocannon seconds per route (section A). */
  duration: number;
  /** Sequential requests per route (section C). */
  samples: number;
  /** Submits per second and seconds of the award pipeline run (section D). */
  rate: number;
  pipelineSeconds: number;
  /** Sequential requests per figure in the scale section. */
  scaleSamples: number;
}

export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'boolean', default: false },
      'only-scale': { type: 'boolean', default: false },
      duration: { type: 'string', default: '3' },
      samples: { type: 'string', default: '30' },
      rate: { type: 'string', default: '200' },
      'pipeline-seconds': { type: 'string', default: '10' },
      'scale-samples': { type: 'string', default: '20' },
    },
  });
  const positive = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
    return n;
  };
  return {
    scale: values.scale || values['only-scale'],
    onlyScale: values['only-scale'],
    duration: positive('duration', values.duration),
    samples: Math.round(positive('samples', values.samples)),
    rate: Math.round(positive('rate', values.rate)),
    pipelineSeconds: positive('pipeline-seconds', values['pipeline-seconds']),
    scaleSamples: Math.round(positive('scale-samples', values['scale-samples'])),
  };
}
