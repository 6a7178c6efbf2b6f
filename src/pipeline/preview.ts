// The preview server of `folio watch`: serves the output directory on 127.0.0.1 only, to requests
// addressed to it by that name or localhost, and adds to every HTML page it sends (never to the
// files in dist/) a small script that listens for server-sent events: `reload` after a build wrote
// files, `problems` with the content errors of the last build (shown over the page, which stays
// the last good output), `ok` once they are fixed. Written by hand: it is a static file server of
// a few lines plus one event stream, and node:http does both.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { readFileSync } from 'node:fs';
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostic.ts';

export const eventsPath = '/__folio/events';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.css': 'text/css; charset=utf-8',
};

/** The script added to served pages. The overlay is built with textContent, never innerHTML:
 * messages quote the sources. */
const client = `<script id="folio-live-reload">(() => {
  const events = new EventSource(${JSON.stringify(eventsPath)});
  const clear = () => document.getElementById('folio-overlay')?.remove();
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('ok', clear);
  events.addEventListener('problems', (event) => {
    clear();
    const box = document.createElement('div');
    box.id = 'folio-overlay';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.25em;background:#1b1b1b;color:#fff;font:14px/1.4 ui-monospace,monospace;border-top:4px solid #d93025;white-space:pre-wrap';
    const title = document.createElement('strong');
    title.textContent = 'Folio: this page is the last good build; the sources have errors';
    box.append(title);
    for (const line of JSON.parse(event.data)) {
      const item = document.createElement('div');
      item.className = 'folio-problem';
      item.textContent = line;
      box.append(item);
    }
    document.body.append(box);
  });
})();</script>`;

export interface Preview {
  url: string;
  /** Tells open pages to reload. */
  reload(): void;
  /** Shows these problems over open pages (an empty list hides them). */
  problems(diagnostics: readonly Diagnostic[], messages?: readonly string[]): void;
  close(): Promise<void>;
}

export async function startPreview(outDir: string, port: number): Promise<Preview> {
  const root = resolve(outDir);
  const listeners = new Set<ServerResponse>();
  let current: string[] = [];
  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  // The names this server answers to, once it knows its port. A request naming another host is
  // refused: a web page open in the same browser could otherwise point a name of its own at
  // 127.0.0.1 (DNS rebinding) and read the preview, drafts and all.
  let hosts = new Set<string>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden: the preview answers only as 127.0.0.1 or localhost');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === eventsPath) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      listeners.add(res);
      // A page that opens while the sources have errors shows them at once.
      if (current.length > 0) send(res, 'problems', current);
      req.on('close', () => listeners.delete(res));
      return;
    }
    let path: string;
    try {
      path = normalize(decodeURIComponent(url.pathname));
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = join(root, path);
    // Nothing outside the output directory, and no hidden file (the manifest, the lock).
    if ((file !== root && !file.startsWith(root + sep)) || path.split(/[\\/]/).some((part) => part.startsWith('.'))) {
      res.writeHead(404).end('not found');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const type = types[extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      const html = readFileSync(file, 'utf8');
      const at = html.lastIndexOf('</body>');
      const body = at < 0 ? html + client : html.slice(0, at) + client + html.slice(at);
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address() as AddressInfo;
  hosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);
  return {
    url: `http://127.0.0.1:${address.port}/`,
    reload() {
      for (const res of listeners) send(res, 'reload', {});
    },
    problems(diagnostics, messages = []) {
      current = [...diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic), ...messages];
      for (const res of listeners) send(res, current.length > 0 ? 'problems' : 'ok', current);
    },
    close() {
      for (const res of listeners) res.end();
      listeners.clear();
      return new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}
