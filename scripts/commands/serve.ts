// `jwtbench serve`: the reference issuer and a verifier for one scheme, as separate processes
// on 127.0.0.1, until SIGINT or SIGTERM.
import { startPair } from '../../bench/load/processes.js';
import { loadSchemeKey } from '../../servers/keys.js';
import { SCHEMES, SCHEME_NAMES } from '../../core/schemes.js';
import { SERVER_ENGINE_NAMES } from '../../core/engines.js';
import { defineCommand } from '../lib/command.js';
import { badFlag, JwtbenchError } from '../../core/errors.js';
import { choice, positiveInt } from '../../core/flags.js';
import { resolveServerRuntime, SERVER_RUNTIME_HELP, serverRuntimeSpec } from '../lib/server-runtime-flag.js';

const HELP = `Usage: jwtbench serve --scheme <scheme> [--engine <engine>] [--issuer-port N] [--verifier-port M] [--key <file>]
                     [--runtime node@<version>]

Starts the reference issuer and a verifier for one scheme as separate processes on
127.0.0.1 and prints one JSON line when both are ready:
  {"issuer": url, "verifier": url, "jwks": url-or-null, "engine": name-or-null}
Stops both on SIGINT or SIGTERM (Ctrl-C).

  POST <issuer>/token {"sub": "..."}      mints an access token
  GET  <issuer>/.well-known/jwks.json     public keys (rs256, es256, eddsa; AKP keys for mldsa44)
  GET  <verifier>/resource                with Authorization: Bearer <token>

  --scheme <name>        ${SCHEME_NAMES.join(', ')} (baseline: a verifier without auth, no issuer)
  --engine <name>        ${SERVER_ENGINE_NAMES.join(', ')} (default jose; for mldsa44 the first
                         engine that serves it here, noble-pq on Node 20): the library the
                         issuer signs and the verifier verifies with; node = node:crypto with
                         keys prepared once, the algorithm's own cost; noble-pq =
                         @noble/post-quantum, ML-DSA only. mldsa44 runs on node and jose only
                         where the runtime has ML-DSA (Node 24+), never on fast-jwt. One
                         verification policy for all (docs/servers.md). Not for the baseline,
                         which verifies nothing.
  --issuer-port <n>      default: any free port
  --verifier-port <n>    default: any free port
  --key <file>           hs256: a file holding the shared secret (at least 32 bytes);
                         rs256/es256/eddsa: a PKCS#8 PEM private key the issuer reads;
                         mldsa44: a private AKP JWK {"kty":"AKP","alg":"ML-DSA-44","pub":...,
                         "priv":<the 32-byte seed, base64url>} (docs/post-quantum.md).
                         Without it, keys and secrets are generated at start-up.
${SERVER_RUNTIME_HELP}
  -h, --help             this help`;

function port(flag: string, raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = positiveInt(flag, raw);
  if (n > 65535) throw badFlag(flag, `must be a TCP port from 1 to 65535 (got ${n})`);
  return n;
}

export const serveCommand = defineCommand({
  name: 'serve',
  help: HELP,
  flags: { scheme: { type: 'string' }, engine: { type: 'string' }, 'issuer-port': { type: 'string' }, 'verifier-port': { type: 'string' }, key: { type: 'string' }, runtime: { type: 'string', multiple: true } },
  async run({ values }, io) {
    if (values.scheme === undefined) throw badFlag('--scheme', `is required (one of ${SCHEME_NAMES.join(', ')})`);
    const schemeName = choice('--scheme', values.scheme, SCHEME_NAMES);
    const scheme = SCHEMES[schemeName];
    const engine = values.engine === undefined ? undefined : choice('--engine', values.engine, SERVER_ENGINE_NAMES);
    serverRuntimeSpec(values.runtime); // a bad --runtime fails before anything is installed or started
    if (engine !== undefined && scheme.alg === null) throw badFlag('--engine', `is not used by the baseline scheme, which verifies no tokens (engines: ${SERVER_ENGINE_NAMES.join(', ')}, for ${SCHEME_NAMES.filter((s) => SCHEMES[s].alg !== null).join(', ')})`);
    // The baseline scheme runs a verifier only (no tokens, no issuer).
    if (scheme.alg === null && values['issuer-port'] !== undefined) throw badFlag('--issuer-port', 'is not used by the baseline scheme, which starts no issuer');
    const issuerPort = port('--issuer-port', values['issuer-port']);
    const verifierPort = port('--verifier-port', values['verifier-port']);
    if (issuerPort !== 0 && issuerPort === verifierPort) throw badFlag('--verifier-port', 'must differ from --issuer-port');
    let secret: Uint8Array | undefined;
    let keyFile: string | undefined;
    if (values.key !== undefined) {
      if (scheme.keys === 'none') throw badFlag('--key', 'is not used by the baseline scheme');
      if (scheme.keys === 'shared-secret') {
        const key = await loadSchemeKey(scheme, values.key);
        if (key.kind === 'secret') secret = key.secret;
      } else {
        await loadSchemeKey(scheme, values.key); // checked here so a bad file fails before anything starts
        keyFile = values.key;
      }
    }
    // What the servers can serve is their runtime's answer (Node 24 has ML-DSA, Node 20 has not).
    const runtime = await resolveServerRuntime('serve', values.runtime, io);
    const [{ servability }, { defaultEngine, refuseUnservable }] = await Promise.all([import('../../servers/server-runtime.js'), import('../../servers/engines/index.js')]);
    const cannotServe = servability(runtime);
    if (engine !== undefined && scheme.alg !== null) refuseUnservable(scheme, engine, cannotServe); // before any process starts
    const pair = await startPair(schemeName, { withIssuer: true, withVerifier: true, engine, secret, keyFile, issuerPort, verifierPort, execPath: runtime?.binary });
    // Interrupted while starting: never announce servers that are already being stopped.
    if (io.signal.aborted) {
      await pair.stop();
      io.signal.throwIfAborted();
    }
    io.stdout.write(`${JSON.stringify({ issuer: pair.issuer?.url ?? null, verifier: pair.verifier!.url, jwks: pair.issuer?.jwksUrl ?? null, engine: scheme.alg === null ? null : engine ?? defaultEngine(scheme, cannotServe) })}\n`);
    // Serve until told to stop, or until one of the servers dies.
    const died = Promise.race([pair.issuer, pair.verifier].filter((p) => p !== null).map((p) => p!.forked.exited.then(() => p!.role)));
    const stopped = new Promise<'signal'>((resolve) => {
      if (io.signal.aborted) resolve('signal');
      io.signal.addEventListener('abort', () => resolve('signal'), { once: true });
    });
    const why = await Promise.race([died, stopped]);
    await pair.stop();
    if (why !== 'signal') throw new JwtbenchError('JWTBENCH_RUN_FAILED', `the ${why} process exited unexpectedly; both servers are stopped`);
    io.stderr.write('jwtbench serve: stopped\n');
    return 0;
  },
});
