/**
 * The typed client in use: `npx tsx client/example.ts [baseUrl]` against `npm run dev`.
 * Logs in as the demo player alice, starts and submits an attempt, and prints her progress.
 * Every call is checked at compile time against the worker's routes; checking `status` narrows
 * the body to that response's schema (success or the error shape).
 */
import { createSkillQuestClient } from './index';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8787';
const anonymous = createSkillQuestClient(baseUrl);

// /auth/login accepts a form (OAuth2, as Swagger UI sends it) or JSON; the typed client asks for both shapes.
const credentials = { grant_type: 'password' as const, username: 'alice', password: 'alice-demo-pass' };
const login = await anonymous.auth.login.$post({ form: credentials, json: credentials });
if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
const { access_token } = await login.json();

const api = createSkillQuestClient(baseUrl, access_token);
const me = await api.auth.me.$get();
if (me.status !== 200) throw new Error(`me failed: ${me.status}`);
const { id: userId } = await me.json();

const list = await api.challenges.$get({ query: { difficulty: 'easy', limit: '5' } });
if (list.status !== 200) throw new Error(`challenges failed: ${list.status}`);
const [challenge] = (await list.json()).items;
if (!challenge) throw new Error('no easy challenge: is the seed loaded?');

const started = await api.attempts.$post({ json: { challenge_id: challenge.id } });
if (started.status !== 201) throw new Error(`start failed: ${started.status}`);
const attempt = await started.json();
const submitted = await api.attempts[':id'].submit.$post({ param: { id: attempt.id }, json: { score: 95 } });
console.log(`submitted "${challenge.title}": ${submitted.status}`);

await new Promise((resolve) => setTimeout(resolve, 3000)); // the queue consumer awards in the background
const res = await api.users[':id'].progress.$get({ param: { id: userId } });
if (res.status !== 200) throw new Error(`progress failed: ${res.status}`);
const progress = await res.json();
console.log(`${progress.username}: ${progress.total_xp} XP, level ${progress.level}, rank #${progress.rank}`);
console.log(`badges: ${progress.badges.map((b) => b.name).join(', ') || 'none yet'}`);
