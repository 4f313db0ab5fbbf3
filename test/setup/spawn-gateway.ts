import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface SpawnedGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs the gateway as its own Node process (as `npm run gateway` does). Vitest's workers project
 * resolves imports with worker conditions, which would hand ioredis its browser build in-process.
 */
export async function spawnGateway(env: Record<string, string>): Promise<SpawnedGateway> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    // Our end of its stdin closes when this process dies, however it dies: the gateway then exits too.
    env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_EXIT_WITH_STDIN: '1', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const listening = new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.includes('gateway listening')) resolve((JSON.parse(line) as { upstashUrl: string }).upstashUrl);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with code ${code} before listening`)));
  });
  const url = await listening;
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
