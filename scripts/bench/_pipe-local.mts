/* eslint-disable */
import { Api } from './api.ts';
import { benchStorage, startBenchStack } from './bench-stack.ts';
import { connect } from './db.ts';
import { prepareFixtures } from './fixtures.ts';
import { measurePipeline } from './pipeline.ts';
import * as report from './report.ts';
const rate = Number(process.argv[2] ?? 200), seconds = Number(process.argv[3] ?? 10);
const storage = benchStorage('pipe');
const stack = await startBenchStack(storage.databaseUrl, storage.redisPrefix, 0);
const db = await connect(storage.databaseUrl);
try {
  const fixtures = await prepareFixtures(new Api(stack.baseUrl), db);
  const pipeline = await measurePipeline(fixtures, db, rate, seconds, stack.output);
  console.log(report.pipelineSection([pipeline]));
} finally { await db.end(); await stack.stop(); await storage.remove(); }
