/** A /leaderboard/live WebSocket client that timestamps every award broadcast it receives. */

interface AwardMessage {
  type: string;
  /** Every award of the queue batch the update announces (docs/live-protocol.md). */
  awards?: { user_id: string; xp_awarded: number }[];
}

export class LiveSubscriber {
  /** `${user_id}:${xp_awarded}` → when the first update carrying that award arrived. */
  readonly awards = new Map<string, number>();
  private readonly ws: WebSocket;
  private readonly snapshot: Promise<void>;

  constructor(baseUrl: string, query = '?window=all&size=10') {
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/leaderboard/live${query}`);
    this.snapshot = new Promise((resolve, reject) => {
      this.ws.addEventListener('error', () => reject(new Error('live WebSocket failed')), { once: true });
      this.ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as AwardMessage;
        if (message.type === 'snapshot') resolve();
        const at = performance.now();
        for (const award of message.type === 'update' ? (message.awards ?? []) : []) {
          const key = LiveSubscriber.key(award.user_id, award.xp_awarded);
          if (!this.awards.has(key)) this.awards.set(key, at);
        }
      });
    });
  }

  static key(userId: string, xp: number): string {
    return `${userId}:${xp}`;
  }

  /** Resolves once the first snapshot arrived (the subscription is live). */
  ready(): Promise<void> {
    return this.snapshot;
  }

  close(): void {
    this.ws.close(1000, 'done');
  }
}
