// The status page's row: a watcher (the bundled CLI) on the workload's 1,000 groups, its page opened
// in Debian's chromium (headless, driven by playwright-core; nothing downloads a browser), timed by
// the page itself from navigation start to its first render of the groups (the `tend:rendered`
// performance mark). Its peer: fetching and parsing /api/v1/status, the JSON the page is drawn from.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StepError } from './checks.mjs';
import { writeSpecs } from './workload.mjs';

const CHROMIUM = process.env.TEND_CHROMIUM ?? '/usr/bin/chromium';

/** Why the page row cannot run here, or null when it can. */
export function pageMissing() {
  return existsSync(CHROMIUM) ? null : `no browser at ${CHROMIUM} (apt-get install chromium, or set TEND_CHROMIUM)`;
}

/** Runs the page row on `ctx`; the watcher and the browser are stopped on every path. */
export async function pageSteps(ctx) {
  const { config } = ctx;
  const dir = path.join(ctx.work, 'page');
  writeSpecs(dir, config.groups, 1);
  const args = ['watch', '--specs', 'specs', '--interval', '1m', '--drift-schedule', 'off', '--metrics-port', '0', '--listen', '127.0.0.1'];
  const watcher = spawn(process.execPath, [ctx.cli, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const { chromium } = await import('playwright-core');
  let browser = null;
  const samples = { meta: {} };
  const record = (name, wallMs) => (samples[name] ??= []).push({ wallMs, rssKiB: null });
  try {
    const base = await portOf(watcher, config.timeoutMs);
    await converged(base, config.groups, config.timeoutMs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    for (let i = 0; i < config.rounds; i += 1) {
      const started = performance.now();
      const status = await (await fetch(`${base}/api/v1/status`)).json();
      record('status JSON', performance.now() - started);
      if (status.groups.length !== config.groups)
        throw new StepError('status JSON', `${status.groups.length} groups, expected ${config.groups}`);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/`, { timeout: config.timeoutMs });
      await page.waitForFunction(() => performance.getEntriesByName('tend:rendered').length > 0, null, { timeout: config.timeoutMs });
      const { ms, rows } = await page.evaluate(() => ({
        ms: performance.getEntriesByName('tend:rendered')[0].startTime,
        rows: document.querySelectorAll('tr[data-group]').length,
      }));
      if (rows !== Math.min(100, config.groups)) throw new StepError('page first render', `${rows} rows shown, expected a page of them`);
      record('page first render', ms);
      process.stderr.write(
        `  page first render ${i}: ${Math.round(ms)} ms (status JSON ${Math.round(samples['status JSON'].at(-1).wallMs)} ms)\n`,
      );
      await context.close();
    }
  } finally {
    await browser?.close();
    watcher.kill('SIGKILL');
  }
  return samples;
}

/** The base URL the watcher's log names (`the status page: http://…/`). */
function portOf(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new StepError('page first render', `no status page address in time:\n${text}`)), timeoutMs);
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const found = /the status page: (http:\/\/[^/\s]+)\//.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => reject(new StepError('page first render', `the watcher exited ${code}:\n${text}`)));
  });
}

async function converged(base, groups, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await (await fetch(`${base}/api/v1/status`)).json();
    if (status.verdict.converged && status.groups.length === groups) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new StepError('page first render', `the watcher did not converge ${groups} groups in time`);
}
