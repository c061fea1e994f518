// Which Grid Proxy grid_scheduler asks: proxy_url when set, else the local grid's explorer (from
// grid.json), else the default local URL; anything but an http(s) URL is refused naming proxy_url.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveSettings } from '../../src/grid/settings';

describe("the provider's proxy_url", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-proxy-url-'));
  const env = { GRIDFORM_HOME: home, MNEMONIC: 'some words' };
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("defaults to the local grid's explorer, then to http://127.0.0.1:8080", () => {
    expect(resolveSettings({}, env).settings?.proxyUrl).toBe('http://127.0.0.1:8080');
    const grid = {
      chain: { address: '127.0.0.1:1' },
      explorer: { url: 'http://127.0.0.1:40404' },
      devAccount: { mnemonic: 'x', twinId: 1 },
      nodes: [],
    };
    fs.writeFileSync(path.join(home, 'grid.json'), JSON.stringify(grid), { mode: 0o600 });
    expect(resolveSettings({}, env).settings?.proxyUrl).toBe('http://127.0.0.1:40404');
    expect(resolveSettings({ proxy_url: 'https://gridproxy.example/' }, env).settings?.proxyUrl).toBe('https://gridproxy.example');
  });

  it('refuses what is not an http(s) URL, naming the attribute', () => {
    const { problem, settings } = resolveSettings({ proxy_url: 'gridproxy.example' }, env);
    expect(settings).toBeUndefined();
    expect(problem).toEqual({ attribute: 'proxy_url', message: expect.stringContaining('"gridproxy.example" is not an http(s) URL') });
  });
});
