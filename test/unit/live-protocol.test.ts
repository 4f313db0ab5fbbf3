import { describe, expect, it } from 'vitest';
import { diffBoard, snapshotMessage, updateMessage } from '../../src/hub/board-diff';
import type { AwardUpdate } from '../../src/services/hub';
import { MAX_CLIENT_MESSAGE_BYTES, parseClientMessage, type BoardEntry } from '../../src/hub/live-protocol';

const row = (rank: number, user_id: string, total_xp: number, level = 1): BoardEntry => ({ rank, user_id, username: user_id, total_xp, level });

describe('diffBoard', () => {
  const before = [row(1, 'ann', 500), row(2, 'bob', 300), row(3, 'cat', 100)];

  it('sends only rows that are new or changed in the top N', () => {
    const after = [row(1, 'ann', 500), row(2, 'cat', 400, 2), row(3, 'bob', 300)];
    expect(diffBoard(before, after, 3)).toEqual({ entries: [after[1], after[2]], removed: [] });
  });

  it('resends a row whose total, level or name changed while its rank stayed', () => {
    const after = [row(1, 'ann', 600), row(2, 'bob', 300, 2), { ...row(3, 'cat', 100), username: 'kat' }];
    expect(diffBoard(before, after, 3)).toEqual({ entries: after, removed: [] });
    expect(diffBoard(before, before, 3)).toEqual({ entries: [], removed: [] });
  });

  it('names the players pushed out of the top N', () => {
    const after = [row(1, 'dan', 900), row(2, 'ann', 500), row(3, 'bob', 300), row(4, 'cat', 100)];
    expect(diffBoard(before, after, 3)).toEqual({ entries: after.slice(0, 3), removed: ['cat'] });
    expect(diffBoard(before, after, 1)).toEqual({ entries: [after[0]], removed: ['ann'] });
  });

  it('treats an unknown previous board as empty', () => {
    expect(diffBoard(undefined, before, 2)).toEqual({ entries: before.slice(0, 2), removed: [] });
  });

  it('a snapshot is the top `size` rows of the board', () => {
    expect(snapshotMessage({ window: 'week', size: 2 }, before)).toEqual({ v: 1, type: 'snapshot', window: 'week', size: 2, entries: before.slice(0, 2) });
  });
});

describe('updateMessage', () => {
  it('needs at least one award', () => {
    expect(() => updateMessage([], 'all', { entries: [], removed: [] })).toThrow('an update needs at least one award');
  });

  const awardOf = (user: string, total: number, extra: Partial<AwardUpdate> = {}): AwardUpdate => ({
    v: 1, type: 'award', user_id: user, username: user, xp_awarded: 100, total_xp: total, level: 2,
    level_up: false, ranks: {}, badges: [], at: '2026-11-20T12:00:00.000Z', ...extra,
  });
  const change = { entries: [row(1, 'ann', 600)], removed: ['cat'] };

  it('carries every award of a batch, with its level-up and badges, and the board change once', () => {
    const awards = [awardOf('ann', 600, { level_up: true, badges: [{ id: 'b1', name: 'First' }] }), awardOf('bob', 400)];
    expect(updateMessage(awards, 'week', change)).toEqual({
      v: 1, type: 'update', window: 'week', entries: change.entries, removed: ['cat'],
      awards: [
        { user_id: 'ann', username: 'ann', xp_awarded: 100, total_xp: 600, level: 2, level_up: true, badges: [{ badge_id: 'b1', name: 'First' }] },
        { user_id: 'bob', username: 'bob', xp_awarded: 100, total_xp: 400, level: 2, level_up: false, badges: [] },
      ],
      // The first form's fields: the last award, with no level_up or badges since it made none.
      award: { user_id: 'bob', username: 'bob', xp_awarded: 100, total_xp: 400, level: 2 },
    });
  });

  it('keeps the first form for a batch of one', () => {
    const message = updateMessage([awardOf('ann', 600, { level_up: true, badges: [{ id: 'b1', name: 'First' }] })], 'all', change);
    expect(message).toMatchObject({
      award: { user_id: 'ann', username: 'ann', xp_awarded: 100, total_xp: 600, level: 2 },
      level_up: { user_id: 'ann', username: 'ann', level: 2 },
      badges: [{ user_id: 'ann', username: 'ann', badge_id: 'b1', name: 'First' }],
    });
    expect(message.awards).toHaveLength(1);
  });
});

describe('parseClientMessage', () => {
  it('accepts subscribe (with defaults) and ping', () => {
    expect(parseClientMessage('{"type":"subscribe","window":"week","size":25}')).toEqual({ ok: true, message: { type: 'subscribe', window: 'week', size: 25 } });
    expect(parseClientMessage('{"v":1,"type":"subscribe"}')).toEqual({ ok: true, message: { v: 1, type: 'subscribe', window: 'all', size: 10 } });
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ ok: true, message: { type: 'ping' } });
  });

  it.each([
    ['{', 'bad_json'],
    ['"ping"', 'unknown_type'],
    ['{"type":"__proto__"}', 'unknown_type'],
    ['{"type":"subscribe","size":"10"}', 'invalid_message'],
    ['{"v":2,"type":"ping"}', 'invalid_message'],
    [`{"type":"ping","x":"${'é'.repeat(MAX_CLIENT_MESSAGE_BYTES / 2)}"}`, 'too_large'],
  ])('%s is rejected as %s', (text, code) => {
    const parsed = parseClientMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ v: 1, type: 'error', code });
  });

  it('rejects binary frames', () => {
    expect(parseClientMessage(new ArrayBuffer(4))).toMatchObject({ ok: false, error: { code: 'unsupported_data' } });
  });
});
