import { formatXp } from './api.js';

const tbody = () => document.getElementById('board-rows');

function createRow(userId) {
  const row = document.createElement('tr');
  row.dataset.userId = userId;
  for (let i = 0; i < 4; i++) row.append(document.createElement(i === 1 ? 'th' : 'td'));
  row.cells[1].scope = 'row';
  return row;
}

function fill(row, entry, me) {
  const [rank, name, xp, level] = row.cells;
  rank.textContent = String(entry.rank);
  name.textContent = entry.user_id === me ? `${entry.username} (you)` : entry.username;
  xp.textContent = formatXp(entry.total_xp);
  level.textContent = String(entry.level);
  row.classList.toggle('me', entry.user_id === me);
}

/** Restarts a CSS animation class on a row (removing and re-adding alone would not replay it). */
function flash(row, className) {
  row.classList.remove('changed', 'entered');
  void row.offsetWidth;
  row.classList.add(className);
}

/**
 * Renders the ranked rows, reusing each player's <tr>. Moved rows glide from their old place
 * (FLIP: measure First, move to Last, Invert with a transform, Play by removing it).
 */
export function renderBoard(entries, { changed, me }) {
  const body = tbody();
  const firstTop = new Map([...body.rows].map((row) => [row.dataset.userId, row.getBoundingClientRect().top]));
  const existing = new Map([...body.rows].map((row) => [row.dataset.userId, row]));
  for (const entry of entries) {
    const row = existing.get(entry.user_id) || createRow(entry.user_id);
    existing.delete(entry.user_id);
    fill(row, entry, me);
    body.append(row); // appending an attached row moves it
  }
  for (const gone of existing.values()) gone.remove();

  for (const row of body.rows) {
    const id = row.dataset.userId;
    const first = firstTop.get(id);
    if (first === undefined) {
      if (changed.has(id)) flash(row, 'entered');
      continue;
    }
    const delta = first - row.getBoundingClientRect().top;
    if (delta !== 0) {
      row.style.transition = 'none';
      row.style.transform = `translateY(${delta}px)`;
    }
    if (changed.has(id)) flash(row, 'changed');
  }
  void body.offsetHeight; // commit the inverted positions, so clearing them below animates
  for (const row of body.rows) {
    row.style.transition = '';
    row.style.transform = '';
  }
  document.getElementById('board-empty').hidden = entries.length > 0;
}
