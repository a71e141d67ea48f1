// The loopback rule: load tests and probes target this machine only, unless the user says
// otherwise (and owns the target). One definition, so probe and load agree on what counts.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * 127.0.0.0/8 and ::1 (IPv4-mapped too, in any spelling the URL parser gives), and the name
 * `localhost` itself. Not `*.localhost`: the system resolver is free to send those names
 * anywhere (glibc does not pin them), and the check is on the name, before any lookup.
 */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIPv4(host)) return LOOPBACK.check(host, 'ipv4');
  if (isIPv6(host)) return LOOPBACK.check(host, 'ipv6');
  return false;
}
