import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';
import { baseUrl } from './live.helpers.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** In-page checks as text: this project's Node typings have no DOM. */
const pageWidths = (page: Page) =>
  page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    `({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })`,
  );
const storedSession = (page: Page) =>
  page.evaluate<{ token: string; refreshToken: string } | null>(`JSON.parse(sessionStorage.getItem('skillquest.session') || 'null')`);

async function openAt(browser: Browser, viewport: { width: number; height: number }, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto(`${baseUrl}/`);
  await page.locator('#connection[data-state="open"]').waitFor({ timeout: 15_000 });
  return page;
}

/** Registers a player with a name as long as names get (32), starts a challenge and submits a pass. */
async function playOneRound(page: Page) {
  const username = `long_player_name_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.slice(0, 32);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Password').fill('phone-e2e-password');
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Start FizzBuzz' }).click();
  await page.getByLabel('Score (0–100)').fill('90');
  await page.getByRole('button', { name: 'Submit score' }).click();
  await page.getByText(/Passed! You earned 45 XP\. Total 45 XP, level 1\./).waitFor({ timeout: 20_000 });
  await page.locator('#board-rows tr.me').waitFor({ timeout: 10_000 });
  return username;
}

describe('the live page on a phone and on a desktop (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchOfflineBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('at 390 px nothing is wider than the screen after a submit, and the result shows by the challenge', async () => {
    const problems: string[] = [];
    const page = await openAt(browser, PHONE, problems);
    const username = await playOneRound(page);

    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(clientWidth).toBe(PHONE.width);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // The long name breaks inside its row instead of widening the table.
    const row = await page.locator('#board-rows tr.me').boundingBox();
    expect(row!.x + row!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('#board-rows tr.me th').innerText()).toContain(username.slice(0, 10));

    // The result is in the started challenge's row, on screen, and has the focus the form had.
    const status = page.locator('#attempt-status');
    expect(await page.locator('.challenges li', { hasText: 'FizzBuzz' }).locator('#attempt-status').count()).toBe(1);
    const box = await status.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
    expect(await page.evaluate(`document.activeElement && document.activeElement.id`)).toBe('attempt-status');

    await page.screenshot({ path: 'test-results/phone-390.png', fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('at desktop width the board and the play panel sit side by side, with no sideways scroll', async () => {
    const problems: string[] = [];
    const page = await openAt(browser, DESKTOP, problems);
    await playOneRound(page);
    const { scrollWidth, clientWidth } = await pageWidths(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const board = await page.locator('.board-panel').boundingBox();
    const play = await page.locator('.play-panel').boundingBox();
    expect(play!.x).toBeGreaterThan(board!.x + board!.width - 1);
    await page.screenshot({ path: 'test-results/desktop-1280.png', fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('offers the demo logins of a development server, and one click logs in', async () => {
    const page = await openAt(browser, PHONE, []);
    await page.getByText('This server runs with demo data').waitFor({ timeout: 10_000 });
    const names = await page.locator('#demo-login-buttons button').allInnerTexts();
    expect(names).toEqual(['admin (admin)', 'alice', 'bob', 'carol']);
    await page.getByRole('button', { name: 'Log in as the demo player bob' }).click();
    await page.getByText('Signed in as bob').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('an expired access token is refreshed once (the stored refresh token rotates) and the action goes through', async () => {
    const page = await openAt(browser, PHONE, []);
    const username = `refresh_${Date.now().toString(36)}`;
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Email').fill(`${username}@example.test`);
    await page.getByLabel('Password').fill('phone-e2e-password');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText(`Signed in as ${username}`).waitFor({ timeout: 15_000 });

    // What a tab left open for 15 minutes holds: an access token the API no longer accepts.
    const before = await storedSession(page);
    await page.evaluate(`(() => {
      const s = JSON.parse(sessionStorage.getItem('skillquest.session'));
      sessionStorage.setItem('skillquest.session', JSON.stringify({ ...s, token: 'eyJhbGciOiJIUzI1NiJ9.e30.expired' }));
    })()`);
    await page.reload();
    await page.getByText(`Signed in as ${username}`).waitFor({ timeout: 15_000 }); // resumed through a refresh
    const refreshes: number[] = [];
    page.on('response', (res) => res.url().endsWith('/auth/refresh') && refreshes.push(res.status()));
    const afterResume = await storedSession(page);
    expect(afterResume!.refreshToken).not.toBe(before!.refreshToken);
    expect(afterResume!.token).not.toBe('eyJhbGciOiJIUzI1NiJ9.e30.expired');

    // Mid-session: the next call's token is refused by the server (the test swaps in the expired one on the
    // way out); the page refreshes and sends the call again with the new token.
    let swapped = 0;
    await page.route('**/attempts', (route) => {
      if (route.request().method() !== 'POST' || swapped++ > 0) return route.continue();
      return route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.expired' } });
    });
    await page.getByRole('button', { name: 'Start Two Sum' }).click();
    await page.getByText('Started “Two Sum”').waitFor({ timeout: 10_000 });
    expect(swapped).toBe(2); // the refused call, then the retry
    expect(refreshes).toEqual([200]);
    expect((await storedSession(page))!.refreshToken).not.toBe(afterResume!.refreshToken);
  }, 60_000);
});
