import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';
import { freePort } from './stack.ts';

const baseUrl = inject('e2eBaseUrl');

/** A web app on an origin of its own: one HTML page, from which the test calls the API with fetch. */
async function serveApp(origin: string, body = ''): Promise<Server> {
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>app</title>${body}`));
  server.listen(Number(new URL(origin).port), '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (msg) => msg.text().includes('Content Security Policy') && violations.push(msg.text()));
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  // In-page code as text: this project's Node typings have no DOM.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return violations;
}

interface ApiCall {
  login?: number;
  me?: number;
  username?: string;
  requestId?: string | null;
  blocked?: string;
}

/** Logs in the demo player and reads /auth/me, from the page's own origin; `blocked` if the browser refuses. */
function callApiFrom(page: Page): Promise<ApiCall> {
  return page.evaluate(`(async (api) => {
    try {
      const login = await fetch(api + '/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'alice-demo-pass' }),
      });
      const tokens = await login.json();
      const me = await fetch(api + '/auth/me', { headers: { Authorization: 'Bearer ' + tokens.access_token } });
      return { login: login.status, me: me.status, username: (await me.json()).username, requestId: me.headers.get('X-Request-Id') };
    } catch (err) {
      return { blocked: String(err) };
    }
  })(${JSON.stringify(baseUrl)})`);
}

describe('browser security in headless Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  beforeAll(async () => {
    browser = await launchOfflineBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  it('/ and /docs work under their Content-Security-Policy with no violation', async () => {
    const page = await browser.newPage();
    const violations = await watchCsp(page);
    const home = await page.goto(`${baseUrl}/`);
    expect(home?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.locator('#connection[data-state="open"]').waitFor({ timeout: 15_000 }); // its WebSocket, under connect-src 'self'
    const docs = await page.goto(`${baseUrl}/docs`);
    expect(docs?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    await page.locator('.btn.authorize').click();
    await page.locator('#oauth_username').waitFor({ timeout: 5_000 });
    expect(violations).toEqual([]);
  }, 60_000);

  it('no other page can frame /docs (frame-ancestors none)', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    servers.push(await serveApp(origin, `<iframe id="docs" src="${baseUrl}/docs"></iframe>`));
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const frame = await (await page.locator('#docs').elementHandle())!.contentFrame();
    // Chromium replaces a refused frame with its error page: the Swagger UI never loads in it.
    await expect.poll(async () => frame?.url(), { timeout: 10_000 }).not.toBe('about:blank');
    expect(await frame?.locator('#swagger-ui').count()).toBe(0);
  }, 60_000);

  it('a page on an origin of CORS_ORIGINS logs in and calls the API; any other origin is refused by the browser', async () => {
    const allowed = inject('e2eCorsOrigin');
    const other = `http://127.0.0.1:${await freePort()}`;
    servers.push(await serveApp(allowed), await serveApp(other));
    const page = await browser.newPage();

    await page.goto(`${allowed}/`);
    expect(await callApiFrom(page)).toEqual({ login: 200, me: 200, username: 'alice', requestId: expect.any(String) });

    await page.goto(`${other}/`);
    expect(await callApiFrom(page)).toEqual({ blocked: expect.stringContaining('Failed to fetch') });
  }, 60_000);
});
