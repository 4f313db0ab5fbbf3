import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import committed from '../../client/openapi.json';
import { version } from '../../package.json';
import { errorStatus } from '../../src/lib/app-error';
import { buildOpenApiDocument } from '../../src/lib/openapi-document';
import { BASE, config } from './helpers';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; example?: { error: { code: keyof typeof errorStatus } } }> }>;
}
interface Document {
  info: { version: string; license?: { identifier?: string } };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

async function servedDocument(): Promise<Document> {
  return (await exports.default.fetch(`${BASE}/openapi.json`)).json<Document>();
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, operations]) => Object.entries(operations).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with bearer and OAuth2 password security schemes', async () => {
    const res = await exports.default.fetch(`${BASE}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.json<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.oauth2Password).toMatchObject({
      type: 'oauth2',
      flows: { password: { tokenUrl: '/auth/login' } },
    });
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
  });

  it('is the document committed in client/openapi.json, servers included (after changing a route: npm run postman)', async () => {
    // The committed copy is what a deployment without PUBLIC_BASE_URL serves (servers: `/`), as the tests run.
    const servers = buildOpenApiDocument(config.PUBLIC_BASE_URL || '/').servers;
    expect(committed.servers).toEqual(buildOpenApiDocument('/').servers);
    expect(await servedDocument()).toEqual({ ...committed, servers });
  });

  it('is version-tagged and licensed from package.json', async () => {
    const { info } = await servedDocument();
    expect(info.version).toBe(version);
    expect(info.license?.identifier).toBe('MIT');
  });

  it('gives every operation a unique operationId, a summary, a description and declared tags', async () => {
    const doc = await servedDocument();
    const declared = new Map(doc.tags.map((tag) => [tag.name, tag.description]));
    expect([...declared.values()].every(Boolean)).toBe(true);
    const ids = operationsOf(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { name, op } of operationsOf(doc)) {
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, name).toBeTruthy();
      expect(op.description, name).toBeTruthy();
      expect(op.tags?.length, name).toBeGreaterThan(0);
      for (const tag of op.tags ?? []) expect(declared.has(tag), `${name}: tag ${tag}`).toBe(true);
    }
  });

  it('says who may call each operation: `security` is always there, [] on public ones', async () => {
    for (const { name, op } of operationsOf(await servedDocument())) expect(Array.isArray(op.security), name).toBe(true);
  });

  it('documents every error response with the error schema and an example of its own status', async () => {
    for (const { name, op } of operationsOf(await servedDocument())) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const media = response.content?.['application/json'];
        expect(media?.schema?.$ref, `${name} ${status}`).toBe('#/components/schemas/Error');
        expect(errorStatus[media?.example?.error.code ?? 'internal_error'], `${name} ${status}`).toBe(Number(status));
      }
    }
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI pointing only at the worker’s own assets', async () => {
    const res = await exports.default.fetch(`${BASE}/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/swagger-ui/swagger-ui-bundle.js');
    expect(html).toContain('data-openapi-url="/openapi.json"');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
  });

  it('has the Swagger UI bundle among the static assets', async () => {
    const res = await env.ASSETS.fetch(`${BASE}/swagger-ui/swagger-ui-bundle.js`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(100_000);
  });
});
