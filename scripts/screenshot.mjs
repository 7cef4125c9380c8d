// `npm run screenshot`: docs/status-page.png, the status page of a small demo fleet as a person sees
// it: a watcher (the bundled CLI, built first by npm) on a folder of specs in a temporary folder, one
// group in report mode left short, an instance deleted and healed, then a spec broken on purpose so
// the page shows the refusal at its file and line. Drawn by Debian's chromium (TEND_CHROMIUM to use
// another), headless, through playwright-core; nothing downloads a browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { indexedPng } from './indexed-png.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, process.argv[2] ?? 'docs/status-page.png');

const group = (id, size, { mode, note = 'v1' } = {}) =>
  [
    `ID: ${id}`,
    'Properties:',
    `  Allocation: {Size: ${size}}`,
    `  Instance: {Plugin: instance-file, Properties: {Note: ${note}}}`,
    '  Flavor: {Plugin: flavor-vanilla, Properties: {Init: [echo hello]}}',
    mode ? `  Mode: ${mode}` : '',
    '',
  ].join('\n');

const work = mkdtempSync(path.join(os.tmpdir(), 'tend-screenshot-'));
const specs = path.join(work, 'specs');
mkdirSync(specs);
writeFileSync(path.join(specs, 'web.yaml'), group('web', 3));
writeFileSync(path.join(specs, 'api.yaml'), group('api', 2));
writeFileSync(path.join(specs, 'queue.yaml'), group('queue', 1));
writeFileSync(path.join(specs, 'batch.yaml'), group('batch', 2, { mode: 'report' }));

const args = ['watch', '--specs', 'specs', '--interval', '1s', '--drift-schedule', 'off', '--metrics-port', '0', '--listen', '127.0.0.1'];
const watcher = spawn(process.execPath, [path.join(ROOT, 'dist/tend.mjs'), ...args], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
watcher.stderr.on('data', (d) => (log += d));
const browser = await chromium.launch({ executablePath: process.env.TEND_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const base = await until(() => /the status page: (http:\/\/[^/\s]+)\//.exec(log)?.[1]);
  const status = async () => (await fetch(`${base}/api/v1/status`)).json();
  await until(async () => (await status()).groups.length === 4);
  // An instance of web deleted: the file plugin's event heals it at once.
  const instances = path.join(work, '.tend/instances');
  rmSync(
    path.join(
      instances,
      readdirSync(instances).find((f) => f.startsWith('web-')),
    ),
  );
  await until(async () => (await (await fetch(`${base}/api/v1/events`)).json()).events.some((e) => e.kind === 'healed'));
  // A spec broken on line 3: refused, the last good specs still enforced.
  writeFileSync(path.join(specs, 'api.yaml'), group('api', 'two'));
  await until(async () => (await status()).refused !== null);

  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' });
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-loaded] [data-field="refused-place"]');
  await page.focus('tr[data-group="web"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('table.instances tbody tr');
  await page.mouse.move(0, 0);
  const shot = await page.screenshot({ fullPage: true });
  // The browser's RGBA pixels, read back through a canvas, written again with a palette.
  const { width, height, data } = await page.evaluate(
    async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.width, img.height];
      const context = canvas.getContext('2d');
      context.drawImage(img, 0, 0);
      return { width: img.width, height: img.height, data: [...context.getImageData(0, 0, img.width, img.height).data] };
    },
    `data:image/png;base64,${shot.toString('base64')}`,
  );
  writeFileSync(OUT, indexedPng(Uint8Array.from(data), width, height));
  process.stderr.write(`wrote ${path.relative(ROOT, OUT)} (${statSync(OUT).size} bytes)\n`);
} finally {
  await browser.close();
  watcher.kill('SIGTERM');
  await new Promise((resolve) => (watcher.exitCode === null ? watcher.once('exit', resolve) : resolve()));
  rmSync(work, { recursive: true, force: true });
}

/** Resolves with what `check` returns once it is truthy, asked every 100 ms; rejects after 20 s. */
async function until(check) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not in time; the watcher said:\n${log}`);
}
