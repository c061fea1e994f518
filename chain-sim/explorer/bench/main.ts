// npm run bench (explorer part): on a local grid of 1,000 nodes (real processes, started by
// `gridform grid up`), the latency of /nodes with filters (p50, p95; goal p95 <= 50 ms), of /stats
// (goal <= 20 ms), and the page's first render in headless chromium (goal <= 1 s; skipped, saying so,
// without chromium).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import puppeteer from 'puppeteer-core';

const NODES = Number(process.env.BENCH_EXPLORER_NODES ?? 1000);
const ROUNDS = Number(process.env.BENCH_EXPLORER_ROUNDS ?? 40);
const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const GRIDFORM = path.join(REPO, 'dist', 'provider', 'cli', 'main.js');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** The filtered queries a user or a scheduler sends (the scheduler's is the first). */
const NODE_QUERIES = [
  'status=up&available_for=2&healthy=true&free_mru=4294967296&free_sru=107374182400&size=10&page=1',
  'status=up&farm_ids=1,2&free_mru=1073741824&ret_count=true',
  'status=up,standby&domain=true&free_ips=1',
  'sort_by=free_cru&sort_order=desc&size=100&page=3',
  'country=Simulated&rentable=true&ret_count=true&size=50&page=10',
];

function gridform(home: string, args: string[]): string {
  const r = spawnSync(process.execPath, [GRIDFORM, ...args], {
    env: { ...process.env, GRIDFORM_HOME: home },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`gridform ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latencies(urls: string[]): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) await (await fetch(urls[i % urls.length])).arrayBuffer(); // warm up
  for (let r = 0; r < ROUNDS; r++) {
    for (const url of urls) {
      const t = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      ms.push(performance.now() - t);
    }
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

async function firstRender(url: string): Promise<number | undefined> {
  if (!CHROMIUM) return undefined;
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector('#view[data-rendered]', { timeout: 30_000 });
      // from the start of navigation to the first render of the data
      times.push(await page.$eval('#view', (el) => Number(el.getAttribute('data-rendered')) - performance.timeOrigin));
      await page.close();
    }
    return times.sort((a, b) => a - b)[1];
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-bench-'));
  try {
    const started = Date.now();
    const status = JSON.parse(
      gridform(home, ['grid', 'up', '--nodes', String(NODES), '--port', '0', '--explorer-port', '0', '--json']),
    ) as { explorer: { url: string } };
    process.stderr.write(`explorer bench: a ${NODES}-node grid came up in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    const url = status.explorer.url;
    const nodes = await latencies(NODE_QUERIES.map((q) => `${url}/nodes?${q}`));
    const stats = await latencies([`${url}/stats`, `${url}/stats?status=up`]);
    const render = await firstRender(url);
    const rows = [
      [`/nodes with filters, ${NODES} nodes (p50 / p95)`, `${nodes.p50.toFixed(1)} / ${nodes.p95.toFixed(1)} ms`, 'p95 <= 50 ms'],
      [`/stats, ${NODES} nodes (p50 / p95)`, `${stats.p50.toFixed(1)} / ${stats.p95.toFixed(1)} ms`, '<= 20 ms'],
      [
        `page first render in chromium, ${NODES} nodes`,
        render === undefined ? 'skipped: no chromium' : `${render.toFixed(0)} ms`,
        '<= 1000 ms',
      ],
    ];
    const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
    process.stdout.write(
      `\n${'explorer'.padEnd(w[0])}  ${'measured'.padEnd(w[1])}  goal\n${rows
        .map((r) => `${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}`)
        .join('\n')}\n`,
    );
  } finally {
    spawnSync(process.execPath, [GRIDFORM, 'grid', 'down', '--purge'], { env: { ...process.env, GRIDFORM_HOME: home } });
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`explorer bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
