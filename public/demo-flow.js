import { api, formatXp } from './api.js';
import { resume, savedSession, signIn, signOut } from './session.js';

const $ = (id) => document.getElementById(id);
const POLLS = 15;
const POLL_EVERY_MS = 1_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo: sign in, pick a challenge, submit a score, watch XP, level and badges arrive. */
export function startDemo({ board }) {
  let session = null;
  let attempt = null; // { id, title }

  const say = (text, kind = 'info') => {
    $('play-status').dataset.kind = kind;
    $('play-status').textContent = text;
  };
  const fail = (err) => say(err.message || String(err), 'error');

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
    $('challenges').replaceChildren(...page.items.map(challengeItem));
  }

  function challengeItem(challenge) {
    const item = document.createElement('li');
    const text = document.createElement('div');
    text.innerHTML = '<strong></strong><br><span class="meta"></span>';
    text.querySelector('strong').textContent = challenge.title;
    text.querySelector('.meta').textContent = `${challenge.difficulty} · ${formatXp(challenge.xp)}`;
    const start = document.createElement('button');
    start.type = 'button';
    start.textContent = 'Start';
    start.setAttribute('aria-label', `Start ${challenge.title}`);
    start.addEventListener('click', () => startAttempt(challenge).catch(fail));
    item.append(text, start);
    return item;
  }

  async function startAttempt(challenge) {
    const started = await api('POST', '/attempts', { token: session.token, body: { challenge_id: challenge.id } });
    attempt = { id: started.id, title: challenge.title };
    $('attempt-title').textContent = `Attempt: ${challenge.title}`;
    $('submit-form').hidden = false;
    $('score').value = '';
    $('score').focus();
    say(`Started “${challenge.title}”. Enter your score from 0 to 100.`);
  }

  async function submitScore(score) {
    const current = attempt;
    await api('POST', `/attempts/${current.id}/submit`, { token: session.token, body: { score } });
    attempt = null;
    $('submit-form').hidden = true;
    $('progress-title').focus();
    say(`Submitted “${current.title}” with score ${score}; waiting for the award…`);
    for (let i = 0; i < POLLS; i++) {
      await sleep(POLL_EVERY_MS);
      const progress = await loadProgress();
      const mine = progress.recent_attempts.find((a) => a.id === current.id);
      if (mine && mine.xp_awarded !== null) {
        const outcome = mine.status === 'passed' ? `Passed! You earned ${formatXp(mine.xp_awarded)}` : 'Not a pass this time, so no XP';
        return say(`${outcome}. Total ${formatXp(progress.total_xp)}, level ${progress.level}.`, 'ok');
      }
    }
    say('The award is taking longer than usual; your progress updates when it arrives.');
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
    return progress;
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
    say(action === 'register' ? 'Registering…' : 'Logging in…');
    signIn(fields)
      .then(showPlayer)
      .then(() => {
        $('challenges-title').focus(); // the form that had focus is gone
        say(`Welcome, ${session.user.username}! Pick a challenge to start.`, 'ok');
      })
      .catch(fail);
  });

  $('submit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const score = Number($('score').value);
    if (!Number.isInteger(score) || score < 0 || score > 100) return say('The score is a whole number from 0 to 100.', 'error');
    submitScore(score).catch(fail);
  });

  $('cancel-attempt').addEventListener('click', () => {
    $('submit-form').hidden = true;
    $('challenges-title').focus();
    say('Attempt left open; you can start another challenge.');
  });

  $('logout').addEventListener('click', async () => {
    await signOut(session);
    session = null;
    board.setMe(null);
    $('player').hidden = true;
    $('auth-form').hidden = false;
    $('auth-username').focus();
    say('Logged out.');
  });

  const saved = savedSession();
  if (saved) resume(saved).then((next) => next && showPlayer(next)).catch(fail);

  return {
    /** Live updates about me refresh my progress at once. */
    onAward(message) {
      if (session && message.awards.some((award) => award.user_id === session.user.id)) loadProgress().catch(() => {});
    },
  };
}
