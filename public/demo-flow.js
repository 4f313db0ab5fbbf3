import { api, formatXp } from './api.js';
import { showCredentials } from './credentials-list.js';
import { callAs, demoAccounts, resume, savedSession, signIn, signOut } from './session.js';

const $ = (id) => document.getElementById(id);
const POLLS = 15;
const POLL_EVERY_MS = 1_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Shows a message in a status line; `kind` colours it (info, ok, error). */
function show(line, text, kind = 'info') {
  line.dataset.kind = kind;
  line.textContent = text;
}

/** The demo: sign in, pick a challenge, submit a score, watch XP, level and badges arrive. */
export function startDemo({ board }) {
  let session = null;
  let attempt = null; // { id, title }
  let shownCredentials = -1; // badges the credential list was last drawn for

  const say = (text, kind) => show($('play-status'), text, kind);
  // Attempt messages appear under the challenge being played, where the player is looking.
  const tell = (text, kind) => show($('attempt-status'), text, kind);
  const call = (method, path, body) => callAs(session, method, path, body);

  /** An expired session (its refresh token spent or revoked) signs out; anything else is reported. */
  const failWith = (report) => (err) => {
    if (err.status === 401 && session) return endSession('Your session has ended; log in again.');
    report(err.message || String(err), 'error');
  };

  async function showPlayer(next) {
    session = next;
    $('auth-form').hidden = true;
    $('player').hidden = false;
    $('me-name').textContent = session.user.username;
    board.setMe(session.user.id);
    await Promise.all([loadChallenges(), loadProgress()]);
  }

  async function loadChallenges() {
    const page = await api('GET', '/challenges?limit=100');
    $('challenges').after($('attempt-box')); // out of the list before the list is replaced
    $('challenges').replaceChildren(...page.items.map(challengeItem));
  }

  function challengeItem(challenge) {
    const item = document.createElement('li');
    const text = document.createElement('div');
    text.className = 'challenge-text';
    const title = document.createElement('strong');
    title.textContent = challenge.title;
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = `${challenge.difficulty} · ${formatXp(challenge.xp)}`;
    text.append(title, document.createElement('br'), meta);
    const start = document.createElement('button');
    start.type = 'button';
    start.textContent = 'Start';
    start.setAttribute('aria-label', `Start ${challenge.title}`);
    start.addEventListener('click', () => startAttempt(challenge, item).catch(failWith(tell)));
    item.append(text, start);
    return item;
  }

  async function startAttempt(challenge, item) {
    item.append($('attempt-box'));
    $('submit-form').hidden = true;
    say('');
    tell('Starting…');
    const started = await call('POST', '/attempts', { challenge_id: challenge.id });
    attempt = { id: started.id, title: challenge.title };
    $('attempt-title').textContent = `Attempt: ${challenge.title}`;
    $('submit-form').hidden = false;
    $('score').value = '';
    $('score').focus();
    tell(`Started “${challenge.title}”. Enter your score from 0 to 100.`);
  }

  async function submitScore(score) {
    const current = attempt;
    await call('POST', `/attempts/${current.id}/submit`, { score });
    attempt = null;
    $('submit-form').hidden = true;
    tell(`Submitted “${current.title}” with score ${score}; waiting for the award…`);
    $('attempt-status').focus(); // the form that had focus is gone; the result appears right here
    $('attempt-status').scrollIntoView({ block: 'nearest' });
    for (let i = 0; i < POLLS; i++) {
      await sleep(POLL_EVERY_MS);
      const progress = await loadProgress();
      const mine = progress.recent_attempts.find((a) => a.id === current.id);
      if (mine && mine.xp_awarded !== null) {
        // The read that saw the award may have read the total a moment before it committed: read again.
        const settled = await loadProgress();
        const outcome = mine.status === 'passed' ? `Passed! You earned ${formatXp(mine.xp_awarded)}` : 'Not a pass this time, so no XP';
        return tell(`${outcome}. Total ${formatXp(settled.total_xp)}, level ${settled.level}.`, 'ok');
      }
    }
    tell('The award is taking longer than usual; your progress updates when it arrives.');
  }

  async function loadProgress() {
    if (!session) return null;
    const progress = await api('GET', `/users/${session.user.id}/progress`);
    $('progress-xp').textContent = formatXp(progress.total_xp);
    $('progress-level').textContent = String(progress.level);
    $('progress-rank').textContent = progress.rank === null ? '–' : `#${progress.rank}`;
    $('progress-next').textContent = `${formatXp(progress.xp_to_next_level)} to level ${progress.level + 1}`;
    const names = progress.badges.map((badge) => {
      const item = document.createElement('li');
      item.textContent = badge.name;
      return item;
    });
    $('badges').replaceChildren(...(names.length ? names : [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'None yet' })]));
    if (progress.badges.length !== shownCredentials) {
      shownCredentials = progress.badges.length;
      showCredentials(call, session.user.id, say).catch(failWith(say));
    }
    return progress;
  }

  function endSession(message) {
    session = null;
    shownCredentials = -1;
    attempt = null;
    board.setMe(null);
    $('submit-form').hidden = true;
    tell('');
    $('player').hidden = true;
    $('auth-form').hidden = false;
    $('auth-username').focus();
    say(message);
  }

  function logIn(fields) {
    say(fields.action === 'register' ? 'Registering…' : 'Logging in…');
    signIn(fields)
      .then((next) => {
        const loading = showPlayer(next);
        $('challenges-title').focus(); // the form that had focus is gone
        say(`Welcome, ${next.user.username}! Pick a challenge to start.`, 'ok');
        return loading;
      })
      .catch(failWith(say));
  }

  $('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const action = event.submitter ? event.submitter.value : 'login';
    const fields = { action, username: form.get('username'), email: form.get('email'), password: form.get('password') };
    if (action === 'register' && !fields.email) {
      $('auth-email').focus();
      return say('An email address is needed to register.', 'error');
    }
    logIn(fields);
  });

  $('submit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const score = Number($('score').value);
    if (!Number.isInteger(score) || score < 0 || score > 100) return tell('The score is a whole number from 0 to 100.', 'error');
    submitScore(score).catch(failWith(tell));
  });

  $('cancel-attempt').addEventListener('click', () => {
    $('submit-form').hidden = true;
    $('challenges-title').focus();
    tell('Attempt left open; you can start another challenge.');
  });

  $('logout').addEventListener('click', async () => {
    await signOut(session);
    endSession('Logged out.');
  });

  showDemoLogins(logIn);

  const saved = savedSession();
  if (saved) resume(saved).then((next) => next && showPlayer(next)).catch(failWith(say));

  return {
    /** Live updates about me refresh my progress at once. */
    onAward(message) {
      if (session && message.awards.some((award) => award.user_id === session.user.id)) loadProgress().catch(() => {});
    },
  };
}

/** On a server with demo data (development only), one button per demo login. */
async function showDemoLogins(logIn) {
  const accounts = await demoAccounts();
  if (accounts.length === 0) return;
  const buttons = accounts.map((account) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = account.role === 'admin' ? `${account.username} (admin)` : account.username;
    button.setAttribute('aria-label', `Log in as the demo ${account.role} ${account.username}`);
    button.addEventListener('click', () => {
      $('auth-username').value = account.username;
      $('auth-password').value = account.password;
      logIn({ action: 'login', username: account.username, password: account.password });
    });
    return button;
  });
  $('demo-login-buttons').replaceChildren(...buttons);
  $('demo-logins').hidden = false;
}
