import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { sqlRank, standings } from '../../src/services/leaderboard/standings';
import { createUser, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

describe('sqlRank (the Postgres fallback) agrees with the full SQL ranking', () => {
  it('for higher XP, an earlier second at equal XP, and the id tie-break within one second', async () => {
    const at = new Date('2026-11-20T12:00:00.400Z');
    const players = await Promise.all([1, 2, 3, 4].map(() => createUser(handle)));
    const rows = [
      { xp: 777_001, reachedAt: at },
      { xp: 777_000, reachedAt: new Date(at.getTime() - 5_000) },
      { xp: 777_000, reachedAt: at },
      { xp: 777_000, reachedAt: new Date(at.getTime() + 300) }, // same second as the one above
    ];
    for (const [i, player] of players.entries()) {
      await handle.db.execute(sql`update ${users} set total_xp = ${rows[i]!.xp}, xp_reached_at = ${rows[i]!.reachedAt.toISOString()} where id = ${player.id}`);
    }
    // One snapshot for both readings: other test files change the board meanwhile.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      const all = await standings(tx, 'all', new Date());
      for (const player of players) {
        const expected = all.findIndex((s) => s.userId === player.id) + 1;
        expect(expected).toBeGreaterThan(0);
        expect(await sqlRank(tx, 'all', player.id, new Date())).toBe(expected);
      }
      // A page of the standings is cut from that order too (the tie-breaks decide which rows a page holds).
      for (const player of players) {
        const rank = (await sqlRank(tx, 'all', player.id, new Date()))!;
        expect((await standings(tx, 'all', new Date(), { offset: rank - 1, limit: 1 })).map((s) => s.userId)).toEqual([player.id]);
      }
      const ranks = await Promise.all(players.map((p) => sqlRank(tx, 'all', p.id, new Date())));
      expect(ranks[0]).toBeLessThan(ranks[1]!);
      expect(ranks[1]).toBeLessThan(Math.min(ranks[2]!, ranks[3]!));
    });
  });

  it('is null for a player without XP', async () => {
    const player = await createUser(handle);
    expect(await sqlRank(handle.db, 'all', player.id, new Date())).toBeNull();
  });
});
