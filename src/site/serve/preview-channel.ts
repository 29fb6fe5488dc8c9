import type * as http from 'node:http';
import { summaryLine, type PreviewStatus } from './preview-status';

export const EVENTS_PATH = '/__imgref/events';
export const SCRIPT_PATH = '/__imgref/preview.js';

/**
 * The live preview's line to the open pages: server-sent events carrying each rebuild's status.
 * The page shows it in a banner and reloads only when its own file changed.
 */
export class PreviewChannel {
  private readonly clients = new Set<http.ServerResponse>();
  private last: (PreviewStatus & { summary: string }) | undefined;

  publish(status: PreviewStatus): void {
    this.last = { ...status, summary: summaryLine(status) };
    for (const res of this.clients) res.write(`data: ${JSON.stringify(this.last)}\n\n`);
  }

  /** Answers the event stream; the latest status first, marked so that it does not reload the page. */
  subscribe(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    if (this.last) res.write(`data: ${JSON.stringify({ ...this.last, initial: true })}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

/** The tag every served HTML page gets, before </body>. */
export const SCRIPT_TAG = `<script src="${SCRIPT_PATH}" defer></script>`;

/**
 * The page with the preview's script, and its Content Security Policy opened to the event stream
 * alone (`connect-src 'self'`): the published site connects nowhere, and a browser honouring that
 * policy would never hear of a rebuild. Only the preview server serves pages so.
 */
export function injectScript(html: string): string {
  html = html.replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*)connect-src 'none'/, "$1connect-src 'self'");
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + SCRIPT_TAG : html.slice(0, at) + SCRIPT_TAG + html.slice(at);
}

/** Runs in the browser: the banner, and a reload when this page's file is among the changed ones. */
export const CLIENT_SCRIPT = `(() => {
  const page = () => { const p = decodeURIComponent(location.pathname).replace(/^\\//, ''); return p === '' || p.endsWith('/') ? p + 'index.html' : p; };
  const banner = document.createElement('div');
  banner.id = 'imgref-preview-banner';
  banner.setAttribute('role', 'status');
  banner.style.cssText = 'position:fixed;bottom:0;left:0;right:0;z-index:9999;font:13px/1.4 sans-serif;padding:6px 12px;color:#fff;max-height:40vh;overflow:auto;white-space:pre-wrap';
  const show = (s) => {
    banner.style.background = s.ok ? '#2e7d32' : '#b71c1c';
    const details = [...s.sushi, ...s.review.messages.map((m) => 'review: ' + m), ...(s.examples.report ? s.examples.report.split('\\n') : [])];
    banner.textContent = 'imgref preview: ' + s.summary + (details.length ? '\\n' + details.slice(0, 20).join('\\n') : '');
    if (!banner.isConnected) document.body.appendChild(banner);
  };
  const events = new EventSource('${EVENTS_PATH}');
  events.onmessage = (e) => {
    const s = JSON.parse(e.data);
    if (!s.initial && s.changed.includes(page())) { sessionStorage.setItem('imgref-preview-status', e.data); location.reload(); return; }
    show(s);
  };
  const kept = sessionStorage.getItem('imgref-preview-status');
  if (kept) { sessionStorage.removeItem('imgref-preview-status'); show(JSON.parse(kept)); }
})();
`;
