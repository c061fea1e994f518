/// <reference lib="dom" />
// The explorer's page in Debian's chromium (headless, driven by puppeteer-core): it loads with no
// console error, shows as many nodes as the chain has, shows a VM applied by `gridform apply` in its
// contracts table, and after `gridform chain advance --hours 3` the contract's bills on its chart.
// Screenshots of each page go to test-output/explorer-page/ (not committed). Skips, saying so,
// when no chromium is installed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { LocalGrid, REPO } from './local-grid';

jest.setTimeout(240_000);

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
const SHOTS = path.join(REPO, 'test-output', 'explorer-page');

if (!CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn('SKIPPED the explorer page test: no chromium here (apt-get install -y chromium; .ci/run installs it)');
}
const describeIfChromium = CHROMIUM ? describe : describe.skip;

describeIfChromium('the explorer page in chromium', () => {
  const grid = new LocalGrid();
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await grid.up(3);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()}`));
  });
  afterAll(async () => {
    await browser?.close();
    await grid.down();
  });

  /** Loads the page afresh at `hash` and waits until it rendered (and `selector` is there). */
  async function open(hash: string, selector: string): Promise<void> {
    // a hash-only change would keep the last view on screen until the next render
    await page.goto('about:blank');
    await page.goto(`${grid.explorerUrl}/${hash}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#view[data-rendered]');
    await page.waitForSelector(selector, { timeout: 15_000 });
  }

  it('loads with no console error and shows as many nodes as the chain has', async () => {
    await open('', '#stat-nodes');
    const chainNodes = await grid.chain<unknown[]>('nodes');
    const shown = await page.$eval('#stat-nodes .value', (el) => el.textContent);
    expect(Number(shown)).toBe(chainNodes.length);
    expect(await page.$$eval('#nodes-table tbody tr', (rows) => rows.length)).toBe(chainNodes.length);
    expect(await page.$eval('#stat-nodes-up .value', (el) => el.textContent)).toBe(String(chainNodes.length));
    // no asset comes from elsewhere: everything the page loaded is the explorer's
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.filter((u) => !u.startsWith(grid.explorerUrl))).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'home.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('filters the node table by farm', async () => {
    await open('#/?farm_ids=2', '#nodes-table');
    const ids = await page.$$eval('#nodes-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-node-id')));
    expect(ids).toEqual(['2']);
  });

  it('shows a VM applied by gridform apply in the contracts table, and its bills on the chart after 3 hours', async () => {
    const apply = await grid.apply({
      grid_network: { net: { name: 'explorer', nodes: [1], ip_range: '10.77.0.0/16' } },
      grid_deployment: {
        vm: {
          node: 1,
          network_name: '${grid_network.net.name}',
          vms: [{ name: 'web', flist: 'https://hub/base.flist', cpu: 1, memory: 512 }],
        },
      },
    });
    expect(apply.code).toBe(0);
    const contracts = await grid.chain<{ id: number; deploymentData: string }[]>('contracts', '--twin', String(grid.devTwin));
    // the deployment's contract (its metadata type "vm"), not the network's
    const vm = contracts.find((c) => (JSON.parse(c.deploymentData || '{}') as { type?: string }).type === 'vm')!;
    expect(vm).toBeDefined();
    await open('', `#contracts-table tr[data-contract-id="${vm.id}"]`);
    await page.screenshot({ path: path.join(SHOTS, 'home-with-vm.png'), fullPage: true });

    await open(`#/contract/${vm.id}`, '#bills-chart');
    expect(await page.$eval('#bills-chart', (el) => el.getAttribute('data-points'))).toBe('0');
    const advance = await grid.run(['chain', 'advance', '--hours', '3']);
    expect(advance.code).toBe(0);
    const bills = await grid.chain<unknown[]>('bills', String(vm.id));
    expect(bills.length).toBeGreaterThan(0);
    // the page refreshes on its own: no reload
    await page.waitForFunction(() => Number(document.querySelector('#bills-chart')?.getAttribute('data-points')) > 0, { timeout: 20_000 });
    const points = Number(await page.$eval('#bills-chart', (el) => el.getAttribute('data-points')));
    expect(points).toBe(((await fetch(`${grid.explorerUrl}/contracts/${vm.id}/bills`).then((r) => r.json())) as unknown[]).length);
    expect(await page.$eval('#bills-chart canvas', (c) => (c as HTMLCanvasElement).width)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'contract.png'), fullPage: true });

    await open('#/node/1', '#node-usage-chart');
    expect(Number(await page.$eval('#node-usage-chart', (el) => el.getAttribute('data-points')))).toBeGreaterThan(0);
    expect(await page.$$eval(`#contracts-table tr[data-contract-id="${vm.id}"]`, (rows) => rows.length)).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'node.png'), fullPage: true });

    await open(`#/twin/${grid.devTwin}`, '#balance-chart');
    expect(Number(await page.$eval('#balance-chart', (el) => el.getAttribute('data-points')))).toBeGreaterThan(2);
    await page.screenshot({ path: path.join(SHOTS, 'twin.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("never shows a mnemonic: the dev account's words appear on no page", async () => {
    const mnemonic = JSON.parse(fs.readFileSync(path.join(grid.home, 'grid.json'), 'utf8')).devAccount.mnemonic as string;
    for (const hash of ['', '#/node/1', `#/twin/${grid.devTwin}`]) {
      await open(hash, '#view[data-rendered]');
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).not.toContain(mnemonic.split(' ').slice(0, 3).join(' '));
    }
  });
});
