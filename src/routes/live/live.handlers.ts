import { AppError } from '../../lib/app-error';
import type { AppRouteHandler } from '../../lib/types';
import { HUB_FULL_STATUS } from '../../hub/live-protocol';
import { HUB_NAME } from '../../services/hub';
import type { LiveRoute } from './live.routes';

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
  const res = await hub.fetch(new Request(url, { headers: c.req.raw.headers }));
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
