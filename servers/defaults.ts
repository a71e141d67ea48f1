// One defaults object for the reference servers: what "the practice this project stands for"
// means in numbers.
export const SERVER_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  issuer: 'https://issuer.jwtbench.local',
  audience: 'jwtbench-api',
  tokenTtlS: 300,
  /** small: clocks on one machine agree; a few seconds covers real deployments */
  clockToleranceS: 5,
  /** the oldest iat a verifier accepts */
  maxTokenAgeS: 3600,
  /** tokens longer than this are refused before any parsing */
  maxTokenBytes: 8 * 1024,
  /** the least time between two JWKS fetches a verifier makes, whatever the tokens say */
  jwksCooldownMs: 1_000,
  /** how often a verifier refreshes its JWKS in the background, so staged keys arrive before use */
  jwksRefreshMs: 2_000,
  jwksTimeoutMs: 2_000,
  /** a shared HMAC secret shorter than this is refused (RFC 7518 §3.2: at least the hash size) */
  minSecretBytes: 32,
});
