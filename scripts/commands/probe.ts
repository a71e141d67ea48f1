// jwtbench probe: audits a JWT verifier by sending it forged tokens built from one valid token.
import { readFile } from 'node:fs/promises';
import { CATALOG } from '../probe/catalog.js';
import type { AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { runProbe } from '../probe/run-probe.js';
import { checkedUrl } from '../probe/send.js';
import { defineCommand, defaultOutDir } from '../lib/command.js';
import { badFlag, errorMessage } from '../../core/errors.js';
import { positiveInt, positiveNumber } from '../../core/flags.js';
import { createProgress } from '../lib/progress.js';
import { publishResults } from '../lib/publish-results.js';
import { renderTable } from '../../core/table.js';

const DEFAULTS = { ratePerS: 20, maxRequests: 200, timeoutMs: 5000 } as const;

const HELP = `Usage: jwtbench probe --target <url> (--token <jwt> | --token-file <file> | --issuer <url>)
                      [--jwks <url> | --public-key <pem file>] [--secret <file> | --signing-key <pem file>]

Sends ${CATALOG.length} attack tokens, each built from one valid token, to a JWT-protected endpoint
(GET <target> with "Authorization: Bearer <token>") and reports which it accepted: alg "none"
and its case variants, RS/ES-to-HS256 confusion with the public key as PEM, DER and JWK,
stripped signatures, embedded jwk, jku and x5u headers, kid path traversal and SQL injection,
ECDSA r = s = 0 (CVE-2022-21449), a token from another key, a guessable HMAC secret, and,
with the real signing material, the claim policy: exp, nbf, iat, iss, aud, another algorithm
for the same key, unknown crit and b64: false. A control request with the valid token must
succeed first. Only loopback targets, unless --allow-remote.

  --target <url>          the protected endpoint (answers 2xx to the valid token)
  --token <jwt>           a valid token (visible to other local users in the process list;
                          --token-file is safer)
  --token-file <file>     a file holding a valid token
  --issuer <url>          mint the token with POST <issuer>/token {"sub": ...} (jwtbench's
                          reference issuer); its /.well-known/jwks.json is the default --jwks
  --jwks <url>            the issuer's JWKS: the public key for the confusion attacks
  --public-key <file>     the issuer's public key as PEM, instead of --jwks
  --secret <file>         the shared HMAC secret: enables the claim-policy attacks (HS*)
  --signing-key <file>    the issuer's PEM private key: enables them for RS/PS/ES/EdDSA
  --rate <n>              at most n requests a second (default ${DEFAULTS.ratePerS})
  --max-requests <n>      at most n requests in all; the probe checks before it starts
                          (default ${DEFAULTS.maxRequests})
  --timeout <ms>          per request (default ${DEFAULTS.timeoutMs})
  --allow-remote          allow a target that is not loopback: only one you own or have
                          written permission to test
  --out <dir>             where probe.json goes (default results/<UTC time>/)
  --json                  print the results document on stdout (the summary goes to stderr)
  -h, --help              this help

Exit status: 0 when every attack was refused, 1 when one was accepted, 2 for bad flags or
when the probe cannot start (no valid token, a key that does not verify it, the control
request refused).`;

const ORDER: Record<AttackResult['state'], number> = { accepted: 0, errored: 1, rejected: 2, skipped: 3 };

function renderSummary(doc: ProbeDocument, notes: string[]): string {
  const sent = doc.attacks.filter((a) => a.state !== 'skipped').sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const rows = sent.map((a) => [
    a.state === 'accepted' ? 'ACCEPTED' : a.state,
    'status' in a && a.status !== null ? String(a.status) : '-',
    'durationMs' in a ? a.durationMs.toFixed(1) : '-',
    a.id,
    a.reference,
  ]);
  const lines = [renderTable(['result', 'status', 'ms', 'attack', 'reference'], rows, [0, 3, 4])];
  const accepted = doc.attacks.filter((a) => a.state === 'accepted');
  for (const a of accepted) lines.push('', `ACCEPTED ${a.id}: ${a.title}`, `  means: ${a.meaning}${'finding' in a && a.finding ? `\n  finding: ${a.finding}` : ''}`, `  see: ${a.reference}`);
  for (const a of doc.attacks.filter((x) => x.state === 'errored')) lines.push('', `errored ${a.id}: ${'error' in a ? a.error : ''}`);
  const skipped = doc.attacks.filter((a) => a.state === 'skipped');
  const reasons = new Map<string, string[]>();
  for (const a of skipped) if ('reason' in a) reasons.set(a.reason, [...(reasons.get(a.reason) ?? []), a.id]);
  if (skipped.length > 0) lines.push('', `skipped ${skipped.length}:`, ...[...reasons].map(([reason, list]) => `  ${list.join(', ')}: ${reason}`));
  for (const note of notes) lines.push('', `note: ${note}`);
  const s = doc.summary;
  lines.push('', `${doc.config.target} (${String(doc.tokenHeader.alg)} token; control answered ${doc.control.status}): `
    + `${s.accepted} accepted, ${s.rejected} rejected, ${s.errored} errored, ${s.skipped} skipped; ${s.requests} requests`);
  lines.push(s.accepted > 0 ? `VERDICT: the verifier accepted ${s.accepted} forged or policy-violating token${s.accepted === 1 ? '' : 's'}.` : 'VERDICT: every attack sent was refused.');
  return lines.join('\n');
}

export const probeCommand = defineCommand({
  name: 'probe',
  help: HELP,
  flags: {
    target: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' }, issuer: { type: 'string' },
    jwks: { type: 'string' }, 'public-key': { type: 'string' }, secret: { type: 'string' }, 'signing-key': { type: 'string' },
    rate: { type: 'string' }, 'max-requests': { type: 'string' }, timeout: { type: 'string' }, 'allow-remote': { type: 'boolean' },
    out: { type: 'string' }, json: { type: 'boolean' },
  },
  async run({ values }, io) {
    const allowRemote = values['allow-remote'] === true;
    if (values.target === undefined) throw badFlag('--target', 'is required: the URL of the endpoint to probe');
    const sources = [values.token, values['token-file'], values.issuer].filter((v) => v !== undefined);
    if (sources.length !== 1) throw badFlag('--token', 'or --token-file or --issuer: give exactly one');
    if (values.jwks !== undefined && values['public-key'] !== undefined) throw badFlag('--jwks', 'and --public-key are alternatives: give one');
    const target = checkedUrl('--target', values.target, allowRemote);
    let token = values.token;
    if (values['token-file'] !== undefined) {
      try {
        token = (await readFile(values['token-file'], 'utf8')).trim();
      } catch (error) {
        throw badFlag('--token-file', `${values['token-file']}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
      }
    }
    const ratePerS = values.rate === undefined ? DEFAULTS.ratePerS : positiveNumber('--rate', values.rate, 'requests a second');
    if (ratePerS > 1000) throw badFlag('--rate', `must be at most 1000 requests a second (got ${ratePerS})`);
    const maxRequests = values['max-requests'] === undefined ? DEFAULTS.maxRequests : positiveInt('--max-requests', values['max-requests']);
    if (maxRequests > 10_000) throw badFlag('--max-requests', `must be at most 10000 (got ${maxRequests})`);
    const timeoutMs = values.timeout === undefined ? DEFAULTS.timeoutMs : positiveNumber('--timeout', values.timeout, 'milliseconds');
    if (allowRemote) io.stderr.write(`--allow-remote: probing ${target.host}. Only probe a system you own or have written permission to test.\n`);

    const progress = createProgress(io.stderr);
    const started = Date.now();
    let run;
    try {
      run = await runProbe({
        target, allowRemote, ratePerS, maxRequests, timeoutMs, signal: io.signal,
        ...(token !== undefined ? { token } : {}),
        ...(values.issuer !== undefined ? { issuer: checkedUrl('--issuer', values.issuer, allowRemote) } : {}),
        ...(values.jwks !== undefined ? { jwks: checkedUrl('--jwks', values.jwks, allowRemote) } : {}),
        ...(values['public-key'] !== undefined ? { publicKeyFile: values['public-key'] } : {}),
        ...(values.secret !== undefined ? { secretFile: values.secret } : {}),
        ...(values['signing-key'] !== undefined ? { signingKeyFile: values['signing-key'] } : {}),
        onAttack: (done, total, id) => progress.update(done, total, id, Date.now() - started),
      });
    } finally {
      progress.done();
    }
    await publishResults(run.doc, values.out ?? defaultOutDir(io.cwd), renderSummary(run.doc, run.notes), io, values.json === true);
    return run.doc.summary.accepted > 0 ? 1 : 0;
  },
});
