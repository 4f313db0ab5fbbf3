import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorStatus } from '../../src/lib/app-error';
import { BASE } from './helpers';

/** What Swagger UI and Postman show before anyone sends a request: examples that look like the real answers. */

interface MediaType {
  example?: { error?: { code: string; message: string; details?: unknown } } & Record<string, unknown>;
  schema?: { description?: string; properties?: Record<string, { description?: string }> };
}
interface Response {
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}
interface Operation {
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, MediaType> };
}
interface Document {
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> };
}

const document = async () => (await exports.default.fetch(`${BASE}/openapi.json`)).json<Document>();

function errorResponses(doc: Document) {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ where: `${method.toUpperCase()} ${path} ${status}`, status: Number(status), response })),
    ),
  );
}

describe('error examples in /openapi.json', () => {
  it('every error response has an example of its own status, never another status’s', async () => {
    const responses = errorResponses(await document());
    expect(responses.length).toBeGreaterThan(100);
    const codeOf = (status: number) => Object.entries(errorStatus).find(([, s]) => s === status)?.[0];
    const wrong = responses
      .filter(({ response }) => response.content?.['application/json'])
      .filter(({ status, response }) => response.content?.['application/json']?.example?.error?.code !== codeOf(status))
      .map(({ where }) => where);
    expect(wrong).toEqual([]);
  });

  it('401, 403, 422, 429 and 503 say what they really say', async () => {
    const ops = (await document()).paths;
    const example = (path: string, method: string, status: number) => ops[path]?.[method]?.responses[status]?.content?.['application/json']?.example?.error;
    expect(example('/attempts', 'post', 401)?.message).toBe('Missing bearer token');
    expect(example('/admin/stats', 'get', 403)?.message).toBe('Admin role required');
    expect(example('/auth/login', 'post', 401)?.message).toBe('Invalid username or password');
    expect(example('/attempts', 'post', 422)).toMatchObject({ message: expect.stringMatching(/^Invalid body: challenge_id/), details: [{ field: 'challenge_id', message: expect.any(String) }] });
    expect(example('/attempts/{id}/submit', 'post', 429)).toMatchObject({ details: { retry_after_seconds: expect.any(Number) } });
    expect(ops['/attempts/{id}/submit']?.post?.responses[429]?.headers).toHaveProperty('Retry-After');
    expect(ops['/attempts']?.post?.responses[503]?.headers).toHaveProperty('Retry-After');
    expect(example('/auth/login', 'post', 415)?.message).toContain('Content-Type: application/json');
  });
});

describe('examples of the first round a newcomer plays', () => {
  it('a started attempt looks started, and POST /attempts says where a challenge id comes from', async () => {
    const doc = await document();
    const start = doc.paths['/attempts']?.post;
    expect(start?.responses[201]?.content?.['application/json']?.example).toMatchObject({
      status: 'started',
      score: null,
      submitted_at: null,
      xp_awarded: null,
    });
    expect(doc.components.schemas.StartAttempt?.properties?.challenge_id?.description).toContain('GET /challenges');
  });

  it('the description names the demo logins for local use, and the login example is one', async () => {
    const doc = await document();
    expect(doc.info.description).toContain('`alice` / `alice-demo-pass` (player)');
    expect(doc.info.description).toContain('`admin` / `admin-demo-pass` (admin)');
    expect(doc.components.schemas.LoginRequest).toMatchObject({ example: { username: 'alice', password: 'alice-demo-pass' } });
  });
});
