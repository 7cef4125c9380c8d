import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, makeTempDir, type GitRepo } from '../helpers/make-git-repo.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { startGitDaemon, type GitDaemon } from '../helpers/start-git-daemon.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { watchHere } from '../helpers/watch-here.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';

const SECRET = 'a webhook secret for tests';

/** Prometheus text as {"name{labels}": value}, every sample line parsed (and nothing else accepted). */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const found = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!found) throw new Error(`not a Prometheus sample: ${line}`);
    samples.set(found[1] as string, Number(found[2]));
  }
  return samples;
}

describe('tend watch: webhook, /healthz and /metrics', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  let daemon: GitDaemon;
  let work: string;
  let w: RunningWatch;

  const url = (route: string): string => `http://127.0.0.1:${w.port('webhook')}${route}`;
  const deliver = (event: string, body: object, signature: string | null): Promise<Response> => {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': event };
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    return fetch(url('/hooks/github'), { method: 'POST', headers, body: text });
  };
  const sign = (body: object, secret = SECRET): string =>
    `sha256=${createHmac('sha256', secret).update(JSON.stringify(body)).digest('hex')}`;
  const metrics = async (): Promise<Map<string, number>> => parseMetrics(await (await fetch(url('/metrics'))).text());
  const fullTicks = async (): Promise<number> => {
    const m = await metrics();
    return (m.get('tend_ticks_total{kind="full",result="ok"}') ?? 0) + (m.get('tend_ticks_total{kind="full",result="failed"}') ?? 0);
  };

  function push(spec: string): string {
    repo.write('specs/web.yaml', spec);
    const sha = repo.commit();
    repo.git(['push', '-q', 'origin', 'main']);
    return sha;
  }

  beforeEach(async () => {
    temp = makeTempDir('tend-watch-http-');
    work = path.join(temp.dir, 'work');
    mkdirSync(work);
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 1) }, temp.dir);
    repo.bareClone(temp.dir, 'specs.git');
    repo.git(['remote', 'add', 'origin', path.join(temp.dir, 'specs.git')]);
    daemon = await startGitDaemon(temp.dir);
    // The watcher in this process (the process's signals and exit are watch-folder's and watch-ctrl-c's).
    // A long interval: only the webhook makes a tick come early.
    const flags = { repo: daemon.url('specs.git'), ref: 'main', driftSchedule: 'off', webhookPort: 0, listen: '127.0.0.1' };
    w = await watchHere(work, { flags, intervalMs: 600_000, env: { TEND_WEBHOOK_SECRET: SECRET } });
    await w.waitFor(/applied .*1 of 1 group converged/);
  });

  afterEach(async () => {
    await w.stop();
    await daemon.stop();
    temp.cleanup();
  });

  it('ticks at once for a signed push to the watched ref, and for nothing else', async () => {
    const sha = push(cattleYaml('web', 3));
    const ticks = await fullTicks();
    const pushed = { ref: 'refs/heads/main', after: sha };

    const missing = await deliver('push', pushed, null);
    const forged = await deliver('push', pushed, sign(pushed, 'not the secret'));
    const malformed = await deliver('push', pushed, 'sha256=zz');
    const other = { ref: 'refs/heads/feature', after: sha };
    const otherRef = await deliver('push', other, sign(other));
    const ping = await deliver('ping', { zen: 'Keep it logically awesome.' }, sign({ zen: 'Keep it logically awesome.' }));
    const issue = await deliver('issues', { action: 'opened' }, sign({ action: 'opened' }));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect([missing.status, forged.status, malformed.status]).toEqual([401, 401, 401]);
    expect([otherRef.status, ping.status, issue.status]).toEqual([202, 200, 202]);
    expect(await ping.text()).toBe('pong\n');
    expect(await fullTicks()).toBe(ticks);
    expect(instanceFiles(work)).toHaveLength(1);

    const accepted = await deliver('push', pushed, sign(pushed));
    await until(() => instanceFiles(work).length === 3, 5000);

    expect(accepted.status).toBe(202);
    const m = await metrics();
    expect(m.get('tend_webhook_deliveries_total{result="unauthorized"}')).toBe(3);
    expect(m.get('tend_webhook_deliveries_total{result="ignored"}')).toBe(2);
    expect(m.get('tend_webhook_deliveries_total{result="ping"}')).toBe(1);
    expect(m.get('tend_webhook_deliveries_total{result="accepted"}')).toBe(1);
  });

  it('serves /healthz and /metrics that say what was applied, and turns unhealthy on an invalid commit', async () => {
    const sha = push(cattleYaml('web', 2));
    await deliver('push', { ref: 'refs/heads/main' }, sign({ ref: 'refs/heads/main' }));
    await until(() => instanceFiles(work).length === 2, 5000);
    await w.waitFor(new RegExp(`applied ${sha.slice(0, 12)}`), 5000);

    const healthy = await fetch(url('/healthz'));
    const m = await metrics();

    expect(healthy.status).toBe(200);
    // Without a metrics port, the webhook's port serves the status page and its JSON too.
    const page = await fetch(url('/api/v1/status'));
    expect([page.status, ((await page.json()) as { enforced: { sha: string } }).enforced.sha]).toEqual([200, sha]);
    expect(await healthy.json()).toEqual({ status: 'ok', reason: null });
    expect(m.get(`tend_revision_applied{revision="${sha}"}`)).toBe(1);
    expect(m.get(`tend_revision_last_good{revision="${sha}"}`)).toBe(1);
    expect(m.get('tend_drift_instances{group="web",kind="missing"}')).toBe(0);
    expect(m.get('tend_group_outcomes_total{outcome="converged"}')).toBeGreaterThanOrEqual(2);
    expect(m.get('tend_tick_duration_seconds_count{kind="full"}')).toBeGreaterThanOrEqual(2);
    expect(m.get('tend_process_resident_memory_bytes')).toBeGreaterThan(0);

    push('ID: web\nProperties: [\n');
    await deliver('push', { ref: 'refs/heads/main' }, sign({ ref: 'refs/heads/main' }));
    await w.waitFor(/is not applied \(SPEC_INVALID\)/, 5000);
    const unhealthy = await fetch(url('/healthz'));

    expect(unhealthy.status).toBe(503);
    const said = (await unhealthy.json()) as { status: string; reason: string };
    expect(said.status).toBe('failing');
    expect(said.reason).toContain('SPEC_INVALID');
    expect((await metrics()).get(`tend_revision_last_good{revision="${sha}"}`)).toBe(1);
  });

  it('refuses a second watcher on the same state folder, and a webhook port without a secret', async () => {
    const second = await runTendHere(work, ['watch', '--repo', daemon.url('specs.git'), '--interval', '1s']);
    const noSecret = await runTendHere(work, ['watch', '--webhook-port', '0']);

    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is locked by tend watch \(pid \d+\)[^]*one watcher per state folder/);
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toContain('TEND_WEBHOOK_SECRET');
    expect((await w.stop()).code).toBe(0);
  });
});
