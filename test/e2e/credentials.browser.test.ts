import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';

/** A page that refuses every host but this machine, noting page errors. */
async function openPage(browser: Browser, problems: string[]): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(err.message));
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort('internetdisconnected');
  });
  return page;
}

describe('credentials in the browser', () => {
  const baseUrl = inject('e2eBaseUrl');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchOfflineBrowser();
  });
  afterAll(async () => browser?.close());

  it('a player downloads a credential and copies its link; the link opens a page that shows the badge and verifies it', async () => {
    const problems: string[] = [];
    const page = await openPage(browser, problems);
    await page.goto(baseUrl);
    // The seeded alice has earned badges (README: Conqueror and Streak).
    await page.getByRole('button', { name: 'Log in as the demo player alice' }).click();
    const save = page.getByRole('button', { name: 'Download the credential of Conqueror' });
    await save.waitFor({ timeout: 20_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    const credential = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toBe('Conqueror.credential.json');
    expect(credential).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: { cryptosuite: 'eddsa-rdfc-2022' } });

    await page.getByRole('button', { name: 'Copy the verification link of Conqueror' }).click();
    await page.getByText('Verification link copied.').waitFor({ timeout: 5_000 });
    const link = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(link).toBe(credential.id);

    const shown = await openPage(browser, problems);
    await shown.goto(link);
    await shown.getByRole('heading', { name: 'Conqueror' }).waitFor({ timeout: 10_000 });
    await shown.getByText('✔ Verified: issued by this issuer, unchanged, not revoked.').waitFor({ timeout: 15_000 });
    expect(await shown.locator('#issuer').innerText()).toBe('SkillQuest');
    expect(await shown.locator('#did').innerText()).toBe(`did:web:${encodeURIComponent(new URL(baseUrl).host)}`);
    expect(problems).toEqual([]);
  }, 90_000);
});
