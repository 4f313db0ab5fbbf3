/** Sections A–E on one stack (and a second one at RTT 50 for C), on a throwaway database. */
import { Api } from './api.ts';
import { benchStorage, GATEWAY_TOKEN, startBenchStack, STACK_HASH_PARAMS } from './bench-stack.ts';
import { throughputChart } from './chart.ts';
import { connect } from './db.ts';
import { prepareFixtures, startSubmitPool } from './fixtures.ts';
import { gatewayPingMs, measureLatency } from './latency.ts';
import { measureLoginCost } from './login-cost.ts';
import type { BenchOptions } from './options.ts';
import { measurePipeline } from './pipeline.ts';
import { stackCpu } from './process-cpu.ts';
import * as report from './report.ts';
import { measureRoundTrips } from './round-trips.ts';
import { measureThroughput, readRoutes } from './routes.ts';

const step = (what: string) => console.error(`bench: ${what}`);

export async function runApiSections(options: BenchOptions, chartFile: string): Promise<{ sections: string[]; chart: string }> {
  const storage = benchStorage('main');
  let stack = await startBenchStack(storage.databaseUrl, storage.redisPrefix, 0);
  const db = await connect(storage.databaseUrl);
  try {
    step('fixtures');
    const fixtures = await prepareFixtures(new Api(stack.baseUrl), db);
    step(`A. throughput, ${options.duration} s a route, ${options.rounds} rounds`);
    const cpu = stackCpu(Number(new URL(stack.gatewayUrl).port));
    const throughput = await measureThroughput(fixtures, db, options.duration, options.rounds, cpu.available ? cpu : undefined);
    step('B. round trips');
    const roundTrips = await measureRoundTrips(fixtures, db, stack.gatewayUrl, GATEWAY_TOKEN);
    step('C. latency at RTT 0');
    const routes = readRoutes(fixtures);
    const rttRun = async (rtt: number, api: Api, edgeCache = false): Promise<report.RttRun> => {
      // Started attempts for the submits: one each, and one to warm up.
      const submits = await startSubmitPool(fixtures, options.samples + 1, api);
      return {
        rtt,
        gatewayPingMs: await gatewayPingMs(stack.gatewayUrl, GATEWAY_TOKEN),
        latency: await measureLatency(api, routes, options.samples, { edgeCache, submits }),
      };
    };
    const runs = [await rttRun(0, fixtures.api)];
    const pipelines = [];
    for (const rate of options.rates) {
      step(`D. award pipeline, ${rate}/s for ${options.pipelineSeconds} s`);
      pipelines.push(await measurePipeline(fixtures, db, rate, options.pipelineSeconds, stack.output));
    }
    step('E. login cost');
    const login = await measureLoginCost(fixtures.api, fixtures.subject, STACK_HASH_PARAMS);

    step('C. latency at RTT 50 (a second stack on the same database and boards)');
    await stack.stop();
    stack = await startBenchStack(storage.databaseUrl, storage.redisPrefix, 50, { edgeCache: true });
    runs.push(await rttRun(50, new Api(stack.baseUrl), true));
    return {
      sections: [
        report.throughputSection(throughput, options.duration, options.rounds, chartFile),
        report.roundTripSection(roundTrips),
        report.latencySection(runs, options.samples),
        report.pipelineSection(pipelines),
        report.loginSection(login),
      ],
      chart: throughputChart(throughput, 'Requests/s per route as % of GET /health (median round)'),
    };
  } finally {
    await db.end();
    await stack.stop();
    await storage.remove();
  }
}
