// Where a token goes in each request: the Authorization header as a Bearer token (the
// default), another header, a cookie, or a field of a JSON body; with any method.
import { badFlag } from '../../core/errors.js';

export type TokenLocation =
  | { kind: 'bearer'; method: string }
  | { kind: 'header'; method: string; name: string }
  | { kind: 'cookie'; method: string; name: string }
  | { kind: 'body'; method: string; field: string };

export interface LocationFlags {
  header?: string;
  cookie?: string;
  bodyField?: string;
  method?: string;
}

const TOKEN_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // RFC 9110 token: a header or cookie name

export function tokenLocation(f: LocationFlags): TokenLocation {
  const given = [f.header !== undefined && '--header', f.cookie !== undefined && '--cookie', f.bodyField !== undefined && '--body-field'].filter(Boolean);
  if (given.length > 1) throw badFlag(String(given[0]), `and ${given.slice(1).join(' and ')} are alternatives: the token goes in one place`);
  const method = (f.method ?? (f.bodyField !== undefined ? 'POST' : 'GET')).toUpperCase();
  if (!TOKEN_CHARS.test(method)) throw badFlag('--method', `must be an HTTP method such as GET or POST (got ${JSON.stringify(f.method)})`);
  for (const [flag, name] of [['--header', f.header], ['--cookie', f.cookie]] as const) {
    if (name !== undefined && !TOKEN_CHARS.test(name)) throw badFlag(flag, `must be a ${flag === '--header' ? 'header' : 'cookie'} name (letters, digits, - and _; got ${JSON.stringify(name)})`);
  }
  if (f.header !== undefined) return f.header.toLowerCase() === 'authorization' ? { kind: 'bearer', method } : { kind: 'header', method, name: f.header };
  if (f.cookie !== undefined) return { kind: 'cookie', method, name: f.cookie };
  if (f.bodyField !== undefined) {
    if (f.bodyField === '') throw badFlag('--body-field', 'must name a JSON field');
    return { kind: 'body', method, field: f.bodyField };
  }
  return { kind: 'bearer', method };
}

/** The request that carries `token`. */
export function carry(loc: TokenLocation, token: string): { method: string; headers: Record<string, string>; body?: string } {
  switch (loc.kind) {
    case 'bearer': return { method: loc.method, headers: { authorization: `Bearer ${token}` } };
    case 'header': return { method: loc.method, headers: { [loc.name.toLowerCase()]: token } };
    case 'cookie': return { method: loc.method, headers: { cookie: `${loc.name}=${token}` } };
    case 'body': return { method: loc.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [loc.field]: token }) };
  }
}

export function describeLocation(loc: TokenLocation): string {
  switch (loc.kind) {
    case 'bearer': return `${loc.method}, header Authorization: Bearer <token>`;
    case 'header': return `${loc.method}, header ${loc.name}: <token>`;
    case 'cookie': return `${loc.method}, cookie ${loc.name}=<token>`;
    case 'body': return `${loc.method}, JSON body {"${loc.field}": "<token>"}`;
  }
}

/** A token as a user may paste it: "Bearer eyJ...", quoted, with spaces or a newline around it. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^["']|["']$/g, '').replace(/^Bearer\s+/i, '').trim();
}
