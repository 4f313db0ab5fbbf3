import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import committed from '../../client/openapi.json';
import { BASE } from './helpers';

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

  it('is the document committed in client/openapi.json (after changing a route: npm run postman)', async () => {
    const served = await (await exports.default.fetch(`${BASE}/openapi.json`)).json<Record<string, unknown>>();
    const withoutServers = ({ servers: _servers, ...doc }: Record<string, unknown>) => doc;
    expect(withoutServers(served)).toEqual(withoutServers(committed));
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
