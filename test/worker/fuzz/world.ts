import fc from 'fast-check';
import type { DbHandle } from '../../../src/db/client';
import { attempts, badges, jobs, userBadges } from '../../../src/db/schema';
import { encodeCursor } from '../../../src/lib/cursor';
import { createChallenge, deliver } from '../award-helpers';
import { forgeAccessToken } from '../auth-helpers';
import { config, createUser, unique, type TestUser } from '../helpers';
import type { Hints } from './values';

/** The rows one operation's requests aim at: fresh per operation, so one that deletes or locks them harms no other. */
export interface World {
  admin: TestUser;
  player: TestUser;
  challenge: string;
  badge: string;
  attempt: string;
  job: string;
}

const NEVER = { type: 'xp', threshold: 10_000_000 };

export async function createWorld(handle: DbHandle): Promise<World> {
  const [admin, player] = await Promise.all([createUser(handle, 'admin'), createUser(handle)]);
  const challenge = await createChallenge(handle, { createdBy: admin.id });
  const [badge] = await handle.db.insert(badges).values({ name: unique('Fuzz badge '), condition: NEVER }).returning({ id: badges.id });
  const [attempt] = await handle.db.insert(attempts).values({ userId: player.id, challengeId: challenge.id }).returning({ id: attempts.id });
  const [job] = await handle.db.insert(jobs).values({ kind: 'recalc_xp', status: 'succeeded', total: 0, createdBy: admin.id }).returning({ id: jobs.id });
  return { admin, player, challenge: challenge.id, badge: badge!.id, attempt: attempt!.id, job: job!.id };
}

/** A player with history (an awarded pass, XP, an earned badge), so answers about players have items to check. */
export interface Veteran {
  id: string;
  attempt: string;
  challenge: string;
  badge: string;
}

export async function createVeteran(handle: DbHandle): Promise<Veteran> {
  const player = await createUser(handle);
  const challenge = await createChallenge(handle, { xp: 250 });
  const [attempt] = await handle.db
    .insert(attempts)
    .values({ userId: player.id, challengeId: challenge.id, status: 'passed', score: 90, submittedAt: new Date() })
    .returning({ id: attempts.id });
  await deliver({ type: 'award', attemptId: attempt!.id });
  const [badge] = await handle.db.insert(badges).values({ name: unique('Fuzz veteran '), condition: NEVER }).returning({ id: badges.id });
  await handle.db.insert(userBadges).values({ userId: player.id, badgeId: badge!.id, metadata: { by: 'fuzz' } });
  return { id: player.id, attempt: attempt!.id, challenge: challenge.id, badge: badge!.id };
}

/**
 * Ids of real rows: those of the kind a path names (most requests should reach the handler), and
 * every kind, for every id parameter: a challenge's id where a user's belongs must be a 404 too.
 */
export function idPool(w: World, v: Veteran) {
  const all = [w.challenge, w.badge, w.attempt, w.job, w.player.id, w.admin.id, v.id, v.attempt, v.challenge, v.badge];
  return (path: string) => {
    const kind = /^\/(attempts|challenges|badges|admin\/jobs)\/\{id\}/.exec(path)?.[1] ?? 'users';
    const right = { attempts: [w.attempt, v.attempt], challenges: [w.challenge, v.challenge], badges: [w.badge, v.badge], 'admin/jobs': [w.job], users: [w.player.id, v.id] }[kind]!;
    return { right, all };
  };
}

/**
 * Badge conditions nobody in the shared database can meet: a badge the fuzzer creates is backfilled
 * to every player who qualifies, and other files count their players' badges.
 */
const unreachableLeaf = fc.oneof(
  fc.constant(NEVER),
  fc.boolean().map((distinct) => ({ type: 'attempt_count', count: 100_000, distinct })),
  fc.constant({ type: 'consecutive_days', days: 3650 }),
  fc.constant({ type: 'level', level: 1000 }),
  fc.constantFrom('easy', 'medium', 'hard').map((difficulty) => ({ type: 'difficulty_count', difficulty, count: 100_000 })),
  fc.constant({ type: 'perfect_scores', count: 100_000 }),
  fc.stringMatching(/^[a-z0-9-]{1,32}$/).map((tag) => ({ type: 'tag_count', tag, count: 100_000 })),
);
const unreachableCondition = fc.oneof(
  unreachableLeaf,
  fc.record({ type: fc.constantFrom('all', 'any'), of: fc.array(unreachableLeaf, { minLength: 1, maxLength: 3 }) }),
);

/** What the schema cannot say: real zones, real ids and credentials now and then, safe badge conditions. */
export function hintsFor(w: World): Hints {
  const sometimes = (value: unknown) => (fromSchema: fc.Arbitrary<unknown>) => fc.oneof({ weight: 3, arbitrary: fromSchema }, { weight: 1, arbitrary: fc.constant(value) });
  return {
    // Cursors that decode: odd but well-formed sort keys, and JSON that is no sort key at all.
    cursor: (fromSchema) =>
      fc.oneof(
        fromSchema,
        fc.tuple(fc.constantFrom('9999-12-31T23:59:59.999999Z', '0001-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z'), fc.uuid()).map(([createdAt, id]) => encodeCursor({ createdAt, id })),
        fc.jsonValue({ maxDepth: 2 }).map((value) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))),
      ),
    challenge_id: sometimes(w.challenge),
    timezone: (fromSchema) => fc.oneof({ weight: 1, arbitrary: fromSchema }, { weight: 3, arbitrary: fc.constantFrom('UTC', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham') }),
    condition: () => unreachableCondition,
    username: sometimes(w.player.username),
    email: sometimes(w.player.email),
    password: sometimes(w.player.password),
    current_password: sometimes(w.player.password),
  };
}

export interface Auth {
  name: string;
  header?: string;
}

/** How often each kind of Authorization is sent, by what the route needs: most requests get past the token check. */
const WEIGHTS = {
  admin: { anonymous: 1, player: 2, admin: 6, refused: 2, junk: 1 },
  auth: { anonymous: 1, player: 5, admin: 2, refused: 2, junk: 1 },
  optional: { anonymous: 4, player: 2, admin: 2, refused: 1, junk: 1 },
};

/**
 * Authorization headers: none, a player's, an admin's, and tokens that must not pass.
 * `needs` comes from protected-routes.ts; `admin: false` leaves the admin's token out.
 */
export async function authArbitrary(w: World, needs: keyof typeof WEIGHTS, { admin = true } = {}): Promise<fc.Arbitrary<Auth>> {
  const weight = WEIGHTS[needs];
  const now = Math.floor(Date.now() / 1000);
  const bearer = (token: string) => `Bearer ${token}`;
  const refused: Auth[] = [
    { name: 'expired', header: bearer(await forgeAccessToken(w.player.id, { exp: now - 60 })) },
    { name: 'wrong-secret', header: bearer(await forgeAccessToken(w.admin.id, { role: 'admin', secret: 'not-the-secret-0123456789abcdef0123' })) },
    { name: 'ghost-admin', header: bearer(await forgeAccessToken(crypto.randomUUID(), { role: 'admin' })) },
    // A well-signed token of a player who is not (or no longer) in the database: player tokens cost no lookup.
    { name: 'ghost-player', header: bearer(await forgeAccessToken(crypto.randomUUID())) },
    { name: 'player-claims-admin', header: bearer(await forgeAccessToken(w.player.id, { role: 'admin' })) },
    { name: 'metrics-token', header: bearer(config.METRICS_TOKEN) },
    { name: 'odd-scheme', header: `bearer ${w.player.token}` },
    { name: 'odd-scheme', header: `Basic ${btoa('user:pass')}` },
    { name: 'odd-scheme', header: w.player.token },
    { name: 'odd-scheme', header: 'Bearer' },
    { name: 'odd-scheme', header: `Bearer  ${w.player.token}` },
    { name: 'odd-scheme', header: `Bearer ${w.player.token}x` },
  ];
  const junk = fc.string({ unit: 'binary-ascii', maxLength: 60 }).filter((s) => /^[\x21-\x7e]*$/.test(s)).map((s) => ({ name: 'junk-token', header: bearer(s) }));
  return fc.oneof(
    { weight: weight.anonymous, arbitrary: fc.constant({ name: 'anonymous' }) },
    { weight: weight.player, arbitrary: fc.constant({ name: 'player', header: bearer(w.player.token) }) },
    { weight: admin ? weight.admin : 0, arbitrary: fc.constant({ name: 'admin', header: bearer(w.admin.token) }) },
    { weight: weight.refused, arbitrary: fc.constantFrom(...refused) },
    { weight: weight.junk, arbitrary: junk },
  );
}
