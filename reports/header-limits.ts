// Header-size limits a bearer token meets on its way to a verifier: the defaults of common
// servers and proxies, each with where it is documented. Data, not measurements: the report
// sets the measured token sizes against them.

export interface HeaderLimit {
  id: string;
  label: string;
  bytes: number;
  /** what the limit counts: the token alone, or the whole `Authorization: Bearer <token>` line */
  counts: 'token' | 'header line';
  source: string;
}

/** `Authorization: Bearer ` before the token on the header line */
export const BEARER_PREFIX_BYTES = 'Authorization: Bearer '.length;

export const HEADER_LIMITS: readonly HeaderLimit[] = [
  // The same number as servers/defaults.ts maxTokenBytes (a test keeps them equal; reports may not import servers).
  { id: 'jwtbench', label: "jwtbench's reference verifier", bytes: 8 * 1024, counts: 'token', source: 'servers/defaults.ts maxTokenBytes (8 KiB), a hardening limit of this project' },
  { id: 'apache', label: 'Apache httpd LimitRequestFieldSize', bytes: 8190, counts: 'header line', source: 'Apache HTTP Server core documentation: LimitRequestFieldSize, default 8190 bytes per request header field' },
  { id: 'nginx', label: 'nginx large_client_header_buffers', bytes: 8 * 1024, counts: 'header line', source: 'nginx ngx_http_core_module documentation: large_client_header_buffers, default "4 8k"; a request header field must fit in one 8k buffer' },
  { id: 'node', label: 'Node.js --max-http-header-size', bytes: 16 * 1024, counts: 'header line', source: 'Node.js command-line documentation: --max-http-header-size, default 16 KiB for all request headers together' },
  { id: 'alb', label: 'AWS Application Load Balancer, single header', bytes: 16 * 1024, counts: 'header line', source: 'AWS Elastic Load Balancing documentation, "Quotas for your Application Load Balancers", HTTP headers: single header 16K' },
  { id: 'cloudflare', label: 'Cloudflare, each request header', bytes: 16 * 1024, counts: 'header line', source: 'Cloudflare documentation, "Connection limits": each request header is limited to 16 KB (32 KB in total)' },
];

/** The bytes a limit sees for a token of `tokenBytes`. */
export function bytesCounted(limit: HeaderLimit, tokenBytes: number): number {
  return limit.counts === 'token' ? tokenBytes : BEARER_PREFIX_BYTES + tokenBytes;
}
