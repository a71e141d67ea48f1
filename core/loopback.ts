// The loopback rule: load tests and probes target this machine only, unless the user says
// otherwise (and owns the target). One definition, so probe and load agree on what counts.
import { isIPv4, isIPv6 } from 'node:net';

/** localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped). */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host) || host === '0:0:0:0:0:0:0:1';
  return false;
}
