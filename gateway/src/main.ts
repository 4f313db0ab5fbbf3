import { startGateway } from './server.ts';

// Local development only: see gateway/README.md.
const env = process.env;

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

function rttFromEnv(raw: string | undefined): number {
  const rttMs = Number(raw ?? 0);
  if (!Number.isFinite(rttMs) || rttMs < 0) throw new Error(`GATEWAY_RTT_MS must be a number >= 0, got "${raw}"`);
  return rttMs;
}

const options = {
  port: Number(env.GATEWAY_PORT ?? 8788),
  host: env.GATEWAY_HOST ?? '127.0.0.1',
  postgres: { host: env.PGHOST ?? '127.0.0.1', port: Number(env.PGPORT ?? 5432) },
  redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  token: env.UPSTASH_REDIS_REST_TOKEN ?? 'local-dev-token',
};

try {
  const rttMs = rttFromEnv(env.GATEWAY_RTT_MS);
  const gateway = await startGateway({ ...options, rttMs });
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'gateway listening',
      upstashUrl: gateway.url,
      neonWsProxy: `${gateway.url.replace(/^http:\/\//, '')}/v2?token=<UPSTASH_REDIS_REST_TOKEN>`,
      neonFetchEndpoint: `${gateway.url}/sql`,
      postgres: `${options.postgres.host}:${options.postgres.port}`,
      redis: redact(options.redisUrl),
      rttMs,
    }),
  );
  const stop = (signal: string): void => {
    console.log(JSON.stringify({ level: 'info', msg: 'gateway stopping', signal }));
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A test run that spawned us and died without stopping us (kill -9, a closed pipe) closes our stdin.
  if (env.GATEWAY_EXIT_WITH_STDIN === '1') {
    process.stdin.once('end', () => stop('stdin closed'));
    process.stdin.resume();
  }
} catch (err) {
  console.error(JSON.stringify({ level: 'error', msg: 'gateway failed to start', error: String(err) }));
  process.exit(1);
}
