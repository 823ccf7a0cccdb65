#!/usr/bin/env node
// A tiny static server for web/dist (no dependencies): serves the app,
// `/config.json` (network, RPC URL and addresses for the page) and, when an
// upstream RPC is given, proxies POST /rpc to it (so the page needs no CORS
// from the node).
//
//   node web/scripts/serve.mjs [--port 5173] [--host 127.0.0.1]
//        [--rpc http://127.0.0.1:8547] [--record deploy/deployments/local.json]
//        [--network local] [--dist web/dist]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Starts the server; resolves to { url, close }. */
export async function serve({ port = 0, host = '127.0.0.1', dist = resolve(here, '../dist'), rpc, config = {} } = {}) {
  const cfg = { ...config, ...(rpc ? { rpcUrl: '/rpc' } : {}) };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/rpc' && req.method === 'POST' && rpc) {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const up = await fetch(rpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
        res.writeHead(up.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await up.arrayBuffer()));
        return;
      }
      if (url.pathname === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(cfg));
        return;
      }
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (path.endsWith('/')) path += 'index.html';
      let file = join(dist, path);
      if (!file.startsWith(dist) || !(await stat(file).catch(() => null))?.isFile()) file = join(dist, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(await readFile(file));
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const addr = server.address();
  return { url: `http://${host}:${addr.port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The served config from a deployment record (deploy/deployments/<net>.json). */
export async function configFromRecord(path, network) {
  const rec = JSON.parse(await readFile(path, 'utf8'));
  return {
    network: network ?? rec.network,
    chainId: rec.chainId,
    contracts: rec.contracts,
    transactions: rec.transactions,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : def;
  };
  const record = opt('record');
  const config = record ? await configFromRecord(record, opt('network')) : { network: opt('network', 'local') };
  const s = await serve({
    port: Number(opt('port', '5173')),
    host: opt('host', '127.0.0.1'),
    dist: resolve(opt('dist', resolve(here, '../dist'))),
    rpc: opt('rpc'),
    config,
  });
  console.log(`FLT app: ${s.url}`);
}
