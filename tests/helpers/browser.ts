import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, which the tests drive: nothing downloads a browser (.ci/run installs it). */
export const CHROMIUM = process.env.TEND_CHROMIUM ?? '/usr/bin/chromium';

/** A headless chromium; `--no-sandbox` as the tests run as root in CI. Close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], timeout: 30_000 });
}
