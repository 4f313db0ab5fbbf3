/**
 * Makes the generated Postman collection run top to bottom on the first try against `npm run dev`: it
 * declares its variables, the login stores the tokens, each list stores an id the next requests use, and
 * bodies are the documented examples (a passing score, a demo login) instead of the converter's fakes.
 */

interface Variable {
  key: string;
  value?: string;
  disabled?: boolean;
  description?: unknown;
}
interface Body {
  mode?: string;
  raw?: string;
  urlencoded?: Variable[];
}
interface Request {
  method: string;
  url: { path?: string[]; query?: Variable[]; variable?: Variable[] };
  body?: Body;
}
interface Item {
  name: string;
  item?: Item[];
  request?: Request;
  event?: unknown[];
  description?: unknown;
}
export interface Collection {
  item: Item[];
  variable?: Variable[];
  info: Record<string, unknown>;
}

/** Variables the scripts below fill in, in the order a first run fills them. */
const VARIABLES: Variable[] = [
  { key: 'bearerToken', value: '', description: 'Access token; set by "Log in", sent by every request that needs one' },
  { key: 'refreshToken', value: '', description: 'Set by "Log in", rotated by "Rotate a refresh token"' },
  { key: 'userId', value: '', description: 'Your id; set by GET /auth/me' },
  { key: 'challengeId', value: '', description: 'The first challenge of GET /challenges' },
  { key: 'attemptId', value: '', description: 'Set by POST /attempts' },
  { key: 'badgeId', value: '', description: 'The first badge of GET /badges' },
  { key: 'jobId', value: '', description: 'Set by POST /admin/recalc-xp (log in as admin first)' },
];

/** Test scripts, keyed by "METHOD path" with Postman's `:name` path variables. */
const SCRIPTS: Record<string, string[]> = {
  'POST auth/login': [
    'if (pm.response.code === 200) {',
    '  const tokens = pm.response.json();',
    "  pm.collectionVariables.set('bearerToken', tokens.access_token);",
    "  pm.collectionVariables.set('refreshToken', tokens.refresh_token);",
    '}',
  ],
  'POST auth/refresh': [
    'if (pm.response.code === 200) {',
    '  const tokens = pm.response.json();',
    "  pm.collectionVariables.set('bearerToken', tokens.access_token);",
    "  pm.collectionVariables.set('refreshToken', tokens.refresh_token);",
    '}',
  ],
  'GET auth/me': ["if (pm.response.code === 200) pm.collectionVariables.set('userId', pm.response.json().id);"],
  'GET challenges': firstIdOfList('challengeId'),
  'GET badges': firstIdOfList('badgeId'),
  'POST attempts': ["if (pm.response.code === 200 || pm.response.code === 201) pm.collectionVariables.set('attemptId', pm.response.json().id);"],
  'POST admin/recalc-xp': ["if (pm.response.code === 202) pm.collectionVariables.set('jobId', pm.response.json().id);"],
};

function firstIdOfList(variable: string): string[] {
  return [
    'if (pm.response.code === 200) {',
    '  const [first] = pm.response.json().items;',
    `  if (first) pm.collectionVariables.set('${variable}', first.id);`,
    '}',
  ];
}

/** Which variable fills a path parameter, by the path's first segment. */
function pathVariable(path: string[], name: string): string | undefined {
  if (name === 'userId' || path.includes('users')) return 'userId';
  return { challenges: 'challengeId', attempts: 'attemptId', badges: 'badgeId', admin: 'jobId' }[path[0] ?? ''];
}

/** Query parameters a first run keeps: the rest are optional filters a fake value would break (cursor=string). */
const KEPT_QUERY = new Set(['limit', 'offset', 'window', 'size', 'radius']);

const HOW_TO_RUN = `**In Postman**: start \`npm run dev\`, then run the requests top to bottom. "Log in" (the demo player alice)
stores \`{{bearerToken}}\`; GET /auth/me stores \`{{userId}}\`, GET /challenges the first \`{{challengeId}}\`, POST /attempts
the \`{{attemptId}}\` that the submit (a passing score of 85) uses. For the Admin folder, log in as \`admin\` / \`admin-demo-pass\`.`;

const DEMO_LOGIN = { username: 'alice', password: 'alice-demo-pass' };

function rawJson(body: Body, value: unknown) {
  body.mode = 'raw';
  body.raw = JSON.stringify(value, null, 2);
}

/** Bodies the converter filled with fakes or that must carry a variable. */
function fixBody(key: string, body: Body | undefined, examples: Record<string, unknown>) {
  if (!body) return;
  if (key === 'POST auth/login' && body.urlencoded) {
    body.urlencoded = body.urlencoded
      .filter((field) => ['grant_type', 'username', 'password'].includes(field.key))
      .map((field) => ({ ...field, value: field.key === 'grant_type' ? 'password' : DEMO_LOGIN[field.key as keyof typeof DEMO_LOGIN] }));
  }
  if (key === 'POST auth/refresh' && body.urlencoded) {
    body.urlencoded = body.urlencoded
      .filter((field) => ['grant_type', 'refresh_token'].includes(field.key))
      .map((field) => ({ ...field, value: field.key === 'grant_type' ? 'refresh_token' : '{{refreshToken}}' }));
  }
  if (key === 'POST auth/logout') rawJson(body, { refresh_token: '{{refreshToken}}' });
  if (key === 'POST attempts') rawJson(body, { challenge_id: '{{challengeId}}' });
  if (key === 'POST attempts/:id/submit') rawJson(body, examples.SubmitAttempt);
}

function visit(item: Item, examples: Record<string, unknown>) {
  for (const child of item.item ?? []) visit(child, examples);
  const request = item.request;
  if (!request) return;
  const path = request.url.path ?? [];
  const key = `${request.method} ${path.join('/')}`;
  for (const variable of request.url.variable ?? []) {
    const name = pathVariable(path, variable.key);
    if (name) variable.value = `{{${name}}}`;
  }
  for (const query of request.url.query ?? []) if (!KEPT_QUERY.has(query.key)) query.disabled = true;
  fixBody(key, request.body, examples);
  const script = SCRIPTS[key];
  if (script) item.event = [{ listen: 'test', script: { type: 'text/javascript', exec: script } }];
}

/** `examples`: the document's component schemas' examples by name (e.g. SubmitAttempt). */
export function addDemoFlow(collection: Collection, examples: Record<string, unknown>): Collection {
  for (const item of collection.item) visit(item, examples);
  const description = collection.info.description as { content: string } | undefined;
  if (description) description.content += `\n\n${HOW_TO_RUN}`;
  collection.variable = [...(collection.variable ?? []).filter((v) => !VARIABLES.some((own) => own.key === v.key)), ...VARIABLES];
  return collection;
}
