import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

/**
 * Runs the committed Postman collection's own requests and test scripts, in its order, against the e2e
 * stack: what a first-time Postman user gets by clicking Send from the top. A small stand-in for Postman's
 * runtime: `{{variables}}`, bearer auth, raw and urlencoded bodies, and `pm.response` / `pm.collectionVariables`.
 */

const baseUrl = inject('e2eBaseUrl');

interface Field {
  key: string;
  value: string;
  disabled?: boolean;
}
interface PostmanRequest {
  method: string;
  url: { path: string[]; query?: Field[]; variable?: Field[] };
  header?: Field[];
  auth?: { type: string; bearer?: Field[] } | null;
  body?: { mode?: string; raw?: string; urlencoded?: Field[] };
}
interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: PostmanRequest;
  event?: { listen: string; script: { exec: string[] } }[];
}

const collection = JSON.parse(readFileSync('client/skillquest.postman_collection.json', 'utf8')) as { item: PostmanItem[]; variable: Field[] };
const variables = new Map(collection.variable.map((v) => [v.key, v.value]));
variables.set('baseUrl', baseUrl);

const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => variables.get(name) ?? `{{${name}}}`);
const enabled = (fields: Field[] = []) => fields.filter((f) => !f.disabled);

function find(key: string): PostmanItem {
  const all = (items: PostmanItem[]): PostmanItem[] => items.flatMap((i) => (i.item ? all(i.item) : [i]));
  const found = all(collection.item).find((i) => `${i.request?.method} ${i.request?.url.path.join('/')}` === key);
  if (!found) throw new Error(`no request ${key} in the collection`);
  return found;
}

async function send(key: string) {
  const item = find(key);
  const request = item.request!;
  const path = request.url.path.map((segment) => (segment.startsWith(':') ? request.url.variable?.find((v) => `:${v.key}` === segment)?.value ?? segment : segment));
  const url = new URL(fill(`{{baseUrl}}/${path.join('/')}`));
  for (const q of enabled(request.url.query)) url.searchParams.set(q.key, fill(q.value));
  const headers = new Headers(enabled(request.header).map((h): [string, string] => [h.key, fill(h.value)]));
  const token = request.auth?.type === 'bearer' ? request.auth.bearer?.find((b) => b.key === 'token')?.value : undefined;
  if (token) headers.set('Authorization', `Bearer ${fill(token)}`);
  const { body: spec } = request;
  const body =
    spec?.mode === 'raw' ? fill(spec.raw ?? '') : spec?.mode === 'urlencoded' ? new URLSearchParams(enabled(spec.urlencoded).map((f): [string, string] => [f.key, fill(f.value)])).toString() : undefined;
  const res = await fetch(url, { method: request.method, headers, body });
  const text = await res.text();
  const pm = {
    response: { code: res.status, json: () => JSON.parse(text) },
    collectionVariables: { set: (name: string, value: string) => variables.set(name, value), get: (name: string) => variables.get(name) },
  };
  for (const event of item.event ?? []) if (event.listen === 'test') new Function('pm', event.script.exec.join('\n'))(pm);
  return { status: res.status, text };
}

describe('the Postman collection, run from the top', () => {
  it('declares bearerToken; the login stores it; each id comes from the request before; the submit passes', async () => {
    expect(collection.variable.map((v) => v.key)).toEqual(expect.arrayContaining(['bearerToken', 'challengeId', 'attemptId', 'userId']));

    expect((await send('POST auth/login')).status).toBe(200);
    expect(variables.get('bearerToken')).toMatch(/^eyJ/);
    expect((await send('GET auth/me')).status).toBe(200);
    expect(variables.get('userId')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send('GET challenges')).status).toBe(200);
    expect(variables.get('challengeId')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send('GET challenges/:id')).status).toBe(200);

    const started = await send('POST attempts');
    expect([200, 201], started.text).toContain(started.status);
    expect(variables.get('attemptId')).toBe(JSON.parse(started.text).id);
    const submitted = await send('POST attempts/:id/submit');
    expect(submitted.status, submitted.text).toBe(202);
    expect(JSON.parse(submitted.text)).toMatchObject({ status: 'passed', score: 85 });
    expect((await send('GET attempts/:id')).status).toBe(200);
    expect((await send('GET attempts')).status).toBe(200);
    expect((await send('GET users/:id/progress')).status).toBe(200);
    expect((await send('GET leaderboard/around/:userId')).status).toBe(200);

    const before = variables.get('refreshToken');
    expect((await send('POST auth/refresh')).status).toBe(200);
    expect(variables.get('refreshToken')).not.toBe(before);
    expect((await send('POST auth/logout')).status).toBe(204);
  });
});
