/** Demo data of product.md. Passwords are documented in the README; they are for local demos only. */
export const demoUsers = [
  { username: 'admin', email: 'admin@skillquest.dev', password: 'admin-demo-pass', role: 'admin' as const, timezone: 'UTC' },
  { username: 'alice', email: 'alice@skillquest.dev', password: 'alice-demo-pass', role: 'player' as const, timezone: 'Europe/Berlin' },
  { username: 'bob', email: 'bob@skillquest.dev', password: 'bob-demo-pass', role: 'player' as const, timezone: 'America/New_York' },
  { username: 'carol', email: 'carol@skillquest.dev', password: 'carol-demo-pass', role: 'player' as const, timezone: 'Asia/Tokyo' },
];

/** Listed in this order (`GET /challenges` shows the newest first; the seed dates them so). */
export const demoChallenges = [
  { title: 'FizzBuzz', description: 'Print 1..100, replacing multiples of 3 and 5.', xp: 50, difficulty: 'easy' as const, tags: ['basics', 'loops'] },
  { title: 'Reverse a String', description: 'Reverse a string without the built-in reverse.', xp: 50, difficulty: 'easy' as const, tags: ['basics', 'strings'] },
  { title: 'Two Sum', description: 'Find two numbers in an array that add up to a target.', xp: 100, difficulty: 'easy' as const, tags: ['arrays', 'hashing'] },
  { title: 'Top Customers by Revenue', description: 'Write a SQL query ranking customers by revenue with window functions.', xp: 200, difficulty: 'medium' as const, tags: ['sql'] },
  { title: 'LRU Cache', description: 'Implement an LRU cache with O(1) get and put.', xp: 250, difficulty: 'medium' as const, tags: ['design', 'hashing'] },
  { title: 'Recursive CTE: Org Chart', description: 'Walk a reporting hierarchy with a recursive CTE.', xp: 400, difficulty: 'hard' as const, tags: ['sql', 'recursion'] },
  { title: 'Dijkstra Shortest Path', description: 'Shortest paths on a weighted graph with a priority queue.', xp: 500, difficulty: 'hard' as const, tags: ['graphs', 'algorithms'] },
];

/** First Steps, Conqueror and Streak as the project plan defines them (its section 16), then three more. */
export const demoBadges = [
  { name: 'First Steps', description: 'Pass your first challenge.', condition: { type: 'attempt_count', count: 1 } },
  { name: 'Conqueror', description: 'Earn 1,000 XP.', condition: { type: 'xp', threshold: 1000 } },
  { name: 'Streak', description: 'Pass a challenge on 7 days in a row.', condition: { type: 'consecutive_days', days: 7 } },
  { name: 'Explorer', description: 'Pass 5 different challenges.', condition: { type: 'attempt_count', count: 5, distinct: true } },
  { name: 'Perfectionist', description: 'Score 100 twice.', condition: { type: 'perfect_scores', count: 2 } },
  { name: 'Query Master', description: 'Pass 2 SQL challenges, or any hard one.', condition: { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] } },
];

export interface PastAttempt {
  /** Submitted this many days before the seed ran, in the player's own timezone (1 = yesterday). */
  daysAgo: number;
  challenge: (typeof demoChallenges)[number]['title'];
  score: number;
}

/**
 * What the demo players did before the install, so the boards, streaks and badge progress have
 * something to show. alice: a 7-day streak ending yesterday and 1,280 XP (Conqueror, Streak, Explorer,
 * Query Master; Perfectionist 1 of 2). bob: 495 XP, a 3-day streak, one failed attempt (Conqueror
 * 495 of 1,000, Streak 3 of 7). carol: two passes, 88 XP. The admin plays no part.
 */
export const demoHistory: { username: string; attempts: PastAttempt[] }[] = [
  {
    username: 'alice',
    attempts: [
      { daysAgo: 7, challenge: 'FizzBuzz', score: 100 },
      { daysAgo: 6, challenge: 'Reverse a String', score: 90 },
      { daysAgo: 5, challenge: 'Two Sum', score: 95 },
      { daysAgo: 4, challenge: 'Top Customers by Revenue', score: 85 },
      { daysAgo: 3, challenge: 'LRU Cache', score: 90 },
      { daysAgo: 2, challenge: 'Recursive CTE: Org Chart', score: 80 },
      { daysAgo: 1, challenge: 'Dijkstra Shortest Path', score: 75 },
    ],
  },
  {
    username: 'bob',
    attempts: [
      { daysAgo: 9, challenge: 'FizzBuzz', score: 80 },
      { daysAgo: 3, challenge: 'Two Sum', score: 100 },
      { daysAgo: 2, challenge: 'Recursive CTE: Org Chart', score: 55 },
      { daysAgo: 2, challenge: 'Top Customers by Revenue', score: 90 },
      { daysAgo: 1, challenge: 'LRU Cache', score: 70 },
    ],
  },
  {
    username: 'carol',
    attempts: [
      { daysAgo: 4, challenge: 'Reverse a String', score: 75 },
      { daysAgo: 1, challenge: 'FizzBuzz', score: 100 },
    ],
  },
];
