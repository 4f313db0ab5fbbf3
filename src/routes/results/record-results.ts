import { unmatchableHash, parsePasswordParams } from '../../auth/password';
import type { attempts } from '../../db/schema';
import { isPassing } from '../../domain/xp';
import { AppError, type ErrorCode } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { Services } from '../../services';
import * as queries from './results.queries';
import type { ReportResult } from './results.schemas';

export interface ReportedResult {
  attempt_id: string;
  player_id: string;
  external_id: string | null;
  player_created: boolean;
  challenge_id: string;
  status: 'passed' | 'failed';
  score: number;
  submitted_at: string;
}

export type Outcome = { ok: true; result: ReportedResult } | { ok: false; error: { code: ErrorCode; message: string } };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Player = { ok: true; id: string; externalId: string | null; created: boolean } | { ok: false; error: { code: ErrorCode; message: string } };

/** Each report's player: by our id, or by the platform's id (created on first use, with a password nobody has). */
async function resolvePlayers(services: Services, reports: ReportResult[]): Promise<Player[]> {
  const { db, config } = services;
  const known = await queries.findPlayers(db, reports.flatMap((r) => (r.player_id ? [r.player_id] : [])));
  const byExternal = new Map<string, Player>();
  const players: Player[] = [];
  for (const report of reports) {
    if (report.player_id) {
      players.push(known.has(report.player_id)
        ? { ok: true, id: report.player_id, externalId: known.get(report.player_id) ?? null, created: false }
        : { ok: false, error: { code: 'not_found', message: 'Player not found' } });
      continue;
    }
    const externalId = report.external_id!;
    const seen = byExternal.get(externalId);
    if (seen) {
      players.push(seen.ok ? { ...seen, created: false } : seen); // created by an earlier report of this call
      continue;
    }
    const digest = (await sha256Hex(externalId)).slice(0, 24);
    const found = await queries.findOrCreateExternalPlayer(db, externalId, {
      username: report.username ?? `ext_${digest.slice(0, 16)}`,
      email: `ext-${digest}@players.invalid`,
      passwordHash: unmatchableHash(parsePasswordParams(config.PASSWORD_HASH_PARAMS)),
    });
    const player: Player = found
      ? { ok: true, id: found.userId, externalId, created: found.created }
      : { ok: false, error: { code: 'conflict', message: 'The username for this new player is taken' } };
    byExternal.set(externalId, player);
    players.push(player);
  }
  return players;
}

/**
 * Records each report as a submitted attempt and enqueues its award: the same pipeline as a player's own
 * submit (queue, exactly once, best-score rule, badges, boards, live feed). Each report has its own outcome;
 * if the queue refuses, every attempt of the call is removed again and the call fails (503), so a retry is clean.
 */
export async function recordResults(services: Services, reports: ReportResult[], requestId: string): Promise<Outcome[]> {
  const { db, queue, config } = services;
  const players = await resolvePlayers(services, reports);
  const playable = await queries.findPlayableChallenges(db, [...new Set(reports.map((r) => r.challenge_id))]);
  const rows: (typeof attempts.$inferInsert)[] = [];
  const outcomes: Outcome[] = reports.map((report, i) => {
    const player = players[i]!;
    if (!player.ok) return { ok: false, error: player.error };
    if (!playable.has(report.challenge_id)) return { ok: false, error: { code: 'not_found', message: 'Challenge not found or not published' } };
    const status = isPassing(report.score, config.PASS_THRESHOLD) ? 'passed' : 'failed';
    const submittedAt = report.occurred_at ? new Date(report.occurred_at) : new Date();
    const id = crypto.randomUUID();
    rows.push({ id, userId: player.id, challengeId: report.challenge_id, status, score: report.score, solution: report.solution ?? null,
      metadata: report.metadata ?? {}, startedAt: submittedAt, submittedAt });
    return { ok: true, result: { attempt_id: id, player_id: player.id, external_id: player.externalId, player_created: player.created,
      challenge_id: report.challenge_id, status, score: report.score, submitted_at: submittedAt.toISOString() } };
  });
  await queries.insertSubmittedAttempts(db, rows);
  const ids = rows.map((row) => row.id!);
  try {
    await queue.sendBatch(ids.map((attemptId) => ({ type: 'award', attemptId })));
  } catch (err) {
    await queries.deleteUnawarded(db, ids);
    throw new AppError({ code: 'service_unavailable', message: 'The award queue is unavailable; retry shortly', headers: { 'Retry-After': '5' }, cause: err });
  }
  for (const row of rows) {
    log.info('challenge_submitted', { request_id: requestId, user_id: row.userId, attempt_id: row.id, challenge_id: row.challengeId,
      score: row.score, status: row.status, source: 'api_key' });
  }
  return outcomes;
}
