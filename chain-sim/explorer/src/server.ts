// The explorer's HTTP server: the API as JSON, the page and its bundled assets. Read-only: GET and
// HEAD only. Binds 127.0.0.1 unless told otherwise. A refusal is {"error": ...} with 400/404; a
// bug is a 500 that says so and shows nothing of the code.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Explorer, type ExplorerOptions } from './explorer';
import { HttpError } from './api/http-error';
import { route } from './api/routes';

export interface ExplorerServerOptions extends ExplorerOptions {
  host?: string;
  /** default 8080; 0 for any free port */
  port?: number;
  /** where the built page lives (index.html, app.js, app.css); default the build's */
  assetsDir?: string;
}

export interface ExplorerServer {
  readonly explorer: Explorer;
  /** http://HOST:PORT once started */
  url(): string;
  start(): Promise<string>;
  stop(): Promise<void>;
}

const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/assets/app.js': 'app.js',
  '/assets/app.css': 'app.css',
};
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The repository root (the folder with package.json above this file, from sources or from dist). */
function defaultAssetsDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'chain-sim', 'explorer', 'web-assets');
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>, head: boolean): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), 'access-control-allow-origin': '*', ...headers });
  res.end(head ? undefined : body);
}

export function createExplorerServer(options: ExplorerServerOptions): ExplorerServer {
  const explorer = new Explorer(options);
  const assetsDir = options.assetsDir ?? defaultAssetsDir();
  let url = '';

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const head = req.method === 'HEAD';
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      send(
        res,
        status,
        JSON.stringify(body),
        { 'content-type': 'application/json', 'access-control-expose-headers': 'count, size, pages', ...headers },
        head,
      );
    try {
      if (req.method !== 'GET' && !head) throw new HttpError(405, `${req.method} is not served: the explorer is read-only (GET only)`);
      let parsed: URL;
      try {
        parsed = new URL(req.url ?? '/', 'http://explorer');
      } catch {
        throw new HttpError(400, 'the request path is not a URL');
      }
      const asset = ASSETS[parsed.pathname];
      if (asset) {
        const file = path.join(assetsDir, asset);
        if (!fs.existsSync(file)) throw new HttpError(404, `the page is not built (${file} is missing): run npm run build`);
        send(res, 200, fs.readFileSync(file, 'utf8'), { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-cache' }, head);
        return;
      }
      await explorer.probeJoinedNodes();
      const answer = await route(explorer, parsed.pathname, parsed.searchParams);
      json(200, answer.body, answer.headers);
    } catch (err) {
      if (err instanceof HttpError) return json(err.status, { error: err.message });
      if (err instanceof URIError) return json(400, { error: 'the request path is not valid percent-encoding' });
      process.stderr.write(`explorer: ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}\n`);
      json(500, { error: 'internal error of the explorer (its log has the details)' });
    }
  };

  const server = http.createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5000;

  return {
    explorer,
    url: () => url,
    async start() {
      await explorer.start();
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
        });
      } catch (err) {
        await explorer.stop();
        throw err;
      }
      const a = server.address() as { address: string; port: number };
      url = `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
      explorer.url = url;
      return url;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await explorer.stop();
    },
  };
}
