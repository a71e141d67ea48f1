// The attacker's key server for the jku and x5u attacks: a loopback HTTP server of the probe's
// own, on an ephemeral port, for the probe's duration. It serves the attacker's JWKS and
// certificate and logs every request, so the report can say whether the verifier fetched them
// (an SSRF) as well as whether it accepted the token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export interface AttackerServer {
  jwksUrl: string;
  x5uUrl: string;
  /** paths requested so far, in order */
  readonly log: readonly string[];
  close(): Promise<void>;
}

export async function startAttackerHost(jwk: JWK, certificatePem: string | null): Promise<AttackerServer> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(req.url ?? '');
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else if (req.url === '/cert.pem' && certificatePem !== null) {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(certificatePem);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  // A verifier that fetches must not keep the probe alive: no keep-alive, closed at the end.
  server.keepAliveTimeout = 1;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jwksUrl: `${base}/jwks.json`,
    x5uUrl: `${base}/cert.pem`,
    log,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
