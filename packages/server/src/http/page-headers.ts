/**
 * The content policy of every page the server sends (the web app and the portal; not the API's
 * answers, nor Swagger UI under /api/docs, which brings its own scripts): scripts, fonts and data
 * only from this origin, so that markup slipping into a page cannot load or run anything — the net
 * behind the escaping of what users type. Ant Design writes its styles inline.
 */
export const PAGE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function pageHeaders(url: string, reply: { header: (k: string, v: string) => unknown }) {
  if (url.startsWith('/api/')) return;
  reply.header('content-security-policy', PAGE_CSP);
  // The portal's pages (anonymous reports among them) are never cached either.
  if (url.startsWith('/portal')) reply.header('cache-control', 'no-store');
}
