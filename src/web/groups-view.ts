import type { ApiGroup, ApiGroupDetail } from '../watch/page/status-api-types.js';
import { byId, el } from './dom.js';
import { ago, attentionFirst, DRIFT_KINDS, needsAttention, searchText, when } from './format.js';

/** Rows shown at once: a fleet of thousands of groups pages through them rather than freezing the page. */
export const PAGE_SIZE = 100;
const COLUMNS = 12;

/**
 * The table of groups: attention first, filtered by the text box, a page at a time; a row opens
 * (click, Enter or Space) to the group's instances as the watcher last observed them.
 */
export class GroupsView {
  #groups: Array<{ group: ApiGroup; text: string }> = [];
  #filter = '';
  #page = 0;
  readonly #open = new Set<string>();
  readonly #details = new Map<string, ApiGroupDetail | 'loading' | 'gone'>();
  readonly #body = byId<HTMLTableSectionElement>('group-rows');
  readonly #count = byId('group-count');
  readonly #prev = byId<HTMLButtonElement>('page-prev');
  readonly #next = byId<HTMLButtonElement>('page-next');

  constructor(private readonly fetchGroup: (id: string) => Promise<ApiGroupDetail | null>) {
    const filter = byId<HTMLInputElement>('group-filter');
    filter.addEventListener('input', () => {
      this.#filter = filter.value.trim().toLowerCase();
      this.#page = 0;
      this.render();
    });
    this.#prev.addEventListener('click', () => this.#turn(-1));
    this.#next.addEventListener('click', () => this.#turn(1));
    this.#body.addEventListener('click', (e) => this.#toggleFrom(e.target));
    this.#body.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target instanceof HTMLTableRowElement && e.target.dataset.group !== undefined) {
        e.preventDefault();
        this.#toggleFrom(e.target);
      }
    });
  }

  /** New groups from the watcher: kept sorted; open groups' instances are asked for again. */
  set(groups: readonly ApiGroup[]): void {
    this.#groups = attentionFirst(groups).map((group) => ({ group, text: searchText(group) }));
    for (const id of this.#open) void this.#load(id);
    this.render();
  }

  render(): void {
    // A live update must not take the keyboard's place away.
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.group : undefined;
    const matching = this.#filter === '' ? this.#groups : this.#groups.filter((g) => g.text.includes(this.#filter));
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    this.#page = Math.min(this.#page, pages - 1);
    const first = this.#page * PAGE_SIZE;
    const shown = matching.slice(first, first + PAGE_SIZE);
    const rows = document.createDocumentFragment();
    for (const { group } of shown) {
      rows.append(this.#row(group));
      if (this.#open.has(group.id)) rows.append(this.#instances(group.id));
    }
    if (shown.length === 0)
      rows.append(
        el('tr', {}, el('td', { colspan: COLUMNS }, this.#groups.length === 0 ? 'No groups judged yet.' : 'No group matches the filter.')),
      );
    this.#body.replaceChildren(rows);
    const range = matching.length === 0 ? '0' : `${first + 1}–${first + shown.length}`;
    const attention = this.#groups.filter((g) => needsAttention(g.group)).length;
    this.#count.textContent = `Showing ${range} of ${matching.length} group${matching.length === 1 ? '' : 's'}${this.#filter === '' ? '' : ` matching (${this.#groups.length} in all)`}; ${attention} need${attention === 1 ? 's' : ''} attention.`;
    this.#prev.disabled = this.#page === 0;
    this.#next.disabled = this.#page >= pages - 1;
    if (focused !== undefined) this.#body.querySelector<HTMLElement>(`tr[data-group="${CSS.escape(focused)}"]`)?.focus();
  }

  #turn(by: number): void {
    this.#page += by;
    this.render();
  }

  #row(g: ApiGroup): HTMLTableRowElement {
    const open = this.#open.has(g.id);
    const spec = g.file === null ? '' : `${g.file}${g.line === null ? '' : `:${g.line}`}`;
    return el(
      'tr',
      { tabindex: 0, 'data-group': g.id, 'aria-expanded': open ? 'true' : 'false', class: needsAttention(g) ? 'attention' : null },
      el('th', { scope: 'row' }, el('span', { class: 'caret', 'aria-hidden': 'true' }, open ? '▾ ' : '▸ '), g.id),
      el('td', { class: 'num' }, String(g.desired)),
      el('td', { class: 'num' }, String(g.observed)),
      ...DRIFT_KINDS.map((k) => el('td', { class: g.drift[k] > 0 ? 'num drift' : 'num', 'data-drift': k }, String(g.drift[k]))),
      el('td', {}, g.mode),
      el(
        'td',
        { class: `outcome ${g.outcome}` },
        g.outcome,
        g.reason === null ? '' : el('span', { class: 'reason' }, g.reason),
        el('span', { class: 'run', title: g.at }, `${g.run}, ${ago(g.at)}`),
      ),
      el('td', {}, g.plugin ?? '—'),
      el('td', {}, spec === '' ? '—' : el('code', {}, spec)),
    );
  }

  #instances(id: string): HTMLTableRowElement {
    const detail = this.#details.get(id);
    let content: Node;
    if (detail === undefined || detail === 'loading') content = el('p', {}, 'Loading instances…');
    else if (detail === 'gone') content = el('p', {}, 'This group is no longer in the enforced revision.');
    else {
      const head = ['Instance ID', 'Logical ID', 'Config hash', 'Created', 'Health', 'Plugin'];
      content = el(
        'table',
        { class: 'instances' },
        el(
          'caption',
          {},
          `${detail.instances.length} instance${detail.instances.length === 1 ? '' : 's'} of ${id}, as observed ${when(detail.observedAt)}`,
        ),
        el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
        el(
          'tbody',
          {},
          ...detail.instances.map((i) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, el('code', {}, i.id)),
              el('td', {}, i.logicalId ?? '—'),
              el('td', {}, el('code', {}, i.configSha ?? '—')),
              el('td', {}, i.created ?? '—'),
              el('td', { class: i.health }, i.health, i.modified ? ', modified out of band' : ''),
              el('td', {}, i.plugin),
            ),
          ),
        ),
      );
    }
    return el('tr', { class: 'detail', 'data-detail': id }, el('td', { colspan: COLUMNS }, content));
  }

  #toggleFrom(target: EventTarget | null): void {
    const row = target instanceof Element ? target.closest<HTMLTableRowElement>('tr[data-group]') : null;
    const id = row?.dataset.group;
    if (id === undefined) return;
    if (this.#open.delete(id)) this.#details.delete(id);
    else {
      this.#open.add(id);
      void this.#load(id);
    }
    this.render();
  }

  async #load(id: string): Promise<void> {
    if (!this.#details.has(id)) this.#details.set(id, 'loading');
    try {
      const detail = await this.fetchGroup(id);
      if (!this.#open.has(id)) return;
      this.#details.set(id, detail ?? 'gone');
      this.render();
    } catch {
      // The live banner says the watcher is lost; the next change asks again.
    }
  }
}
