import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';
import { baseUrl } from './live.helpers.ts';

/** Opens `/` in a fresh context (its own sessionStorage), refusing every other host and noting failures. */
async function openPage(context: BrowserContext, foreign: string[], problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('response', (res) => res.status() >= 400 && problems.push(`${res.status()} ${res.url()}`));
  page.on('pageerror', (err) => problems.push(err.message));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    foreign.push(url.href);
    return route.abort('internetdisconnected');
  });
  await page.goto(`${baseUrl}/`);
  await page.locator('#connection[data-state="open"]').waitFor({ timeout: 15_000 });
  return page;
}

describe('the live leaderboard page in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchOfflineBrowser();
  });
  afterAll(async () => browser?.close());

  it('a player registers, submits a passing attempt through the page, and another viewer sees them on the board', async () => {
    const foreign: string[] = [];
    const problems: string[] = [];
    const viewer = await openPage(await browser.newContext(), foreign, problems);
    await viewer.getByLabel('Show top').selectOption('100');
    const player = await openPage(await browser.newContext(), foreign, problems);

    const username = `page_${Date.now().toString(36)}`;
    await player.getByLabel('Username').fill(username);
    await player.getByLabel('Email').fill(`${username}@example.test`);
    await player.getByLabel('Password').fill('page-e2e-password');
    await player.getByRole('button', { name: 'Register' }).click();
    await player.getByText(`Signed in as ${username}`).waitFor({ timeout: 15_000 });

    await player.getByRole('button', { name: 'Start Recursive CTE: Org Chart' }).click();
    await player.getByText('Started “Recursive CTE: Org Chart”').waitFor({ timeout: 10_000 });
    await player.getByLabel('Score (0–100)').fill('100');
    await player.getByRole('button', { name: 'Submit score' }).click();

    // The page renders asynchronously (WebSocket frames, progress polls), so each check waits for its state.
    const row = viewer.locator('#board-rows tr', { hasText: username });
    await row.waitFor({ timeout: 15_000 });
    await player.getByText('Passed! You earned 400 XP').waitFor({ timeout: 15_000 });
    const settle = { timeout: 10_000 };
    await expect.poll(() => row.getAttribute('class'), settle).toMatch(/\b(entered|changed)\b/); // highlighted as it arrives
    await expect.poll(() => row.locator('td').allInnerTexts(), settle).toEqual([expect.stringMatching(/^\d+$/), '400 XP', '3']);
    await expect.poll(() => viewer.locator('#board-news').innerText(), settle).toContain(`${username} earned 400 XP`);
    await expect.poll(() => player.locator('#progress-level').innerText(), settle).toBe('3');
    await player.locator('#board-rows tr.me', { hasText: `${username} (you)` }).waitFor({ timeout: 5_000 });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await viewer.screenshot({ path: 'test-results/live.png', fullPage: true });
  }, 60_000);
});
