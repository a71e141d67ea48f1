// Small compact-JWS helpers for checks (never on a timed path).

export function decodeHeader(token: string): Record<string, unknown> {
  const [h] = token.split('.');
  const header: unknown = JSON.parse(Buffer.from(h ?? '', 'base64url').toString('utf8'));
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new Error('JWS header is not a JSON object');
  return header as Record<string, unknown>;
}

/**
 * The token with one bit of its signature flipped. The flip is made on the decoded bytes:
 * flipping a bit of the last base64url character could touch only padding bits and leave
 * the signature as it was.
 */
export function flipSignatureBit(token: string, bit = 0): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (signature.length === 0) throw new Error('empty signature');
  const byte = Math.floor(bit / 8) % signature.length;
  signature[byte]! ^= 1 << (bit % 8);
  return `${parts[0]}.${parts[1]}.${signature.toString('base64url')}`;
}
