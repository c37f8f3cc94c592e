/**
 * The Content-Security-Policy of the built app: only our own origin, plus what WebAssembly
 * (`'wasm-unsafe-eval'`), workers, decoded frames and downloads (`blob:`) and the camera
 * (`mediastream:`) strictly need. Served as a header by `vite preview` and the CLIs' server, and
 * as a <meta> tag in the built index.html so any static server applies it too.
 */
const DIRECTIVES: Readonly<Record<string, string>> = Object.freeze({
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self' blob:",
  'connect-src': "'self' blob: data:",
  'img-src': "'self' blob: data:",
  'media-src': "'self' blob: mediastream:",
  // React writes style attributes (bar widths, canvas sizes); no external styles are loaded.
  'style-src': "'self' 'unsafe-inline'",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'none'",
});

/** Directives browsers ignore in a <meta> tag; sent only as a header. */
const HEADER_ONLY: Readonly<Record<string, string>> = Object.freeze({ 'frame-ancestors': "'none'" });

function serialize(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The policy for a <meta http-equiv="Content-Security-Policy"> tag. */
export const CSP_META = serialize(DIRECTIVES);

/** The policy for a Content-Security-Policy response header. */
export const CSP_HEADER = serialize({ ...DIRECTIVES, ...HEADER_ONLY });

/** Security headers the servers we run send with every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(self), microphone=()',
});
