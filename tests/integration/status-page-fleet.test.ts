import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { ApiEvents, ApiStatus } from '../../src/watch/page/status-api-types.js';
import { launchBrowser } from '../helpers/browser.js';
import { makeTempDir } from '../helpers/make-git-repo.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startWatch, type RunningWatch } from '../helpers/start-watch.js';
import { untilAnswered } from '../helpers/until.js';

const GROUPS = 1000;
const ids = Array.from({ length: GROUPS }, (_, i) => `g${String(i).padStart(4, '0')}`);

/** A fleet of 1,000 groups on the page: it renders a page of rows at a time and filters them at once; events outlive a restart. */
describe('tend watch: the status page of 1,000 groups', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let browser: Browser;
  const watchers: RunningWatch[] = [];
  const watch = (): RunningWatch => {
    const w = startWatch(temp.dir, [
      '--specs',
      'specs',
      '--interval',
      '1m',
      '--drift-schedule',
      'off',
      '--metrics-port',
      '0',
      '--listen',
      '127.0.0.1',
    ]);
    watchers.push(w);
    return w;
  };
  const url = (w: RunningWatch, route: string): string => `http://127.0.0.1:${w.port('health and metrics')}${route}`;

  beforeAll(async () => {
    temp = makeTempDir('tend-status-fleet-');
    mkdirSync(path.join(temp.dir, 'specs'));
    // Every group empty but one, in report mode and short of its one instance: the one needing attention.
    const docs = ids.map((id) => (id === 'g0500' ? cattleYaml(id, 1, { mode: 'report' }) : cattleYaml(id, 0)));
    writeFileSync(path.join(temp.dir, 'specs/fleet.yaml'), docs.join('---\n'));
    // A file name that would be markup, were it ever read as HTML.
    writeFileSync(path.join(temp.dir, 'specs/<img src=x onerror=alert(1)>.yaml'), cattleYaml('odd', 0));
    browser = await launchBrowser();
  }, 30_000);

  afterAll(async () => {
    await Promise.all(watchers.map((w) => w.stop('SIGKILL')));
    await browser?.close();
    temp?.cleanup();
  }, 30_000);

  it('lists the group needing attention first, a page at a time, and filters 1,000 groups in under a second', async () => {
    const w = watch();
    await w.waitFor(/watching:/);
    await untilAnswered(
      async () => ((await (await fetch(url(w, '/api/v1/status'))).json()) as ApiStatus).groups.length === GROUPS + 1,
      20_000,
    );
    const page = await browser.newPage();
    await page.goto(url(w, '/'), { timeout: 10_000 });
    await page.waitForSelector('body[data-loaded] tr[data-group]', { timeout: 10_000 });

    const firstRows = await page.$$eval('tr[data-group]', (trs) => trs.map((tr) => tr.getAttribute('data-group')));
    const count = await page.textContent('#group-count');
    const filtered = await page.evaluate(() => {
      const box = document.getElementById('group-filter') as HTMLInputElement;
      const started = performance.now();
      box.value = 'g0999';
      box.dispatchEvent(new Event('input'));
      const rows = [...document.querySelectorAll('tr[data-group]')].map((tr) => tr.getAttribute('data-group'));
      return { ms: performance.now() - started, rows };
    });
    await page.fill('#group-filter', 'g09');
    const nineHundreds = await page.$$eval('tr[data-group]', (trs) => trs.length);
    await page.fill('#group-filter', 'odd');
    const odd = await page.$eval('tr[data-group="odd"] code', (code) => ({ text: code.textContent, elements: code.children.length }));
    await page.fill('#group-filter', '');
    await page.click('#page-next');
    const secondPage = await page.$$eval('tr[data-group]', (trs) => trs.map((tr) => tr.getAttribute('data-group')));

    expect(firstRows).toHaveLength(100);
    expect(firstRows.slice(0, 3)).toEqual(['g0500', 'g0000', 'g0001']);
    expect(count).toBe('Showing 1–100 of 1001 groups; 1 needs attention.');
    expect(filtered.rows).toEqual(['g0999']);
    expect(filtered.ms).toBeLessThan(1000);
    expect(nineHundreds).toBe(100);
    expect(secondPage[0]).toBe('g0099');
    expect(odd).toEqual({ text: 'specs/<img src=x onerror=alert(1)>.yaml:1', elements: 0 });
    await page.close();
  }, 60_000);

  it('keeps the recent events across a restart of the watcher', async () => {
    const before = watchers.at(-1) ?? watch();
    await before.waitFor(/watching:/);
    await untilAnswered(async () => ((await (await fetch(url(before, '/api/v1/events'))).json()) as ApiEvents).events.length > 0, 20_000);
    const kept = ((await (await fetch(url(before, '/api/v1/events'))).json()) as ApiEvents).events;
    const page = await browser.newPage();
    await page.goto(url(before, '/'), { timeout: 10_000 });
    await page.waitForSelector('#live[data-state="live"]', { timeout: 10_000 });
    await before.stop('SIGTERM');
    await page.waitForSelector('#live[data-state="lost"]', { timeout: 10_000 });
    const lost = await page.textContent('#live');
    await page.close();

    const after = watch();
    await after.waitFor(/watching:/);
    const events = ((await (await fetch(url(after, '/api/v1/events'))).json()) as ApiEvents).events;

    expect(kept[0]).toMatchObject({ kind: 'applied', message: 'the specs were applied: enforced from now on' });
    expect(events.slice(0, kept.length)).toEqual(kept);
    expect(lost).toMatch(/^Lost the watcher at .+: retrying…$/);
  }, 60_000);
});
