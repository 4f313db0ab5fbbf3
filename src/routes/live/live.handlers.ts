import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { CLIENT_ADDRESS_HEADER, CLIENT_FULL_STATUS, HUB_FULL_STATUS } from '../../hub/live-protocol';
import { HUB_NAME } from '../../services/hub';
import type { LiveRoute } from './live.routes';

/** A client's own sockets free a place only when it closes one: no point asking again at once. */
const CLIENT_FULL_RETRY_AFTER_SECONDS = 30;

/** Validates here, where errors get the API's shape, then hands the upgrade to the one LeaderboardHub. */
export const live: AppRouteHandler<LiveRoute> = async (c) => {
  const { window, size } = c.req.valid('query');
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError({
      code: 'upgrade_required',
      message: 'This is a WebSocket endpoint: connect with a WebSocket client',
      headers: { Upgrade: 'websocket' },
    });
  }
  const hub = c.env.LEADERBOARD_HUB.get(c.env.LEADERBOARD_HUB.idFromName(HUB_NAME));
  const url = new URL('https://leaderboard-hub/connect');
  const max = c.var.config.LIVE_MAX_SUBSCRIBERS;
  url.search = new URLSearchParams({ window, size: String(size) }).toString();
  const headers = new Headers(c.req.raw.headers);
  // Set here whatever the client sent: Cloudflare's CF-Connecting-IP is the only address we trust.
  headers.set(CLIENT_ADDRESS_HEADER, c.req.header('CF-Connecting-IP')?.trim() ?? '');
  const res = await hub.fetch(new Request(url, { headers }));
  if (res.status === CLIENT_FULL_STATUS) {
    throw new AppError({
      code: 'rate_limited',
      message: `Your address already has ${c.var.config.LIVE_MAX_SOCKETS_PER_CLIENT} live sockets open (the most allowed); close one first`,
      details: { retry_after_seconds: CLIENT_FULL_RETRY_AFTER_SECONDS },
      headers: { 'Retry-After': String(CLIENT_FULL_RETRY_AFTER_SECONDS) },
    });
  }
  if (res.status === HUB_FULL_STATUS) {
    throw new AppError({
      code: 'service_unavailable',
      message: `The live leaderboard has its maximum of ${max} subscribers; try again shortly`,
      headers: { 'Retry-After': '30' },
    });
  }
  if (res.status !== 101) {
    throw new AppError({
      code: 'service_unavailable',
      message: 'The live leaderboard is unavailable; try again shortly',
      headers: { 'Retry-After': '5' },
    });
  }
  return res;
};
