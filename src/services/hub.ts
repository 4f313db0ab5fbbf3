import type { LeaderboardWindow } from '../domain/leaderboard-window';

/** What the consumer tells the LeaderboardHub after a committed award (versioned: see README). */
export interface AwardUpdate {
  v: 1;
  type: 'award';
  user_id: string;
  username: string;
  xp_awarded: number;
  total_xp: number;
  level: number;
  level_up: boolean;
  ranks: Partial<Record<LeaderboardWindow, number | null>>;
  badges: { id: string; name: string }[];
  at: string;
}

export interface HubNotifier {
  /** One Durable Object call for a whole queue batch: subscribers get one update with all of it. */
  publish(updates: AwardUpdate[]): Promise<void>;
}

/** One hub for the whole game: every subscriber watches the same boards. */
export const HUB_NAME = 'global';

export function createHubNotifier(env: Pick<Env, 'LEADERBOARD_HUB'>): HubNotifier {
  return {
    async publish(updates) {
      if (updates.length === 0) return;
      const hub = env.LEADERBOARD_HUB.get(env.LEADERBOARD_HUB.idFromName(HUB_NAME));
      await hub.broadcast(updates);
    },
  };
}
