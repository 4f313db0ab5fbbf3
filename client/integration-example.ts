/**
 * The typed client for a server integration: `npx tsx client/integration-example.ts <baseUrl> <sq_live_ key> <challenge id>`.
 * An API key goes where an access token would (`Authorization: Bearer sq_live_…`); the key needs results:write.
 */
import { createSkillQuestClient } from './index';

const [baseUrl = 'http://127.0.0.1:8787', apiKey, challengeId] = process.argv.slice(2);
if (!apiKey || !challengeId) throw new Error('usage: integration-example.ts <baseUrl> <sq_live_ key> <challenge id>');
const server = createSkillQuestClient(baseUrl, apiKey);

const reported = await server.results.$post({
  header: { 'idempotency-key': `example-${challengeId}-user-8842` },
  json: { external_id: 'user-8842', challenge_id: challengeId, score: 92 },
});
if (reported.status !== 202) throw new Error(`report failed: ${reported.status}`);
const result = await reported.json();
console.log(`attempt ${result.attempt_id} for player ${result.player_id}: ${result.status}`);

const batch = await server.results.batch.$post({
  header: {},
  json: { results: [{ external_id: 'user-8843', challenge_id: challengeId, score: 40 }] },
});
if (batch.status === 200) console.log(`batch: ${(await batch.json()).accepted} accepted`);
