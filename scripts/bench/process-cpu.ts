/**
 * CPU time of the local stack's processes, from /proc (Linux), so a route's cost can be split between the
 * worker and the local stand-ins around it: wrangler's dev proxy, the gateway (with wrangler itself), and
 * Postgres + Redis. On this one machine they all share the cores that the worker's throughput needs.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export const CPU_GROUPS = ['worker', 'devProxy', 'gateway', 'data'] as const;
export type CpuGroup = (typeof CPU_GROUPS)[number];
export type CpuTicks = Record<CpuGroup, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** Socket inodes of TCP connections whose remote port is `port` (/proc/net/tcp and tcp6). */
function socketsTo(port: number): Set<string> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (read(table) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[2]?.endsWith(hex)) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

function ownsSocket(pid: string, inodes: Set<string>): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * Classifies the machine's processes once: the workerd that holds connections to the gateway is the
 * worker, any other workerd is wrangler's dev proxy, `scripts/dev.ts` is the gateway (and wrangler).
 * Returns a sampler of CPU ticks per group; Postgres backends are looked up at each sample.
 */
export function stackCpu(gatewayPort: number): { available: boolean; sample(): CpuSample } {
  const toGateway = socketsTo(gatewayPort);
  const fixed = new Map<string, CpuGroup>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const cmd = read(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ') ?? '';
    if (/\bworkerd serve\b/.test(cmd)) fixed.set(pid, ownsSocket(pid, toGateway) ? 'worker' : 'devProxy');
    else if (cmd.includes('scripts/dev.ts')) fixed.set(pid, 'gateway');
    else if (cmd.startsWith('redis-server')) fixed.set(pid, 'data');
  }
  const ticks = (pid: string) => {
    const fields = read(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ');
    return fields ? Number(fields[11]) + Number(fields[12]) : 0;
  };
  return {
    available: [...fixed.values()].includes('worker'),
    sample() {
      const sample: CpuSample = new Map();
      for (const [pid, group] of fixed) sample.set(pid, { group, ticks: ticks(pid) });
      // Postgres backends come and go (the gateway's pool): each is looked up at every sample.
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && !fixed.has(p))) {
        if (read(`/proc/${pid}/cmdline`)?.startsWith('postgres:')) sample.set(pid, { group: 'data', ticks: ticks(pid) });
      }
      return sample;
    },
  };
}

/** Ticks per process (pid → group, ticks) at one moment. */
export type CpuSample = Map<string, { group: CpuGroup; ticks: number }>;

/** µs of CPU per request of each group between two samples; a process born in between counts from zero. */
export function perRequestUs(before: CpuSample, after: CpuSample, requests: number): CpuTicks {
  const total: CpuTicks = { worker: 0, devProxy: 0, gateway: 0, data: 0 };
  for (const [pid, { group, ticks }] of after) total[group] += ticks - (before.get(pid)?.ticks ?? 0);
  const us = (group: CpuGroup) => (requests > 0 ? (total[group] * TICK_MS * 1000) / requests : Number.NaN);
  return { worker: us('worker'), devProxy: us('devProxy'), gateway: us('gateway'), data: us('data') };
}
