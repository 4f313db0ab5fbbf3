import { formatXp } from './api.js';
import { renderBoard } from './board-rows.js';

// The exact text the server's runtime answers with {"type":"pong"}, even while the hub hibernates.
const PING_TEXT = '{"type":"ping"}';
const PING_EVERY_MS = 30_000;
/** The server lets a socket subscribe a few times a second (LIVE_SUBSCRIBES_PER_SECOND). */
const RESUBSCRIBE_AFTER_MS = 1_100;

/** Follows /leaderboard/live: a snapshot, then updates merged row by row, with reconnects. */
export function startLiveBoard({ onAward = () => {} } = {}) {
  const status = document.getElementById('connection');
  const news = document.getElementById('board-news');
  const windowSelect = document.getElementById('board-window');
  const sizeSelect = document.getElementById('board-size');
  const state = { window: windowSelect.value, size: Number(sizeSelect.value), rows: new Map(), me: null };
  let socket = null;
  let pinger = null;
  let retryMs = 1_000;
  let resubscribeLater = null;

  const setStatus = (kind, text) => {
    status.dataset.state = kind;
    status.textContent = text;
  };

  const draw = (changed) => renderBoard([...state.rows.values()], { changed, me: state.me });

  function applySnapshot(message) {
    if (message.window !== state.window || message.size !== state.size) return; // an older subscription
    state.rows = new Map(message.entries.map((entry) => [entry.user_id, entry]));
    draw(new Set());
  }

  function applyUpdate(message) {
    onAward(message);
    if (message.window !== state.window) return;
    for (const id of message.removed || []) state.rows.delete(id);
    const updated = new Set(message.entries.map((entry) => entry.user_id));
    const taken = new Set(message.entries.map((entry) => entry.rank));
    // Ranks are unique: an untouched row whose rank someone else now holds is out of date.
    for (const [id, entry] of state.rows) if (!updated.has(id) && taken.has(entry.rank)) state.rows.delete(id);
    for (const entry of message.entries) state.rows.set(entry.user_id, entry);
    const ranked = [...state.rows.values()].sort((a, b) => a.rank - b.rank).slice(0, state.size);
    state.rows = new Map(ranked.map((entry) => [entry.user_id, entry]));
    draw(updated);
    news.textContent = describe(message);
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = new URLSearchParams({ window: state.window, size: String(state.size) });
    socket = new WebSocket(`${scheme}://${location.host}/leaderboard/live?${query}`);
    setStatus('connecting', 'Connecting…');
    socket.addEventListener('open', () => {
      retryMs = 1_000;
      setStatus('open', 'Live: updates appear as players earn XP');
      pinger = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(PING_TEXT), PING_EVERY_MS);
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'snapshot') applySnapshot(message);
      else if (message.type === 'update') applyUpdate(message);
      else if (message.type === 'error') {
        console.warn('live leaderboard:', message.code, message.message);
        // Controls changed faster than the server's subscribe rate: ask once more for what they show now.
        if (message.code === 'rate_limited') {
          clearTimeout(resubscribeLater);
          resubscribeLater = setTimeout(resubscribe, RESUBSCRIBE_AFTER_MS);
        }
      }
    });
    socket.addEventListener('close', () => {
      clearInterval(pinger);
      setStatus('closed', `Disconnected; reconnecting in ${Math.round(retryMs / 1000)} s…`);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    });
  }

  function resubscribe() {
    state.window = windowSelect.value;
    state.size = Number(sizeSelect.value);
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'subscribe', window: state.window, size: state.size }));
    }
  }
  windowSelect.addEventListener('change', resubscribe);
  sizeSelect.addEventListener('change', resubscribe);

  connect();
  return {
    /** Highlights the signed-in player's row. */
    setMe(userId) {
      state.me = userId;
      draw(new Set());
    },
  };
}

/** One line per update: every award in it (a burst of awards arrives as one update). */
function describe({ awards }) {
  return awards.map(describeAward).join(' ');
}

function describeAward(award) {
  const parts = [`${award.username} earned ${formatXp(award.xp_awarded)} (total ${formatXp(award.total_xp)})`];
  if (award.level_up) parts.push(`reached level ${award.level}`);
  for (const badge of award.badges) parts.push(`earned the “${badge.name}” badge`);
  return `${parts.join(', ')}.`;
}
