import { exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorStatus, type ErrorCode } from '../../src/lib/app-error';
import { deliver } from './award-helpers';
import { BASE, openDb } from './helpers';
import { operationOf, protectedRoutes } from './protected-routes';
import { operationName, operationsOf, type OpenApiDocument, type Operation } from './fuzz/contract';
import { requestArbitrary, type FuzzRequest } from './fuzz/requests';
import { responseChecker } from './fuzz/response-check';
import { rowSnapshot, type SnapshotScope } from './fuzz/row-snapshot';
import { authArbitrary, createVeteran, createWorld, hintsFor, idPool, type Veteran, type World } from './fuzz/world';

// Every operation of the served document, fuzzed from its own contract. Whatever is sent, the answer
// is a 4xx in the error shape (and then no row changed) or a documented 2xx whose body matches the
// operation's response schema; never a 5xx (nothing is down here).

const doc = await (await exports.default.fetch(`${BASE}/openapi.json`)).json<OpenApiDocument>();
const operations = operationsOf(doc);
const check = responseChecker(doc);
const handle = openDb();
let veteran: Veteran;
beforeAll(async () => {
  veteran = await createVeteran(handle);
});

/** Operations whose accepted request starts work over the whole database: sent as admin once, not fuzzed as admin. */
const ADMIN_ONCE = new Set(['POST /admin/recalc-xp']);

// Routes for API keys are fuzzed with access tokens only (refused, or an admin's where it also passes).
const AS_TOKEN = { key: 'auth', adminOrKey: 'admin' } as const;
const needsOf = new Map(protectedRoutes.map((route) => [operationOf(route), route.needs === 'key' || route.needs === 'adminOrKey' ? AS_TOKEN[route.needs] : route.needs]));

/** More runs where there is more to vary: a body, then parameters, then nothing but headers. */
function runsFor(op: Operation): number {
  if (op.requestBody) return 70;
  return op.parameters.length > 0 ? 45 : 12;
}

const tally = { cases: 0, statuses: new Map<number, number>() };
afterAll(async () => {
  await handle.close();
  const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`contract fuzz: ${tally.cases} requests over ${operations.length} operations (${statuses})`);
});

async function send(req: FuzzRequest) {
  const res = await exports.default.fetch(new Request(`${BASE}${req.target}`, { method: req.method, headers: req.headers, body: req.body }));
  // A WebSocket upgrade (GET /leaderboard/live) is accepted and closed at once.
  res.webSocket?.accept();
  res.webSocket?.close(1000, 'fuzz');
  const text = await res.text();
  tally.cases += 1;
  tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
  return { status: res.status, contentType: res.headers.get('Content-Type'), text };
}

const cut = (s: string | undefined, n = 300) => (s === undefined ? '' : s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);
const story = (req: FuzzRequest, res: { status: number; text: string }) =>
  `${req.method} ${cut(req.target)} [${req.kind}] ${cut(JSON.stringify(req.headers), 200)} body: ${cut(req.body)}\n→ ${res.status} ${cut(res.text, 600)}`;

/** An accepted submit is awarded by the queue in the background: wait for it, so its rows do not change under the next snapshot. */
async function settleAward(attemptId: string) {
  await deliver({ type: 'award', attemptId });
  await vi.waitFor(async () => {
    const { rows } = await handle.db.execute(sql`select 1 from attempts where id = ${attemptId} and awarded_at is not null and announced_at is not null`);
    expect(rows).toHaveLength(1);
  }, { timeout: 20_000, interval: 200 });
}

/** The rows this file owns (see row-snapshot.ts), with the strings of one request. */
const scopeOf = (w: World, names: string[]): SnapshotScope => ({
  users: [w.admin.id, w.player.id, veteran.id],
  challenges: [w.challenge, veteran.challenge],
  badges: [w.badge, veteran.badge],
  names,
});

async function exercise(op: Operation, world: World, req: FuzzRequest) {
  const scope = scopeOf(world, req.names);
  const before = op.method === 'GET' ? undefined : await rowSnapshot(handle, scope);
  const res = await send(req);
  const upgraded = res.status === 101 && req.headers.upgrade === 'websocket' && op.responses['101'] !== undefined;
  expect(res.status, story(req, res)).toBeLessThan(500);
  if (!upgraded) expect(check.answer(op, res.status, res.contentType, res.text), story(req, res)).toBeUndefined();
  if (res.status >= 400) {
    const { code } = (JSON.parse(res.text) as { error: { code: ErrorCode } }).error;
    expect(errorStatus[code], `the code of a ${res.status}: ${story(req, res)}`).toBe(res.status);
    if (before) expect(await rowSnapshot(handle, scope), `a refused request changed rows: ${story(req, res)}`).toEqual(before);
  } else if (res.status === 202 && op.path === '/attempts/{id}/submit') {
    await settleAward(world.attempt);
  }
}

describe('every operation of /openapi.json, fuzzed from its contract', () => {
  it('the document lists operations to fuzz', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it('a method the document does not list for a path: a 4xx in the error shape, no row changed', async () => {
    const world = await createWorld(handle);
    const before = await rowSnapshot(handle, scopeOf(world, []));
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !(m.toLowerCase() in item))) {
        const req = { method, target: path.replace(/\{\w+\}/g, veteran.id), headers: { Authorization: `Bearer ${world.admin.token}` }, kind: 'undocumented method', names: [] };
        const res = await send(method === 'GET' ? req : { ...req, body: '{}', headers: { ...req.headers, 'Content-Type': 'application/json' } });
        expect(check.errorShape(res.status, res.contentType, res.text), story(req, res)).toBeUndefined();
      }
    }
    expect(await rowSnapshot(handle, scopeOf(world, []))).toEqual(before);
  });

  for (const op of operations) {
    const name = operationName(op);
    it(`${name}: 4xx in the error shape changing no row, or a 2xx matching the document`, async () => {
      const world = await createWorld(handle);
      const auth = await authArbitrary(world, needsOf.get(name) ?? 'optional', { admin: !ADMIN_ONCE.has(name) });
      const requests = requestArbitrary(op, { doc, hints: hintsFor(world), ids: idPool(world, veteran), auth });
      const scope = scopeOf(world, []);
      const before = op.method === 'GET' ? await rowSnapshot(handle, scope) : undefined;

      // A failure prints fast-check's { seed, path }: pass both to fc.assert here to replay that run.
      await fc.assert(fc.asyncProperty(requests, (req) => exercise(op, world, req)), { numRuns: runsFor(op) });

      if (ADMIN_ONCE.has(name)) {
        const res = await send({ method: op.method, target: op.path, headers: { Authorization: `Bearer ${world.admin.token}` }, kind: 'admin once', names: [] });
        expect(check.answer(op, res.status, res.contentType, res.text)).toBeUndefined();
        expect(res.status).toBeLessThan(300);
      }
      // GETs change nothing, answered or refused.
      if (before) expect(await rowSnapshot(handle, scope)).toEqual(before);
    }, 120_000);
  }
});
