/** Level curve of product.md: level = floor(sqrt(total_xp / 100)) + 1; level L starts at 100 × (L−1)² XP. */
export function levelForXp(totalXp: number): number {
  if (!Number.isFinite(totalXp) || totalXp < 0) return 1;
  let level = Math.floor(Math.sqrt(totalXp / 100)) + 1;
  // sqrt of a float can land a hair under an exact square; nudge with integer checks.
  while (xpForLevel(level + 1) <= totalXp) level++;
  while (level > 1 && xpForLevel(level) > totalXp) level--;
  return level;
}

/** Total XP at which `level` begins. */
export function xpForLevel(level: number): number {
  return 100 * (level - 1) ** 2;
}

export interface LevelProgress {
  total_xp: number;
  level: number;
  xp_into_level: number;
  xp_to_next_level: number;
  next_level_xp: number;
}

export function levelProgress(totalXp: number): LevelProgress {
  const level = levelForXp(totalXp);
  const start = xpForLevel(level);
  const next = xpForLevel(level + 1); // = 100 × level²
  return {
    total_xp: totalXp,
    level,
    xp_into_level: totalXp - start,
    xp_to_next_level: next - totalXp,
    next_level_xp: next,
  };
}
