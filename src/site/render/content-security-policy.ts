import { createHash } from 'node:crypto';

/**
 * The Content Security Policy of every page, as a `<meta http-equiv>` so that it holds from disk
 * too: scripts only from the site's own files and, for a page that needs one, inline scripts by
 * their SHA-256 hash (never `'unsafe-inline'`); stylesheets from the site; inline `style`
 * attributes (narratives may use them; the narrative rules and the sanitizer vet them) but no
 * `<style>` elements; images from the site and `data:`; nothing to connect to, frame, embed or post.
 * The hashes are those of scripts the page itself declares, never found by scanning the page,
 * so that markup which slipped into a page cannot allow itself.
 */
export function contentSecurityPolicy(inlineScripts: readonly string[] = [], workers = false): string {
  const hashes = inlineScripts.map((s) => ` 'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`).join('');
  return [
    "default-src 'none'",
    `script-src 'self'${hashes}`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    // A worker started from a blob the page made of its own script (the playground).
    ...(workers ? ['worker-src blob:'] : []),
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
