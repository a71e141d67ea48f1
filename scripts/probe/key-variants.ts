// The byte strings a careless verifier might use as an HMAC secret when the token says HS256
// but it was configured with a public key: the key's common serialisations, and the file the
// user gave as it is and in the forms an editor or a config template turns it into (a
// trailing newline added or lost, CRLF line ends, a leading newline as in CVE-2026-34950).
import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

export interface KeyForVariants {
  publicKey: KeyObject | null;
  publicJwk: JWK | null;
  publicKeyFile: Uint8Array | null;
}

const withNewline = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');

/** An ML-DSA key's encodings: node:crypto on Node 20 cannot hold it, so they come from its AKP JWK. */
function akpSecrets(jwk: JWK, out: Record<string, string | Uint8Array>): void {
  const pub = (jwk as { pub?: unknown }).pub;
  if (typeof pub !== 'string') return;
  out['akp-pub-raw'] = new Uint8Array(Buffer.from(pub, 'base64url'));
  out['akp-pub'] = pub;
  out.jwk = JSON.stringify(jwk);
  out['bare-jwk'] = JSON.stringify({ kty: 'AKP', alg: jwk.alg, pub });
  out.jwks = JSON.stringify({ keys: [jwk] });
}

/** Each variant's secret by name (see CONFUSION_WHAT in catalog.ts); a name is absent when it does not exist for this key. */
export function confusionSecrets(m: KeyForVariants): Record<string, string | Uint8Array> {
  const out: Record<string, string | Uint8Array> = {};
  if (m.publicJwk?.kty === 'AKP') akpSecrets(m.publicJwk, out);
  if (!m.publicKey) return out;
  const pem = withNewline(m.publicKey.export({ type: 'spki', format: 'pem' }) as string);
  out['spki-pem'] = pem;
  out['spki-pem-trimmed'] = pem.trimEnd();
  out['spki-pem-crlf'] = crlf(pem);
  out['spki-pem-leading-newline'] = `\n${pem}`;
  out['spki-der'] = new Uint8Array(m.publicKey.export({ type: 'spki', format: 'der' }));
  if (m.publicKey.asymmetricKeyType === 'rsa') out['pkcs1-pem'] = withNewline(m.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  if (m.publicJwk) {
    out.jwk = JSON.stringify(m.publicJwk);
    out.jwks = JSON.stringify({ keys: [m.publicJwk] });
  }
  out['bare-jwk'] = JSON.stringify(m.publicKey.export({ format: 'jwk' }));
  if (m.publicKeyFile) {
    // latin1 keeps every byte as one character, so the variants are the file's bytes, edited.
    const text = Buffer.from(m.publicKeyFile).toString('latin1');
    const bytes = (t: string) => new Uint8Array(Buffer.from(t, 'latin1'));
    out.file = m.publicKeyFile;
    out['file-newline-toggled'] = bytes(/\r?\n$/.test(text) ? text.replace(/\r?\n$/, '') : `${text}\n`);
    if (!text.includes('\r\n') && text.includes('\n')) out['file-crlf'] = bytes(crlf(text));
    if (!/^\s/.test(text)) out['file-leading-newline'] = bytes(`\n${text}`);
  }
  return out;
}
