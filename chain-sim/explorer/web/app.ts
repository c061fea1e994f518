// The explorer's page: the grid at a glance (cards, nodes with filters, farms, contracts), a node,
// a contract and a twin, from the explorer's own API. Re-renders the current view every 5 s.
import { bar, gib, h, table, tib, when } from './dom';
import { timeChart } from './charts';
import './app.css';

const REFRESH_MS = 5000;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path);
  const body = await res.json();
  if (!res.ok) throw new Error((body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}

interface Cap {
  cru: number;
  mru: number;
  sru: number;
  hru: number;
}
interface NodeRec {
  nodeId: number;
  farmId: number;
  farmName: string;
  twinId: number;
  status: string;
  healthy: boolean;
  total_resources: Cap;
  used_resources: Cap;
  publicConfig: { domain: string; ipv4: string };
  rented: boolean;
  rentable: boolean;
  country: string;
  city: string;
  farm_free_ips: number;
  created: number;
  updatedAt: number;
  features: string[];
}
interface Contract {
  contract_id: number;
  twin_id: number;
  state: string;
  created_at: number;
  type: string;
  details: Record<string, unknown>;
}
interface Stats {
  nodes: number;
  farms: number;
  countries: number;
  totalCru: number;
  totalSru: number;
  totalMru: number;
  totalHru: number;
  publicIps: number;
  accessNodes: number;
  gateways: number;
  twins: number;
  contracts: number;
  workloads_number: number;
}
interface Farm {
  farmId: number;
  name: string;
  twinId: number;
  certificationType: string;
  dedicated: boolean;
  publicIps: { contract_id: number }[];
}

const status = (s: string) => h('span', { class: `status ${s}` }, s);
const nodeLink = (id: number) => h('a', { href: `#/node/${id}` }, String(id));
const contractLink = (id: number) => h('a', { href: `#/contract/${id}` }, String(id));
const twinLink = (id: number) => h('a', { href: `#/twin/${id}` }, String(id));
const card = (id: string, label: string, value: string | number) =>
  h('div', { class: 'card', id }, h('div', { class: 'value' }, String(value)), h('div', { class: 'label' }, label));

/** Node filters live in the hash's query (#/?status=up&farm_ids=1), so a reload keeps them. */
function nodeFilters(): URLSearchParams {
  const q = location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q);
}

function filtersBar(farms: Farm[]): HTMLElement {
  const f = nodeFilters();
  const statusSel = h(
    'select',
    { id: 'filter-status' },
    ...['', 'up', 'down', 'standby'].map((s) => h('option', { value: s, selected: f.get('status') === s }, s || 'any status')),
  );
  const farmSel = h(
    'select',
    { id: 'filter-farm' },
    h('option', { value: '' }, 'any farm'),
    ...farms.map((x) => h('option', { value: x.farmId, selected: f.get('farm_ids') === String(x.farmId) }, x.name)),
  );
  const mem = h('input', {
    id: 'filter-mem',
    type: 'number',
    min: 0,
    placeholder: 'free RAM GiB',
    value: f.get('free_mru') ? Number(f.get('free_mru')) / 2 ** 30 : undefined,
  });
  const gw = h('input', { id: 'filter-gateway', type: 'checkbox', checked: f.get('domain') === 'true' });
  const apply = () => {
    const q = new URLSearchParams();
    const v = (el: HTMLElement) => (el as HTMLInputElement).value;
    if (v(statusSel)) q.set('status', v(statusSel));
    if (v(farmSel)) q.set('farm_ids', v(farmSel));
    if (v(mem)) q.set('free_mru', String(Math.round(Number(v(mem)) * 2 ** 30)));
    if ((gw as HTMLInputElement).checked) q.set('domain', 'true');
    location.hash = `#/?${q}`;
  };
  for (const el of [statusSel, farmSel, mem, gw]) el.addEventListener('change', apply);
  return h('div', { class: 'filters' }, statusSel, farmSel, mem, h('label', {}, gw, ' gateways only'));
}

async function home(): Promise<HTMLElement[]> {
  const filters = nodeFilters();
  filters.set('size', '1000');
  const [stats, up, nodes, farms, contracts] = await Promise.all([
    get<Stats>('/stats'),
    get<Stats>('/stats?status=up'),
    get<NodeRec[]>(`/nodes?${filters}`),
    get<Farm[]>('/farms?size=1000'),
    get<Contract[]>('/contracts?size=100&sort_by=contract_id&sort_order=desc'),
  ]);
  const cards = h(
    'div',
    { class: 'cards' },
    card('stat-nodes', 'Nodes', stats.nodes),
    card('stat-nodes-up', 'Nodes up', up.nodes),
    card('stat-farms', 'Farms', stats.farms),
    card('stat-countries', 'Countries', stats.countries),
    card('stat-cpus', 'CPUs', stats.totalCru),
    card('stat-ram', 'RAM', tib(stats.totalMru)),
    card('stat-ssd', 'SSD', tib(stats.totalSru)),
    card('stat-hdd', 'HDD', tib(stats.totalHru)),
    card('stat-ips', 'Public IPs', stats.publicIps),
    card('stat-access', 'Access nodes', stats.accessNodes),
    card('stat-gateways', 'Gateways', stats.gateways),
    card('stat-twins', 'Twins', stats.twins),
    card('stat-contracts', 'Contracts', stats.contracts),
    card('stat-workloads', 'Workloads', stats.workloads_number),
  );
  const nodeRows = nodes.map((n) =>
    h(
      'tr',
      { 'data-node-id': n.nodeId },
      h('td', {}, nodeLink(n.nodeId)),
      h('td', {}, status(n.status)),
      h('td', {}, n.farmName),
      h('td', {}, n.publicConfig.domain || ''),
      h('td', {}, bar(n.used_resources.cru, n.total_resources.cru, String)),
      h('td', {}, bar(n.used_resources.mru, n.total_resources.mru, gib)),
      h('td', {}, bar(n.used_resources.sru, n.total_resources.sru, tib)),
      h('td', {}, bar(n.used_resources.hru, n.total_resources.hru, tib)),
      h('td', {}, n.rented ? 'rented' : n.rentable ? 'rentable' : ''),
    ),
  );
  const farmRows = farms.map((f) =>
    h(
      'tr',
      {},
      h('td', {}, f.farmId),
      h('td', {}, f.name),
      h('td', {}, twinLink(f.twinId)),
      h('td', {}, f.certificationType),
      h('td', {}, f.dedicated ? 'yes' : 'no'),
      h('td', {}, `${f.publicIps.filter((ip) => !ip.contract_id).length} / ${f.publicIps.length}`),
    ),
  );
  return [
    cards,
    h('h2', {}, `Nodes (${nodes.length})`),
    filtersBar(farms),
    table(['NODE', 'STATUS', 'FARM', 'GATEWAY', 'CPU', 'RAM', 'SSD', 'HDD', ''], nodeRows, { id: 'nodes-table' }),
    h('h2', {}, 'Farms'),
    table(['ID', 'NAME', 'TWIN', 'CERTIFICATION', 'DEDICATED', 'FREE IPS'], farmRows, { id: 'farms-table' }),
    h('h2', {}, 'Contracts (latest 100)'),
    contractsTable(contracts),
  ];
}

function contractsTable(contracts: Contract[]): HTMLElement {
  const rows = contracts.map((c) =>
    h(
      'tr',
      { 'data-contract-id': c.contract_id },
      h('td', {}, contractLink(c.contract_id)),
      h('td', {}, c.type),
      h('td', {}, status(c.state)),
      h('td', {}, twinLink(c.twin_id)),
      h('td', {}, c.details.nodeId ? nodeLink(Number(c.details.nodeId)) : String(c.details.name ?? '')),
      h('td', {}, when(c.created_at)),
    ),
  );
  return table(['CONTRACT', 'TYPE', 'STATE', 'TWIN', 'NODE / NAME', 'CREATED'], rows, { id: 'contracts-table' });
}

async function nodePage(id: number): Promise<HTMLElement[]> {
  const [n, usage, contracts] = await Promise.all([
    get<NodeRec>(`/nodes/${id}`),
    get<(Cap & { timestamp: number })[]>(`/explorer/nodes/${id}/usage`),
    get<Contract[]>(`/contracts?node_id=${id}&size=1000`),
  ]);
  const cap = (n as unknown as { capacity: { total_resources: Cap; used_resources: Cap } }).capacity;
  return [
    h('h2', {}, `Node ${id} `, status(n.status)),
    h(
      'dl',
      {},
      h('dt', {}, 'Farm'),
      h('dd', {}, `${n.farmName} (${n.farmId})`),
      h('dt', {}, 'Twin'),
      h('dd', {}, twinLink(n.twinId)),
      h('dt', {}, 'Location'),
      h('dd', {}, `${n.city}, ${n.country}`),
      h('dt', {}, 'Public config'),
      h('dd', {}, n.publicConfig.domain || n.publicConfig.ipv4 || 'none'),
      h('dt', {}, 'Last answered'),
      h('dd', {}, when(n.updatedAt)),
      h('dt', {}, 'Features'),
      h('dd', {}, n.features.join(', ')),
      h('dt', {}, 'RAM used'),
      h('dd', {}, bar(cap.used_resources.mru, cap.total_resources.mru, gib)),
      h('dt', {}, 'SSD used'),
      h('dd', {}, bar(cap.used_resources.sru, cap.total_resources.sru, tib)),
    ),
    timeChart(
      'node-usage-chart',
      'Capacity used over chain time (GiB)',
      usage.map((u) => u.timestamp),
      [
        { label: 'RAM GiB', values: usage.map((u) => u.mru / 2 ** 30), color: '#3fb4ff' },
        { label: 'SSD GiB', values: usage.map((u) => u.sru / 2 ** 30), color: '#3fcf8e' },
        { label: 'vCPU', values: usage.map((u) => u.cru), color: '#f5a524' },
      ],
    ),
    h('h2', {}, 'Contracts'),
    contractsTable(contracts),
  ];
}

interface ContractDetail extends Contract {
  metadata?: unknown;
  deleted_reason: string;
  grace_since: number | null;
  used: Cap;
  public_ips: string[];
  last_billed: number;
}

async function contractPage(id: number): Promise<HTMLElement[]> {
  const [c, bills] = await Promise.all([
    get<ContractDetail>(`/explorer/contracts/${id}`),
    get<{ amountBilled: number; timestamp: number; discountReceived: string }[]>(`/contracts/${id}/bills?size=1000`),
  ]);
  const total = bills.reduce((s, b) => s + b.amountBilled, 0) / 1e7;
  const grace =
    c.state === 'GracePeriod'
      ? `in grace since ${when(c.grace_since ?? 0)}: workloads are paused until the twin pays`
      : c.state === 'Deleted'
        ? `deleted (${c.deleted_reason})`
        : 'paid up';
  return [
    h('h2', {}, `Contract ${id} `, status(c.state)),
    h(
      'dl',
      {},
      h('dt', {}, 'Type'),
      h('dd', {}, c.type),
      h('dt', {}, 'Twin'),
      h('dd', {}, twinLink(c.twin_id)),
      h('dt', {}, 'Node'),
      h('dd', {}, c.details.nodeId ? nodeLink(Number(c.details.nodeId)) : '—'),
      h('dt', {}, 'Grace'),
      h('dd', { id: 'contract-grace' }, grace),
      h('dt', {}, 'Created'),
      h('dd', {}, when(c.created_at)),
      h('dt', {}, 'Last billed'),
      h('dd', {}, when(c.last_billed)),
      h('dt', {}, 'Public IPs'),
      h('dd', {}, c.public_ips.join(', ') || 'none'),
      h('dt', {}, 'Used'),
      h('dd', {}, `${c.used.cru} vCPU, ${gib(c.used.mru)} RAM, ${gib(c.used.sru)} SSD, ${gib(c.used.hru)} HDD`),
      h('dt', {}, 'Billed'),
      h('dd', { id: 'contract-billed' }, `${total.toFixed(4)} TFT in ${bills.length} bill(s)`),
    ),
    timeChart(
      'bills-chart',
      'Bills (TFT) over chain time',
      bills.map((b) => b.timestamp),
      [{ label: 'TFT', values: bills.map((b) => b.amountBilled / 1e7), color: '#3fb4ff' }],
      { bars: true },
    ),
    h('h2', {}, 'Workloads (as the deployment names them on chain)'),
    h('pre', { id: 'contract-metadata' }, JSON.stringify(c.metadata ?? c.details, null, 2)),
  ];
}

async function twinPage(id: number): Promise<HTMLElement[]> {
  const [balance, consumption, contracts] = await Promise.all([
    get<{ timestamp: number; balance: number }[]>(`/explorer/twins/${id}/balance`),
    get<{ last_hour_consumption: number; overall_consumption: number }>(`/twins/${id}/consumption`),
    get<Contract[]>(`/contracts?twin_id=${id}&size=1000`),
  ]);
  const now = balance[balance.length - 1]?.balance ?? 0;
  return [
    h('h2', {}, `Twin ${id}`),
    h(
      'dl',
      {},
      h('dt', {}, 'Balance'),
      h('dd', { id: 'twin-balance' }, `${now} TFT`),
      h('dt', {}, 'Spent'),
      h('dd', {}, `${consumption.overall_consumption} TFT (${consumption.last_hour_consumption} in the last hour)`),
    ),
    timeChart(
      'balance-chart',
      'Balance (TFT) over chain time',
      balance.map((b) => b.timestamp),
      [{ label: 'TFT', values: balance.map((b) => b.balance), color: '#3fcf8e' }],
    ),
    h('h2', {}, 'Contracts'),
    contractsTable(contracts),
  ];
}

function view(): Promise<HTMLElement[]> {
  const [path] = location.hash.replace(/^#/, '').split('?');
  const m = /^\/(node|contract|twin)\/(\d+)$/.exec(path);
  if (m?.[1] === 'node') return nodePage(Number(m[2]));
  if (m?.[1] === 'contract') return contractPage(Number(m[2]));
  if (m?.[1] === 'twin') return twinPage(Number(m[2]));
  return home();
}

let rendering = false;
async function render(): Promise<void> {
  if (rendering) return;
  rendering = true;
  const main = document.getElementById('view')!;
  try {
    const [parts, chain] = await Promise.all([view(), get<{ number: number; timestamp: number }>('/explorer/chain')]);
    // keep focus in a filter across a refresh
    const focused = document.activeElement?.id;
    main.replaceChildren(...parts);
    main.setAttribute('data-rendered', String(Date.now()));
    if (focused) document.getElementById(focused)?.focus();
    document.getElementById('chain-time')!.textContent = `block ${chain.number} · chain time ${when(chain.timestamp)}`;
  } catch (err) {
    main.replaceChildren(h('p', { class: 'status down', id: 'error' }, (err as Error).message));
  } finally {
    rendering = false;
  }
}

/** A filter being typed into is not replaced under the user's fingers by a refresh. */
function editing(): boolean {
  const el = document.activeElement;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT') && !!el.closest('#view');
}

window.addEventListener('hashchange', () => void render());
setInterval(() => editing() || void render(), REFRESH_MS);
void render();
