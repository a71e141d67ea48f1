// A self-signed X.509 certificate for the attacker's key (for x5c and x5u), made with
// @peculiar/x509 on WebCrypto. Loaded only when the probe runs: the library needs the
// reflect-metadata polyfill.
import { webcrypto, type KeyObject } from 'node:crypto';
import { ALGORITHMS, type AlgName } from '../../core/algorithms.js';

/** The certificate as PEM and as the base64 DER an x5c header carries; null for HMAC tokens. */
export async function selfSignedCertificate(alg: AlgName, pair: { privateKey: KeyObject; publicKey: KeyObject }): Promise<{ pem: string; der: string } | null> {
  const spec = ALGORITHMS[alg];
  const hash = spec.family === 'ecdsa' ? { ES256: 'SHA-256', ES384: 'SHA-384', ES512: 'SHA-512' }[alg as 'ES256'] : 'SHA-256';
  const params = spec.family === 'rsa' || spec.family === 'rsa-pss' ? { name: 'RSASSA-PKCS1-v1_5', hash }
    : spec.family === 'ecdsa' ? { name: 'ECDSA', namedCurve: spec.namedCurve!, hash }
    : spec.family === 'eddsa' ? { name: 'Ed25519' }
    : null;
  if (params === null) return null;
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const subtle = webcrypto.subtle;
  const keys = {
    privateKey: await subtle.importKey('pkcs8', pair.privateKey.export({ type: 'pkcs8', format: 'der' }), params, false, ['sign']),
    publicKey: await subtle.importKey('spki', pair.publicKey.export({ type: 'spki', format: 'der' }), params, true, ['verify']),
  };
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=jwtbench probe attacker', keys, signingAlgorithm: params,
    notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 86_400_000),
  });
  return { pem: cert.toString('pem'), der: Buffer.from(cert.rawData).toString('base64') };
}
