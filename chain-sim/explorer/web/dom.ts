// A tiny DOM builder: text always goes in as text (deployment data is written by users), never as HTML.
export type Child = Node | string | number | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(typeof c === 'object' ? c : String(c));
  return el;
}

export function table(headers: string[], rows: HTMLElement[], attrs: Record<string, string> = {}): HTMLElement {
  return h('table', attrs, h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', {}, t)))), h('tbody', {}, ...rows));
}

const GiB = 2 ** 30;
export const gib = (bytes: number) => `${Math.round(bytes / GiB)} GiB`;
export const tib = (bytes: number) => (bytes >= 2 ** 40 ? `${(bytes / 2 ** 40).toFixed(1)} TiB` : gib(bytes));
export const when = (unix: number) => (unix ? new Date(unix * 1000).toISOString().replace('T', ' ').slice(0, 16) : '—');

/** A capacity bar: used of total, with the figures beside it. */
export function bar(used: number, total: number, label: (n: number) => string): HTMLElement {
  const pct = total ? Math.min(100, (used / total) * 100) : 0;
  return h(
    'span',
    { title: `${label(used)} of ${label(total)}` },
    h('span', { class: 'bar' }, h('span', { style: `width:${pct.toFixed(1)}%` })),
    h('span', { class: 'bartext' }, `${label(used)} / ${label(total)}`),
  );
}
