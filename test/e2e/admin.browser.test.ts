import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchOfflineBrowser } from './browser.ts';
import { baseUrl, call, newPlayer } from './live.helpers.ts';

/** A player registered through the API, made an admin in Postgres (the API never grants the role). */
async function newAdmin() {
  const admin = await newPlayer('dash_admin');
  const db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
  await db.connect();
  try {
    await db.query(`update users set role = 'admin' where id = $1`, [admin.id]);
  } finally {
    await db.end();
  }
  return admin;
}

/** A player with one passed attempt, its award processed: the charts have something to show. */
async function playerWithXp() {
  const player = await newPlayer('dash_player');
  const challenges = (await call('GET', '/challenges?limit=100')).json.items as { id: string; title: string }[];
  const challenge = challenges.find((c) => c.title === 'Two Sum')!;
  const attempt = await call('POST', '/attempts', { challenge_id: challenge.id }, player.token);
  await call('POST', `/attempts/${attempt.json.id}/submit`, { score: 100 }, player.token);
  for (let i = 0; i < 100; i++) {
    if ((await call('GET', `/attempts/${attempt.json.id}`, undefined, player.token)).json.xp_awarded !== null) return player;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the award was never processed');
}

/** Opens the dashboard noting CSP violations, page errors and any request to another host (refused). */
async function openDashboard(browser: Browser, watch: { csp: string[]; problems: string[]; foreign: string[] }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('console', (msg) => msg.text().includes('Content Security Policy') && watch.csp.push(msg.text()));
  page.on('pageerror', (err) => watch.problems.push(err.message));
  await page.exposeFunction('reportCspViolation', (text: string) => watch.csp.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    watch.foreign.push(url.href);
    return route.abort('internetdisconnected');
  });
  await page.goto(`${baseUrl}/admin.html`);
  return page;
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** What Chart.js drew on a canvas: its data, and whether any pixel was painted. In-page code as text (no DOM typings). */
const chartOf = (page: Page, id: string) =>
  page.evaluate<{ labels: string[]; data: number[]; painted: boolean }>(`(() => {
    const canvas = document.getElementById(${JSON.stringify(id)});
    const chart = window.Chart.getChart(canvas);
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return { labels: chart.data.labels, data: chart.data.datasets[0].data, painted: pixels.some((v, i) => i % 4 === 3 && v > 0) };
  })()`);

describe('the admin dashboard in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchOfflineBrowser();
    mkdirSync('test-results', { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('an admin logs in, sees the top 10 and both per-day charts drawn with data, and runs the recalc job to the end', async () => {
    const [admin] = await Promise.all([newAdmin(), playerWithXp()]);
    const watch = { csp: [] as string[], problems: [] as string[], foreign: [] as string[] };
    const page = await openDashboard(browser, watch);
    await logIn(page, admin.username, admin.password);
    await page.getByText(`Signed in as ${admin.username}`).waitFor({ timeout: 15_000 });

    // Other files' players share this stack's board, so the top 10 is checked for its shape, not its names.
    await expect.poll(() => chartOf(page, 'chart-xp').then((c) => c.data.at(-1) ?? 0), { timeout: 10_000 }).toBeGreaterThanOrEqual(100);
    const top = await chartOf(page, 'chart-top');
    expect(top.painted).toBe(true);
    expect(top.data.length).toBeGreaterThanOrEqual(1);
    expect(top.data.length).toBeLessThanOrEqual(10);
    expect(top.labels[0]).toMatch(/^#1 /);
    expect(top.data).toEqual([...top.data].sort((a, b) => b - a));
    expect(await page.locator('#table-top tbody tr').count()).toBe(top.data.length);

    const players = await chartOf(page, 'chart-players');
    const xp = await chartOf(page, 'chart-xp');
    expect([players.data.length, xp.data.length]).toEqual([14, 14]);
    expect(players.data.at(-1)).toBeGreaterThanOrEqual(2); // at least the two players made above, today
    expect(xp.data.at(-1)).toBeGreaterThanOrEqual(100); // the pass above
    expect(players.painted && xp.painted).toBe(true);
    expect(await page.locator('#stat-pending').innerText()).toMatch(/^\d+$/);

    await page.getByRole('button', { name: 'Start recalculation' }).click();
    await page.getByText(/Recalculation finished: \d+ players recomputed\./).waitFor({ timeout: 45_000 });
    const bar = page.locator('#recalc-progress');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    await expect.poll(() => page.getByRole('button', { name: 'Start recalculation' }).isEnabled()).toBe(true);

    await page.screenshot({ path: 'test-results/admin.png', fullPage: true });
    expect(watch).toEqual({ csp: [], problems: [], foreign: [] });
  }, 90_000);

  it('a player’s login is refused with a message, and nothing admin-only is shown', async () => {
    const player = await newPlayer('dash_nobody');
    const watch = { csp: [] as string[], problems: [] as string[], foreign: [] as string[] };
    const page = await openDashboard(browser, watch);
    await logIn(page, player.username, player.password);
    await page.getByText(`${player.username} is not an admin: log in with an admin account.`).waitFor({ timeout: 15_000 });
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.evaluate(`sessionStorage.getItem('skillquest.session')`)).toBeNull();
  }, 60_000);
});
