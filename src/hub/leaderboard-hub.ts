import { DurableObject } from 'cloudflare:workers';
import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import type { AwardUpdate } from '../services/hub';
import { BoardCache, boardReader } from './board-cache';
import { diffBoard, snapshotMessage, updateMessage } from './board-diff';
import { clientKey, clientTag, takeSubscribe } from './client-limits';
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_FULL_STATUS,
  CLOSE_POLICY_VIOLATION,
  HUB_FULL_STATUS,
  MAX_BAD_MESSAGES,
  parseClientMessage,
  PING_TEXT,
  PONG_TEXT,
  PROTOCOL_VERSION,
  SubscriptionSchema,
  type ErrorMessage,
  type Subscription,
} from './live-protocol';
import { groupBySubscription, readState, send, writeState, type SocketState } from './socket-state';

/**
 * Holds the live-leaderboard WebSockets (hibernation API) and sends each one the board it
 * subscribed to: a snapshot on connect or subscribe, then an update after every batch of committed awards.
 */
export class LeaderboardHub extends DurableObject<Env> {
  private readonly boards: BoardCache;
  /** One batch at a time, so each diff starts from the board the previous update described. */
  private broadcasting: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered by the runtime, without waking a hibernating hub.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_TEXT, PONG_TEXT));
    this.boards = new BoardCache(ctx.storage, boardReader(env));
  }

  /** The worker has validated the query (GET /leaderboard/live); the checks here are a second line. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    const query = new URL(request.url).searchParams;
    const subscription = SubscriptionSchema.safeParse({
      window: query.get('window') ?? undefined,
      size: query.has('size') ? Number(query.get('size')) : undefined,
    });
    if (!subscription.success) return new Response('Bad subscription', { status: 422 });
    const tag = clientTag(clientKey(request.headers.get(CLIENT_ADDRESS_HEADER)));
    const early = this.refusal(tag);
    if (early) return early;

    let board;
    try {
      board = await this.boards.snapshot(subscription.data.window);
    } catch (err) {
      log.warn('live_snapshot_failed', describeError(err));
      return new Response('Leaderboard unavailable', { status: 503 });
    }
    // Again: other connects were accepted while the board was read, and nothing awaits between here and accept.
    const late = this.refusal(tag);
    if (late) return late;
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server, [tag]);
    writeState(server, { ...subscription.data, strikes: 0, subscribedAt: [] });
    send(server, snapshotMessage(subscription.data, board));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const state = readState(ws);
    const parsed = parseClientMessage(data);
    if (!parsed.ok) return this.strike(ws, state, parsed.error);
    if (parsed.message.type === 'ping') {
      send(ws, { v: PROTOCOL_VERSION, type: 'pong' });
      return;
    }
    const perSecond = configFromEnv(this.env).LIVE_SUBSCRIBES_PER_SECOND;
    const rate = takeSubscribe(state.subscribedAt ?? [], Date.now(), perSecond);
    if (!rate.allowed) {
      const message = `At most ${perSecond} subscribes a second; this one was ignored`;
      return this.strike(ws, state, { v: PROTOCOL_VERSION, type: 'error', code: 'rate_limited', message });
    }
    const subscription: Subscription = { window: parsed.message.window, size: parsed.message.size };
    writeState(ws, { ...state, ...subscription, subscribedAt: rate.recent });
    try {
      const board = await this.boards.snapshot(subscription.window);
      // A newer subscribe from the same client may have landed while we read.
      const now = readState(ws);
      if (now.window === subscription.window && now.size === subscription.size) send(ws, snapshotMessage(subscription, board));
    } catch (err) {
      log.warn('live_snapshot_failed', describeError(err));
      send(ws, { v: PROTOCOL_VERSION, type: 'error', code: 'unavailable', message: 'The leaderboard could not be read; subscribe again shortly' });
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Completes the closing handshake; 1005 and 1006 only describe a close and can't be sent.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(_ws: WebSocket, error: unknown): Promise<void> {
    log.warn('live_socket_error', describeError(error));
  }

  /**
   * RPC from the award pipeline, once per queue batch with all its committed awards; returns how
   * many sockets got an update. Each watched board is read once and each socket gets one message.
   */
  async broadcast(awards: AwardUpdate[]): Promise<number> {
    const run = this.broadcasting.then(() => this.sendUpdates(awards));
    this.broadcasting = run.catch(() => undefined);
    return run;
  }

  private async sendUpdates(awards: AwardUpdate[]): Promise<number> {
    if (awards.length === 0) return 0;
    const windows = [...groupBySubscription(this.ctx.getWebSockets()).keys()];
    this.boards.keepOnly(windows);
    if (windows.length === 0) return 0;
    let changes;
    try {
      changes = await this.boards.reload(windows);
    } catch (err) {
      // Not rethrown: a retried queue message would not publish again (it is no longer new).
      log.warn('live_update_failed', { user_ids: awards.map((a) => a.user_id), ...describeError(err) });
      return 0;
    }
    let sent = 0;
    // Grouped again: sockets may have come, gone or changed subscription while the boards were read.
    for (const [window, bySize] of groupBySubscription(this.ctx.getWebSockets())) {
      const board = changes.get(window);
      if (!board) continue; // subscribed meanwhile: its snapshot is newer than these awards
      for (const [size, sockets] of bySize) {
        const text = JSON.stringify(updateMessage(awards, window, diffBoard(board.previous, board.next, size)));
        for (const ws of sockets) if (send(ws, text)) sent++;
      }
    }
    return sent;
  }

  /** Why a new socket from the client tagged `tag` can't be accepted now (hibernated sockets count too). */
  private refusal(tag: string): Response | undefined {
    const config = configFromEnv(this.env);
    if (this.ctx.getWebSockets().length >= config.LIVE_MAX_SUBSCRIBERS) return new Response('Hub full', { status: HUB_FULL_STATUS });
    if (this.ctx.getWebSockets(tag).length >= config.LIVE_MAX_SOCKETS_PER_CLIENT) {
      return new Response('Too many sockets from this client', { status: CLIENT_FULL_STATUS });
    }
    return undefined;
  }

  private strike(ws: WebSocket, state: SocketState, error: ErrorMessage): void {
    const strikes = state.strikes + 1;
    writeState(ws, { ...state, strikes });
    send(ws, error);
    if (strikes <= MAX_BAD_MESSAGES) return;
    try {
      ws.close(CLOSE_POLICY_VIOLATION, 'Too many bad messages');
    } catch {
      // already closing
    }
  }
}
