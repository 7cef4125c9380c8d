import type { ApiRevision, ApiStatus } from '../watch/page/status-api-types.js';
import { byId, el } from './dom.js';
import { shortSha, when } from './format.js';

/** The top of the page: converged or not and why, the enforced commit, the head when it differs, the next tick and drift check. */
export function renderVerdict(status: ApiStatus): void {
  const section = byId('verdict');
  const { verdict } = status;
  section.dataset.state = verdict.state;
  const title = verdict.state === 'converged' ? 'Converged' : verdict.state === 'starting' ? 'Starting' : 'Not converged';
  const facts = el(
    'dl',
    {},
    ...fact('Enforced', revision(status, status.enforced, 'enforced')),
    ...(status.head !== null && status.head.sha !== status.enforced?.sha ? fact('Head', revision(status, status.head, 'head')) : []),
    ...(status.refused === null ? [] : fact('Not enforced because', refusal(status))),
    ...(status.lastGood !== null && status.lastGood.sha !== status.enforced?.sha
      ? fact('Last good', revision(status, status.lastGood, 'last-good'))
      : []),
    ...fact('Next tick', el('span', { 'data-field': 'next-tick' }, when(status.nextTick))),
    ...fact(
      'Next drift check',
      el('span', { 'data-field': 'next-drift' }, status.nextDriftCheck === null ? 'none scheduled' : when(status.nextDriftCheck)),
    ),
    ...fact(
      'Health',
      el('span', { 'data-field': 'health' }, verdict.healthy ? 'ok' : 'failing', verdict.health === null ? '' : `: ${verdict.health}`),
    ),
  );
  const causes =
    verdict.causes.length === 0
      ? null
      : el(
          'ul',
          { class: 'causes', 'aria-label': 'What stops the watcher' },
          ...verdict.causes.map((c) =>
            el(
              'li',
              {},
              el('strong', {}, `${c.where}: ${c.code}`),
              ` ${c.message} — ${c.stop} since ${when(c.since)}`,
              c.retryAt === null ? '' : `, retried ${when(c.retryAt)}`,
            ),
          ),
        );
  section.replaceChildren(
    el('h2', { id: 'verdict-title' }, title),
    el('p', { class: 'summary', 'data-field': 'summary' }, verdict.summary),
    facts,
    causes ?? '',
  );
}

function fact(term: string, detail: Node): Node[] {
  return [el('dt', {}, term), el('dd', {}, detail)];
}

/** A revision: its short SHA, a link to the commit on GitHub when the repository is there, and since when. */
function revision(status: ApiStatus, mark: ApiRevision | null, field: string): Node {
  if (mark === null) return el('span', { 'data-field': field }, 'nothing yet');
  const text = shortSha(mark.sha);
  const sha =
    status.repository !== null && mark.sha !== null
      ? el('a', { href: `${status.repository}/commit/${mark.sha}`, rel: 'noreferrer' }, el('code', {}, text))
      : el('code', {}, text);
  return el(
    'span',
    { 'data-field': field, title: mark.sha ?? '' },
    sha,
    mark.ref === null ? '' : ` on ${mark.ref}`,
    `, since ${when(mark.at)}`,
  );
}

/** Why the head is not enforced: invalid at file:line, blocked by the budget and what it would destroy, or waiting on a plugin. */
function refusal(status: ApiStatus): Node {
  const r = status.refused;
  if (r === null) return el('span');
  if (r.why === 'invalid') {
    const place = r.file === null ? '' : `${r.file}${r.line === null ? '' : `:${r.line}`}`;
    return el(
      'span',
      { 'data-field': 'refused' },
      'invalid: ',
      place === '' ? '' : el('code', { 'data-field': 'refused-place' }, place),
      ` ${r.problem ?? r.message} (${r.code})`,
    );
  }
  if (r.why === 'blocked' && status.blocked !== null) {
    const b = status.blocked;
    const what = b.destroys.map((d) => `${d.group} ${d.count}`).join(', ');
    return el(
      'span',
      { 'data-field': 'refused' },
      `blocked by the ${b.reason}: it would destroy ${b.destroy} instance${b.destroy === 1 ? '' : 's'}${what === '' ? '' : ` (${what})`}, budget ${b.budget}. Nothing was changed.`,
    );
  }
  return el('span', { 'data-field': 'refused' }, `${r.why}: ${r.code}: ${r.message}`);
}
