/** Command-line options of `npm run bench [-- --scale|--only-scale --duration=3 --rounds=3 --samples=30 --rates=100,200 --pipeline-seconds=10]`. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  scale: boolean;
  /** Only the scale section (implies --scale). */
  onlyScale: boolean;
  /** autocannon seconds per route (section A). */
  duration: number;
  /** Passes over the routes in section A (each compared with the /health of its own pass). */
  rounds: number;
  /** Sequential requests per route (section C). */
  samples: number;
  /** Submits per second of each award pipeline run (section D), and seconds each. */
  rates: number[];
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
      rounds: { type: 'string', default: '3' },
      samples: { type: 'string', default: '30' },
      rates: { type: 'string', default: '100,200' },
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
    rounds: Math.round(positive('rounds', values.rounds)),
    samples: Math.round(positive('samples', values.samples)),
    rates: values.rates.split(',').map((rate) => Math.round(positive('rates', rate))),
    pipelineSeconds: positive('pipeline-seconds', values['pipeline-seconds']),
    scaleSamples: Math.round(positive('scale-samples', values['scale-samples'])),
  };
}
