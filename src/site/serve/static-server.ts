import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import { NotRegularFileError, openRegularFile } from '../../validator/input/regular-file';
import { CLIENT_SCRIPT, EVENTS_PATH, injectScript, SCRIPT_PATH, type PreviewChannel } from './preview-channel';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/fhir+json; charset=utf-8',
  '.xml': 'application/fhir+xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.tgz': 'application/gzip',
};

/**
 * Serves a folder on localhost, read-only: GET and HEAD of regular files inside it, nothing else.
 * The folder is looked up on every request, so a rebuild that replaces it is served at once.
 * Any page open in the user's browser can send it requests, so no request may stop it (a bad one
 * is answered 400 or 500), and nothing outside the folder is served: paths are checked after
 * decoding and again after symlinks are resolved.
 */
export function createStaticServer(root: string, preview?: PreviewChannel): http.Server {
  const base = path.resolve(root);
  return http.createServer((req, res) => {
    serve(base, req, res, preview).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('internal error');
      else res.destroy();
    });
  });
}

async function serve(root: string, req: http.IncomingMessage, res: http.ServerResponse, preview?: PreviewChannel): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  // A NUL byte is no part of a file name (and makes fs throw).
  if (pathname.includes('\0')) {
    res.writeHead(400).end('bad request');
    return;
  }
  // The live preview's own endpoints: the rebuild events and the script that listens to them.
  if (preview && pathname === EVENTS_PATH && req.method === 'GET') return preview.subscribe(req, res);
  if (preview && pathname === SCRIPT_PATH) {
    res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : CLIENT_SCRIPT);
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, `.${pathname}`);
  if (!inside(root, file)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}`);
  let real: string;
  try {
    real = await fs.promises.realpath(file);
    if (!inside(await fs.promises.realpath(root), real)) {
      res.writeHead(403).end('forbidden');
      return;
    }
  } catch {
    notFound();
    return;
  }
  let opened: { fd: number; stat: fs.Stats };
  try {
    opened = openRegularFile(real);
  } catch (e) {
    if (e instanceof NotRegularFileError) return void notFound();
    throw e;
  }
  if (preview && path.extname(file) === '.html') {
    // Small pages: read whole, so that the preview script goes in before </body>.
    const html = injectScript(await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      fs.createReadStream('', { fd: opened.fd }).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
    }));
    res.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': opened.stat.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    fs.close(opened.fd, () => undefined);
    res.end();
    return;
  }
  // pipeline closes the file when the browser goes away mid-response, too.
  pipeline(fs.createReadStream('', { fd: opened.fd }), res, () => undefined);
}

function inside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Listens on 127.0.0.1 and resolves to the port (0 picks a free one). */
export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
