import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ApiEvents, ApiGroupDetail, ApiStatus } from '../../src/watch/page/status-api-types.js';
import { launchBrowser } from '../helpers/browser.js';
import { gitWatchWorld, type GitWatchWorld } from '../helpers/git-watch-world.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { untilAnswered } from '../helpers/until.js';

const ANY_TEXT = expect.any(String) as string;

/** The status page of a real watcher on a served Git repository, read by scripts and by a real browser. */
describe('tend watch: the status page', () => {
  let world: GitWatchWorld;
  let w: RunningWatch;
  let browser: Browser;
  let first: string;
  const url = (route: string): string => `http://127.0.0.1:${w.port('health and metrics')}${route}`;
  const json = async <T>(route: string): Promise<T> => (await (await fetch(url(route))).json()) as T;

  beforeAll(async () => {
    [world, browser] = await Promise.all([
      gitWatchWorld('tend-status-page-', { 'specs/web.yaml': cattleYaml('web', 2), 'specs/db.yaml': cattleYaml('db', 1) }),
      launchBrowser(),
    ]);
    first = world.repo.head();
    world.repo.git(['push', '-q', 'origin', 'main']);
    w = world.watch(['--metrics-port', '0', '--listen', '127.0.0.1', '--max-destroy', '1']);
    await w.waitFor(/1 of 1 group|2 of 2 groups converged/);
    await untilAnswered(async () => (await json<ApiStatus>('/api/v1/status')).verdict.converged, 10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  }, 30_000);

  it('serves /api/v1/status and /api/v1/events in the documented shapes, read-only', async () => {
    const status = await json<ApiStatus>('/api/v1/status');
    const all = await json<ApiEvents>('/api/v1/events');
    const lastAt = all.events.at(-1)?.at ?? '';
    const none = await json<ApiEvents>(`/api/v1/events?since=${encodeURIComponent(lastAt)}`);
    // The first tick created the instances after observing none: the next one observes them.
    await untilAnswered(async () => (await json<ApiGroupDetail>('/api/v1/groups/web')).instances.length === 2, 5_000);
    const detail = await json<ApiGroupDetail>('/api/v1/groups/web');
    const post = await fetch(url('/api/v1/status'), { method: 'POST' });
    const head = await fetch(url('/'), { method: 'HEAD' });
    const missing = await fetch(url('/api/v1/groups/nope'));

    expect(status).toMatchObject({
      verdict: { converged: true, state: 'converged', healthy: true, causes: [] },
      head: { sha: first, ref: 'refs/heads/main' },
      enforced: { sha: first },
      lastGood: { sha: first },
      blocked: null,
      refused: null,
      repository: null,
    });
    expect(typeof status.nextTick).toBe('string');
    expect(status.nextDriftCheck).toBeNull();
    expect(status.groups.map((g) => g.id).sort()).toEqual(['db', 'web']);
    expect(status.groups.find((g) => g.id === 'web')).toEqual({
      id: 'web',
      mode: 'correct',
      plugin: 'instance-file',
      desired: 2,
      observed: 2,
      drift: { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 },
      outcome: 'converged',
      reason: null,
      file: 'specs/web.yaml',
      line: 1,
      run: 'tick',
      at: ANY_TEXT,
    });
    expect(all.events[0]).toEqual({
      at: ANY_TEXT,
      kind: 'applied',
      revision: first,
      message: expect.stringContaining(first.slice(0, 12)) as string,
    });
    expect(all.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['applied', 'corrected']));
    expect(none.events).toEqual([]);
    expect(detail.changedAt).toBeNull();
    expect(detail.instances[0]).toEqual({
      id: expect.stringMatching(/^web-/) as string,
      logicalId: null,
      configSha: detail.instances[1]?.configSha,
      created: ANY_TEXT,
      health: 'healthy',
      modified: false,
      plugin: 'instance-file',
    });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
    expect(missing.status).toBe(404);
  }, 20_000);

  it('shows groups, the enforced commit, a refused commit at its file and line, a heal, and a blocked commit, live without a reload', async () => {
    const page: Page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('requestfailed', (req) => problems.push(`${req.url()} failed`));
    await page.goto(url('/'), { timeout: 10_000 });
    await page.waitForSelector('body[data-loaded] tr[data-group="web"]', { timeout: 10_000 });
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    const heading = await page.textContent('#verdict-title');
    const enforced = await page.textContent('[data-field="enforced"]');
    const rows = await page.$$eval('tr[data-group]', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(heading).toBe('Converged');
    expect(enforced).toContain(first.slice(0, 12));
    expect(rows).toEqual([
      ['▸ db', '1', '1', '0', '0', '0', '0', '0', 'correct', expect.stringContaining('converged'), 'instance-file', 'specs/db.yaml:1'],
      ['▸ web', '2', '2', '0', '0', '0', '0', '0', 'correct', expect.stringContaining('converged'), 'instance-file', 'specs/web.yaml:1'],
    ]);

    // A commit with a spec problem on line 4: refused, the last good one still enforced.
    const bad = world.push({ 'specs/web.yaml': cattleYaml('web', 2).replace('    Size: 2', '    Size: two') });
    await page.waitForSelector('[data-field="refused-place"]', { timeout: 20_000 });
    const place = await page.textContent('[data-field="refused-place"]');
    const head = await page.textContent('[data-field="head"]');
    const refusedEvent = await page.waitForSelector('li[data-kind="refused"]', { timeout: 5_000 });
    expect(place).toBe('specs/web.yaml:4');
    expect(head).toContain(bad.slice(0, 12));
    expect(await page.textContent('#verdict-title')).toBe('Not converged');
    expect(await page.textContent('[data-field="enforced"]')).toContain(first.slice(0, 12));
    expect(await refusedEvent.textContent()).toContain('specs/web.yaml:4');

    // An instance deleted: the file plugin's event heals the group at once, and the page shows it.
    await page.focus('tr[data-group="web"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('table.instances tbody tr', { timeout: 5_000 });
    const before = await page.$$eval('table.instances tbody th', (ths) => ths.map((th) => th.textContent));
    const victim = instanceFiles(world.work).find((f) => f.startsWith('web-')) as string;
    // The file plugin's event heals it (`healed`), unless a tick that began meanwhile saw it first (`corrected`).
    const webChanges = 'li[data-group="web"]:is([data-kind="healed"], [data-kind="corrected"])';
    const changesBefore = await page.$$eval(webChanges, (lis) => lis.length);
    rmSync(path.join(world.work, '.tend/instances', victim));
    await page.waitForFunction(
      ({ sel, n }) => document.querySelectorAll(sel).length > n,
      { sel: webChanges, n: changesBefore },
      { timeout: 10_000 },
    );
    // Events are listed newest first.
    const healed = await page.$(webChanges);
    await page.waitForFunction(
      (gone) => ![...document.querySelectorAll('table.instances tbody th')].some((th) => th.textContent === gone),
      victim.replace(/\..*$/, ''),
      {
        timeout: 10_000,
      },
    );

    expect(await healed?.textContent()).toContain('created 1 (missing)');
    expect(before).toContain(victim.replace(/\..*$/, ''));
    expect(readdirSync(path.join(world.work, '.tend/instances')).filter((f) => f.startsWith('web-'))).toHaveLength(2);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // A commit that scales web to zero: past the destroy budget of 1, so refused and nothing changed.
    const blocked = world.push({ 'specs/web.yaml': cattleYaml('web', 0) });
    await page.waitForFunction((sha) => document.querySelector('[data-field="head"]')?.textContent?.includes(sha), blocked.slice(0, 12), {
      timeout: 20_000,
    });
    await page.waitForSelector('li[data-kind="refused"] >> text=destroy budget', { timeout: 5_000 });
    const why = await page.textContent('[data-field="refused"]');
    expect(why).toBe('blocked by the destroy budget: it would destroy 2 instances (web 2), budget 1. Nothing was changed.');
    expect(instanceFiles(world.work).filter((f) => f.startsWith('web-'))).toHaveLength(2);
    expect(await page.textContent('#live')).toBe('Live');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
