import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';

describe('/docs (Swagger UI) in headless Chromium with no internet', () => {
  const baseUrl = inject('e2eBaseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchOfflineBrowser();
  });
  afterAll(async () => browser?.close());

  it('renders the API operations from the worker’s own assets, fetching nothing from other hosts', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      foreign.push(url.href);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    await page.locator('.btn.authorize').waitFor({ timeout: 10_000 });
    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    await expect(page.locator('.btn.authorize').count()).resolves.toBe(1);
    expect(foreign).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/docs.png', fullPage: false });
  }, 60_000);
});

describe('Swagger UI “Authorize” with the OAuth2 password flow', () => {
  const baseUrl = inject('e2eBaseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchOfflineBrowser();
  });
  afterAll(async () => browser?.close());

  it('logs in a demo player through POST /auth/login (form-encoded) and then calls GET /auth/me with the token', async () => {
    const page = await browser.newPage();
    const login = page.waitForResponse((r) => r.url().endsWith('/auth/login') && r.request().method() === 'POST');
    await page.goto(`${baseUrl}/docs`);
    await page.locator('.btn.authorize').click();
    await page.locator('#oauth_username').fill('alice');
    await page.locator('#oauth_password').fill('alice-demo-pass');
    await page.locator('.auth-container', { has: page.locator('#oauth_username') }).locator('button.authorize').click();
    const response = await login;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['content-type']).toContain('application/x-www-form-urlencoded');
    // Swagger UI renders the "Authorized" state a moment after the token response arrives.
    await page.getByText('Authorized', { exact: false }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.btn-done, button.close-modal').first().click();

    // "Try it out" on GET /auth/me now sends the bearer token Swagger UI got (its element is named by the operationId).
    await page.locator('#operations-Auth-getMe .opblock-summary').click();
    await page.locator('#operations-Auth-getMe .try-out__btn').click();
    const me = page.waitForResponse((r) => r.url().endsWith('/auth/me'));
    await page.locator('#operations-Auth-getMe .execute').click();
    expect((await me).status()).toBe(200);
    expect(await (await me).json()).toMatchObject({ username: 'alice' });
  }, 60_000);
});
