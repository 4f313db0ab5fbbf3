import { formatXp } from './api.js';
import { drawBars, fillTable } from './admin-charts.js';
import { callAs, resume, savedSession, signIn, signOut } from './session.js';

const $ = (id) => document.getElementById(id);
const POLL_EVERY_MS = 1_000;
const REFRESH_EVERY_MS = 30_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n) => new Intl.NumberFormat('en').format(n);

let session = null;
let refresher = null;
const call = (method, path, body) => callAs(session, method, path, body);

function show(line, text, kind = 'info') {
  line.dataset.kind = kind;
  line.textContent = text;
}

/** GET /admin/stats and the top 10, drawn as numbers, three charts and their tables. */
async function loadDashboard() {
  const [stats, board] = await Promise.all([call('GET', '/admin/stats'), call('GET', '/leaderboard?limit=10')]);
  $('stat-players').textContent = count(stats.players);
  $('stat-xp').textContent = formatXp(stats.xp_awarded);
  $('stat-passed').textContent = count(stats.attempts.passed);
  $('stat-failed').textContent = count(stats.attempts.failed);
  $('stat-badges').textContent = count(stats.badges_awarded);
  $('stat-pending').textContent = count(stats.awards_pending);

  const top = board.entries.map((e) => ({ label: `#${e.rank} ${e.username}`, value: e.total_xp }));
  const players = stats.new_players_per_day.map((d) => ({ label: d.date.slice(5), value: d.count }));
  const xp = stats.xp_per_day.map((d) => ({ label: d.date.slice(5), value: d.xp }));
  drawBars('chart-top', top, { label: 'XP', horizontal: true });
  drawBars('chart-players', players, { label: 'New players' });
  drawBars('chart-xp', xp, { label: 'XP awarded' });
  fillTable('table-top', ['Player', 'XP'], top);
  fillTable('table-players', ['Day', 'New players'], players);
  fillTable('table-xp', ['Day', 'XP awarded'], xp);
  $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

/** Starts the recalc job and follows GET /admin/jobs/{id} until it has succeeded or failed. */
async function recalc() {
  $('recalc').disabled = true;
  const bar = $('recalc-progress');
  try {
    let job = await call('POST', '/admin/recalc-xp');
    bar.hidden = false;
    while (job.status !== 'succeeded' && job.status !== 'failed') {
      bar.max = Math.max(job.total ?? 1, 1);
      bar.value = job.processed;
      show($('recalc-status'), `Recalculating: ${count(job.processed)} of ${job.total === null ? '…' : count(job.total)} players (${job.status}).`);
      await sleep(POLL_EVERY_MS);
      job = await call('GET', `/admin/jobs/${job.id}`);
    }
    bar.value = bar.max;
    if (job.status === 'failed') return show($('recalc-status'), `Recalculation failed: ${job.error}`, 'error');
    show($('recalc-status'), `Recalculation finished: ${count(job.processed)} players recomputed.`, 'ok');
    await loadDashboard();
  } finally {
    $('recalc').disabled = false;
  }
}

async function enter(next) {
  if (next.user.role !== 'admin') {
    await signOut(next);
    throw new Error(`${next.user.username} is not an admin: log in with an admin account.`);
  }
  session = next;
  $('admin-login').hidden = true;
  $('dashboard').hidden = false;
  $('admin-name').textContent = session.user.username;
  await loadDashboard();
  refresher = setInterval(() => loadDashboard().catch(() => {}), REFRESH_EVERY_MS);
}

function leave(message) {
  clearInterval(refresher);
  session = null;
  $('dashboard').hidden = true;
  $('admin-login').hidden = false;
  show($('login-status'), message);
}

/** A spent session (401 after a refresh) goes back to the login; other failures are reported. */
const failWith = (line) => (err) => {
  if (err.status === 401 && session) return leave('Your session has ended; log in again.');
  show(line, err.message || String(err), 'error');
};

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  show($('login-status'), 'Logging in…');
  signIn({ action: 'login', username: form.get('username'), password: form.get('password') })
    .then(enter)
    .then(() => show($('login-status'), ''))
    .catch(failWith($('login-status')));
});
$('recalc').addEventListener('click', () => recalc().catch(failWith($('recalc-status'))));
$('refresh').addEventListener('click', () => loadDashboard().catch(failWith($('recalc-status'))));
$('logout').addEventListener('click', async () => {
  await signOut(session);
  leave('Logged out.');
});

// The live page and this one share the tab's session: an admin signed in there lands on the dashboard.
const saved = savedSession();
if (saved) {
  resume(saved)
    .then((next) => next && next.user.role === 'admin' && enter(next))
    .catch(failWith($('login-status')));
}
