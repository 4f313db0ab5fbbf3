import { neon, neonConfig, Pool, type NeonQueryFunction } from '@neondatabase/serverless';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-http';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { createThrowawayDatabase, startTestGateway } from './helpers.ts';

const players = pgTable('players', { id: integer('id').primaryKey(), name: text('name').notNull() });

let gateway: Gateway;
let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
let sql: NeonQueryFunction<false, false>;
const roundTrips: number[] = [];

beforeAll(async () => {
  database = await createThrowawayDatabase('gwhttp');
  gateway = await startTestGateway({ onPgHttpQuery: (statements) => roundTrips.push(statements) });
  neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
  // The host names production; the gateway must still answer from local Postgres.
  sql = neon(`postgresql://postgres@ep-example.invalid.neon.tech/${database.name}`);
  await sql`create table players (id int primary key, name text not null)`;
});

afterAll(async () => {
  await gateway?.close();
  await database?.drop();
});

describe('Neon HTTP query protocol (neon() against POST /sql)', () => {
  it('returns values the driver types from raw text, parameters included', async () => {
    const when = new Date('2024-05-06T07:08:09.123Z');
    const [row] = await sql`select ${41}::int + 1 as int, ${'9007199254740993'}::bigint as big, 12.50::numeric as num,
      ${true}::bool as bool, ${when}::timestamptz as at, ${JSON.stringify({ a: [1, 'x'] })}::jsonb as doc,
      ${['a', 'b,c', 'd"e']}::text[] as tags, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as id,
      null::int as nothing, ${'héllo ✓'} as greeting`;
    expect(row).toEqual({
      int: 42,
      big: '9007199254740993',
      num: '12.50',
      bool: true,
      at: when,
      doc: { a: [1, 'x'] },
      tags: ['a', 'b,c', 'd"e'],
      id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      nothing: null,
      greeting: 'héllo ✓',
    });
  });

  it('honours arrayMode and fullResults', async () => {
    const result = await sql.query('select 1 as a, $1::text as a', ['two'], { arrayMode: true, fullResults: true });
    expect(result.rows).toEqual([[1, 'two']]);
    expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual([['a', 23], ['a', 25]]);
    expect(result).toMatchObject({ command: 'SELECT', rowCount: 1, rowAsArray: true });
  });

  it('runs a transaction batch in one request and commits it', async () => {
    const before = roundTrips.length;
    const [, , names] = await sql.transaction([
      sql`insert into players values (1, 'ada')`,
      sql`insert into players values (2, 'grace')`,
      sql`select name from players where id in (1, 2) order by id`,
    ]);
    expect(names).toEqual([{ name: 'ada' }, { name: 'grace' }]);
    expect(roundTrips.slice(before)).toEqual([3]);
    expect(await sql`select count(*)::int as n from players where id in (1, 2)`).toEqual([{ n: 2 }]);
  });

  it('rolls back the whole batch when one statement fails, with the SQLSTATE on the error', async () => {
    const failing = sql.transaction([sql`insert into players values (10, 'kept?')`, sql`insert into players values (10, 'again')`]);
    await expect(failing).rejects.toMatchObject({ name: 'NeonDbError', code: '23505', constraint: 'players_pkey', severity: 'ERROR' });
    expect(await sql`select * from players where id = 10`).toEqual([]);
  });

  it('applies the batch isolation level and read-only mode', async () => {
    const [level] = await sql.transaction([sql`show transaction_isolation`], { isolationLevel: 'Serializable' });
    expect(level).toEqual([{ transaction_isolation: 'serializable' }]);
    const write = sql.transaction([sql`insert into players values (20, 'x')`], { readOnly: true });
    await expect(write).rejects.toMatchObject({ code: '25006' });
  });

  it('surfaces syntax errors, and refuses several statements in one query as Neon does', async () => {
    await expect(sql`selec 1`).rejects.toMatchObject({ code: '42601', position: '1' });
    await expect(sql.query('select 1; select 2')).rejects.toMatchObject({ code: '42601' });
  });

  it('does not hand a session left inside a transaction to the next request', async () => {
    await sql.query('begin');
    // Reused inside that open transaction, both requests would see the same transaction id.
    const [first] = await sql`select txid_current() as xid`;
    const [second] = await sql`select txid_current() as xid`;
    expect(first?.xid).not.toBe(second?.xid);
  });

  it('works under drizzle-orm/neon-http', async () => {
    const db = drizzle({ client: sql });
    await db.insert(players).values({ id: 30, name: 'linus' });
    expect(await db.select().from(players).where(eq(players.id, 30))).toEqual([{ id: 30, name: 'linus' }]);
  });

  it('serves Pool.query() when neonConfig.poolQueryViaFetch is on', async () => {
    neonConfig.poolQueryViaFetch = true;
    const pool = new Pool({ connectionString: `postgresql://postgres@localhost/${database.name}` });
    try {
      const before = roundTrips.length;
      const { rows } = await pool.query('select $1::int + 1 as n', [1]);
      expect(rows).toEqual([{ n: 2 }]);
      expect(roundTrips.slice(before)).toEqual([1]); // over HTTP, not a WebSocket session
    } finally {
      neonConfig.poolQueryViaFetch = false;
      await pool.end();
    }
  });
});
