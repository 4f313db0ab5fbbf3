/* eslint-disable */
import WebSocket from 'ws';
import { Api, createPlayers, startAttempts } from './api.ts';
import { benchStorage } from './bench-stack.ts';
import { startDevStack } from '../../test/e2e/stack.ts';
import { connect } from './db.ts';
import { prepareFixtures } from './fixtures.ts';
import { submitAtRate } from './open-loop.ts';

const rate = Number(process.argv[2] ?? 200), seconds = Number(process.argv[3] ?? 5);
const storage = benchStorage('prof');
const stack = await startDevStack({ DATABASE_URL: storage.databaseUrl, REDIS_URL: 'redis://127.0.0.1:6379/12', REDIS_KEY_PREFIX: storage.redisPrefix,
  UPSTASH_REDIS_REST_TOKEN: 'local-dev-token', PASSWORD_HASH_PARAMS: '1024,1,1', HTTP_METRICS_ENABLED: 'false', INSPECTOR_PORT: '9555',
  REGISTRATIONS_PER_HOUR: '1000000', LOGINS_PER_MINUTE: '1000000', SUBMISSIONS_PER_MINUTE: '1000000', STARTS_PER_MINUTE: '1000000' });
const db = await connect(storage.databaseUrl);
try {
  const f = await prepareFixtures(new Api(stack.baseUrl), db);
  const total = rate * seconds;
  const players = await createPlayers(f.api, 'prof', Math.ceil(total / f.challenges.length));
  const pairs = Array.from({ length: total }, (_, k) => ({ player: players[k % players.length]!, challengeId: f.challenges[Math.floor(k / players.length)]!.id }));
  const attempts = await startAttempts(f.api, pairs);
  const targets = await (await fetch('http://127.0.0.1:9555/json')).json() as { webSocketDebuggerUrl: string; title: string }[];
  console.error(targets.map((t) => t.title + ' ' + t.webSocketDebuggerUrl));
  const ws = new WebSocket(targets.find((t) => /skillquest/i.test(t.title))?.webSocketDebuggerUrl ?? targets[0]!.webSocketDebuggerUrl);
  await new Promise((r) => ws.once('open', r));
  let id = 0; const pending = new Map<number, (v: any) => void>();
  ws.on('message', (m) => { const msg = JSON.parse(String(m)); if (msg.id && pending.has(msg.id)) { pending.get(msg.id)!(msg.result); pending.delete(msg.id); } });
  const call = (method: string, params = {}) => new Promise<any>((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
  await call('Profiler.enable'); await call('Profiler.setSamplingInterval', { interval: 200 }); await call('Profiler.start');
  const t0 = performance.now();
  const r = await submitAtRate(f.api, attempts, rate);
  const { profile } = await call('Profiler.stop');
  console.error('accepted', r.acceptedAt.filter(Boolean).length, 'failures', r.failures, 'took', ((performance.now() - t0) / 1000).toFixed(1));
  const byNode = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<number, number>();
  for (const s of profile.samples) self.set(s, (self.get(s) ?? 0) + 1);
  const agg = new Map<string, number>(); const byFile = new Map<string, number>();
  const total2 = profile.samples.length;
  for (const [nid, c] of self) { const n = byNode.get(nid); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; agg.set(k, (agg.get(k) ?? 0) + c);
    const file = n.callFrame.url.split('/').slice(-3).join('/') || n.callFrame.functionName; byFile.set(file, (byFile.get(file) ?? 0) + c); }
  console.log('samples', total2, 'duration ms', (profile.endTime - profile.startTime) / 1000);
  for (const [k, c] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((100 * c / total2).toFixed(1).padStart(5), k);
  console.log('--- by file');
  for (const [k, c] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * c / total2).toFixed(1).padStart(5), k);
  ws.close();
} finally { await db.end(); await stack.stop(); await storage.remove(); }
