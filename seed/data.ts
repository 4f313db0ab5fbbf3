/** Demo data of product.md. Passwords are documented in the README; they are for local demos only. */
export const demoUsers = [
  { username: 'admin', email: 'admin@skillquest.dev', password: 'admin-demo-pass', role: 'admin' as const, timezone: 'UTC' },
  { username: 'alice', email: 'alice@skillquest.dev', password: 'alice-demo-pass', role: 'player' as const, timezone: 'Europe/Berlin' },
  { username: 'bob', email: 'bob@skillquest.dev', password: 'bob-demo-pass', role: 'player' as const, timezone: 'America/New_York' },
  { username: 'carol', email: 'carol@skillquest.dev', password: 'carol-demo-pass', role: 'player' as const, timezone: 'Asia/Tokyo' },
];

export const demoChallenges = [
  { title: 'FizzBuzz', description: 'Print 1..100, replacing multiples of 3 and 5.', xp: 50, difficulty: 'easy' as const, tags: ['basics', 'loops'] },
  { title: 'Reverse a String', description: 'Reverse a string without the built-in reverse.', xp: 50, difficulty: 'easy' as const, tags: ['basics', 'strings'] },
  { title: 'Two Sum', description: 'Find two numbers in an array that add up to a target.', xp: 100, difficulty: 'easy' as const, tags: ['arrays', 'hashing'] },
  { title: 'Top Customers by Revenue', description: 'Write a SQL query ranking customers by revenue with window functions.', xp: 200, difficulty: 'medium' as const, tags: ['sql'] },
  { title: 'LRU Cache', description: 'Implement an LRU cache with O(1) get and put.', xp: 250, difficulty: 'medium' as const, tags: ['design', 'hashing'] },
  { title: 'Recursive CTE: Org Chart', description: 'Walk a reporting hierarchy with a recursive CTE.', xp: 400, difficulty: 'hard' as const, tags: ['sql', 'recursion'] },
  { title: 'Dijkstra Shortest Path', description: 'Shortest paths on a weighted graph with a priority queue.', xp: 500, difficulty: 'hard' as const, tags: ['graphs', 'algorithms'] },
];

export const demoBadges = [
  { name: 'First Steps', description: 'Pass your first challenge.', condition: { type: 'attempt_count', count: 1 } },
  { name: 'Conqueror', description: 'Pass 5 different challenges.', condition: { type: 'attempt_count', count: 5, distinct: true } },
  { name: 'Streak', description: 'Pass a challenge on 3 days in a row.', condition: { type: 'consecutive_days', days: 3 } },
  { name: 'XP Hunter', description: 'Earn 500 XP.', condition: { type: 'xp', threshold: 500 } },
  { name: 'Perfectionist', description: 'Score 100 twice.', condition: { type: 'perfect_scores', count: 2 } },
  { name: 'Query Master', description: 'Pass 2 SQL challenges, or any hard one.', condition: { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] } },
];
