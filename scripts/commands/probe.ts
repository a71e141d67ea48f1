// jwtbench probe: audits a JWT verifier by sending it forged tokens built from one valid token.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { PROBE_CATALOG } from '../probe/catalog.js';
import { RECOVER_SECONDS } from '../probe/recover-rsa-key.js';
import type { probeVerdictLines as ProbeVerdictLines } from '../../reports/probe-verdict.js';
import type { AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { defineCommand, defaultOutDir } from '../lib/command.js';
import { badFlag, errorMessage } from '../../core/errors.js';
import { atMost, positiveInt, positiveNumber } from '../../core/flags.js';
import { createProgress } from '../lib/progress.js';
import { renderTable } from '../../core/table.js';
import { assertWritable } from '../../core/out-path.js';

const DEFAULTS = { ratePerS: 20, maxRequests: 200, timeoutMs: 5000, crackSeconds: 20, recoverSeconds: RECOVER_SECONDS } as const;
const FAIL_ON = ['policy', 'incomplete'] as const;

const HELP = `Usage: jwtbench probe --target <url> (--token <jwt> | --token-file <file> | --issuer <url>)
                      [--public-key <file> | --jwks <url>] [--secret <file> | --signing-key <pem file>]

Sends up to ${PROBE_CATALOG.length} attack tokens, each built from one valid token, to a JWT-protected
endpoint and reports which it accepted. Forgeries (need nothing but the token and public
information): alg "none" and its case variants, RS/ES-to-HS256 key confusion keyed with the
public key in many encodings (and with the --public-key file's own bytes), stripped
signatures, embedded jwk, jku and x5u pointing at a key server the probe hosts on loopback,
x5c with its own certificate, kid path traversal and SQL injection, ECDSA r = s = 0
(CVE-2022-21449), another key, an HMAC secret found offline among ~49,000 common secrets.
Policy tests (with the real signing material): exp, nbf, iat, iss, aud and exp format (only
for claims the valid token carries), another algorithm for the same key, unknown crit, a
token over 8 KiB, a short HMAC secret. A control request with the valid token must succeed
first. Only loopback targets, unless --allow-remote. See docs/probe.md.

The token and its key:
  --token <jwt>           a valid token ("Bearer " prefix accepted; visible to other local
                          users in the process list: --token-file is safer). Twice, with
                          two RS256 tokens and no public key: the RSA key is recovered from
                          their signatures (e = 3 in milliseconds; e = 65537 with GMP
                          within --recover-seconds: 90-120 s of CPU for 2048 bits)
  --token-file <file>     a file holding a valid token (or several, one a line)
  --issuer <url>          mint the token: POST <url>/token {"sub": ...} (jwtbench's issuer,
                          whose <url>/.well-known/jwks.json is then the default --jwks)
  --issuer-body <text>    with --issuer: POST this body (JSON, or form-encoded) to <url>
                          itself, for any token endpoint
  --token-field <name>    the answer's field holding the token (default access_token; a.b for
                          nested fields)
  --public-key <file>     the issuer's public key: SPKI, PKCS#1 or certificate PEM, JWK or JWKS
  --jwks <url>            the issuer's JWKS URL, instead of --public-key. With neither, the
                          token's iss is asked (OIDC discovery, then /.well-known/jwks.json)
  --secret <file>         the shared HMAC secret: enables the policy tests (HS*)
  --signing-key <file>    the issuer's PEM private key: enables them for RS/PS/ES/EdDSA
  --wordlist <file>       more candidate HMAC secrets, one a line
  --crack-seconds <s>     time bound of the offline secret search (default ${DEFAULTS.crackSeconds})
  --recover-seconds <s>   CPU seconds recovering an RSA key from two --token RS* tokens may
                          take (GMP gcd: 90-120 s of CPU for a 2048-bit key; CPU, not wall
                          time, so a busy machine slows it but does not stop it; Ctrl-C
                          does; default ${DEFAULTS.recoverSeconds})

Where the token goes (default: GET with "Authorization: Bearer <token>"):
  --header <name>         in this request header, as it is (no Bearer prefix)
  --cookie <name>         in this cookie
  --body-field <name>     in this field of a JSON body (method POST unless --method)
  --method <verb>         the HTTP method

Limits and output:
  --target <url>          the protected endpoint (answers 2xx to the valid token)
  --rate <n>              at most n requests a second (default ${DEFAULTS.ratePerS})
  --max-requests <n>      at most n requests in all; checked before the first attack
                          (default ${DEFAULTS.maxRequests})
  --timeout <ms>          per request (default ${DEFAULTS.timeoutMs})
  --allow-remote          allow a target (or iss) that is not loopback: only one you own or
                          have written permission to test
  --fail-on <list>        also exit 1 for: policy (a policy test accepted), incomplete (an
                          attack skipped for want of material); comma-separated
  --out <dir>             where probe.json goes (default results/<UTC time>/)
  --json                  print the results document on stdout (the summary goes to stderr)
  -h, --help              this help

Exit status: 1 when a forgery was accepted (or what --fail-on names happened); 0 otherwise,
policy findings included; 2 for bad flags or when the probe cannot start (no valid token, a
key that does not verify it, the control request refused).`;

const ORDER: Record<AttackResult['state'], number> = { accepted: 0, errored: 1, rejected: 2, skipped: 3 };

function renderSummary(doc: ProbeDocument, notes: string[], probeVerdictLines: typeof ProbeVerdictLines): string {
  const sent = doc.attacks.filter((a) => a.state !== 'skipped').sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const rows = sent.map((a) => [
    a.state === 'accepted' ? (a.severity === 'forgery' ? 'FORGED' : 'POLICY') : a.state,
    'status' in a && a.status !== null ? String(a.status) : 'offline',
    'durationMs' in a ? a.durationMs.toFixed(1) : '-',
    a.id,
    a.reference,
  ]);
  const lines = [renderTable(['result', 'status', 'ms', 'attack', 'reference'], rows, [0, 3, 4])];
  for (const a of doc.attacks.filter((x) => x.state === 'accepted')) {
    lines.push('', `${a.severity === 'forgery' ? 'FORGERY ACCEPTED' : 'POLICY FINDING'} ${a.id}: ${a.title}`,
      `  means: ${a.meaning}${'finding' in a && a.finding ? `\n  finding: ${a.finding}` : ''}`, `  see: ${a.reference}`);
  }
  for (const a of doc.attacks) {
    if (a.state === 'errored') lines.push('', `errored ${a.id}: ${a.error}`);
    if (a.state === 'rejected' && a.note && a.status !== null) lines.push('', `note ${a.id}: ${a.note}`);
  }
  const skipped = doc.attacks.filter((a) => a.state === 'skipped');
  const reasons = new Map<string, string[]>();
  for (const a of skipped) if (a.state === 'skipped') reasons.set(a.reason, [...(reasons.get(a.reason) ?? []), a.id]);
  if (skipped.length > 0) lines.push('', `skipped ${skipped.length}:`, ...[...reasons].map(([reason, list]) => `  ${list.join(', ')}: ${reason}`));
  for (const note of notes) lines.push('', `note: ${note}`);
  const s = doc.summary;
  lines.push('', `${doc.config.target} (${String(doc.tokenHeader.alg)} token, ${doc.config.tokenLocation}; control answered ${doc.control.status}): `
    + `${s.accepted} accepted, ${s.rejected} rejected, ${s.errored} errored, ${s.skipped} skipped; ${s.requests} requests`);
  lines.push(...probeVerdictLines(doc).map((l, i) => (i === 0 ? `VERDICT: ${l}` : `  ${l}`)));
  return lines.join('\n');
}

function failOn(raw: string | undefined): Set<typeof FAIL_ON[number]> {
  if (raw === undefined) return new Set();
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!(FAIL_ON as readonly string[]).includes(item)) throw badFlag('--fail-on', `must list policy and/or incomplete, comma-separated (got ${JSON.stringify(item)})`);
  }
  return new Set(items as typeof FAIL_ON[number][]);
}

export const probeCommand = defineCommand({
  name: 'probe',
  help: HELP,
  flags: {
    target: { type: 'string' }, token: { type: 'string', multiple: true }, 'token-file': { type: 'string' }, issuer: { type: 'string' },
    'issuer-body': { type: 'string' }, 'token-field': { type: 'string' },
    jwks: { type: 'string' }, 'public-key': { type: 'string' }, secret: { type: 'string' }, 'signing-key': { type: 'string' },
    wordlist: { type: 'string' }, 'crack-seconds': { type: 'string' }, 'recover-seconds': { type: 'string' },
    header: { type: 'string' }, cookie: { type: 'string' }, 'body-field': { type: 'string' }, method: { type: 'string' },
    rate: { type: 'string' }, 'max-requests': { type: 'string' }, timeout: { type: 'string' }, 'allow-remote': { type: 'boolean' },
    'fail-on': { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' },
  },
  async run({ values }, io) {
    // the probe's machinery loads only when it runs, so --help answers at once
    const [{ cleanToken, tokenLocation }, { runProbe }, { checkedUrl }, { publishResults }, { probeVerdictLines }] = await Promise.all([
      import('../probe/location.js'), import('../probe/run-probe.js'), import('../probe/send.js'), import('../lib/publish-results.js'), import('../../reports/probe-verdict.js'),
    ]);
    const allowRemote = values['allow-remote'] === true;
    if (values.target === undefined) throw badFlag('--target', 'is required: the URL of the endpoint to probe');
    const sources = [values.token, values['token-file'], values.issuer].filter((v) => v !== undefined);
    if (sources.length !== 1) throw badFlag('--token', 'or --token-file or --issuer: give exactly one');
    if (values.jwks !== undefined && values['public-key'] !== undefined) throw badFlag('--jwks', 'and --public-key are alternatives: give one');
    for (const flag of ['issuer-body', 'token-field'] as const) {
      if (values[flag] !== undefined && values.issuer === undefined) throw badFlag(`--${flag}`, 'applies to --issuer: give the token endpoint with --issuer');
    }
    const target = checkedUrl('--target', values.target, allowRemote);
    const location = tokenLocation({ header: values.header, cookie: values.cookie, bodyField: values['body-field'], method: values.method });
    const fail = failOn(values['fail-on']);
    let tokens = values.token?.map(cleanToken);
    if (values['token-file'] !== undefined) {
      try {
        tokens = (await readFile(values['token-file'], 'utf8')).split(/\r?\n/).map(cleanToken).filter((t) => t !== '');
      } catch (error) {
        throw badFlag('--token-file', `${values['token-file']}: cannot read it (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
      }
    }
    if (tokens !== undefined && (tokens.length === 0 || tokens.includes(''))) throw badFlag(values.token !== undefined ? '--token' : '--token-file', 'is empty: give a valid token');
    const token = tokens?.[0];
    const ratePerS = values.rate === undefined ? DEFAULTS.ratePerS : positiveNumber('--rate', values.rate, 'requests a second');
    atMost('--rate', ratePerS, 1000, ' requests a second');
    const maxRequests = values['max-requests'] === undefined ? DEFAULTS.maxRequests : positiveInt('--max-requests', values['max-requests']);
    atMost('--max-requests', maxRequests, 10_000);
    const timeoutMs = values.timeout === undefined ? DEFAULTS.timeoutMs : positiveNumber('--timeout', values.timeout, 'milliseconds');
    // Node's timers hold at most 2^31-1 ms; a probe waits a minute at most for one answer.
    atMost('--timeout', timeoutMs, 60_000, ' milliseconds');
    const crackSeconds = values['crack-seconds'] === undefined ? DEFAULTS.crackSeconds : positiveNumber('--crack-seconds', values['crack-seconds'], 'seconds');
    atMost('--crack-seconds', crackSeconds, 3600);
    const recoverSeconds = values['recover-seconds'] === undefined ? DEFAULTS.recoverSeconds : positiveNumber('--recover-seconds', values['recover-seconds'], 'seconds');
    atMost('--recover-seconds', recoverSeconds, 3600);
    if (allowRemote) io.stderr.write(`--allow-remote: probing ${target.host}. Only probe a system you own or have written permission to test.\n`);

    const outDir = values.out ?? defaultOutDir(io.cwd);
    await assertWritable('--out', [join(outDir, 'probe.json')]);
    const progress = createProgress(io.stderr);
    const started = Date.now();
    let run;
    try {
      run = await runProbe({
        target, allowRemote, ratePerS, maxRequests, timeoutMs, crackSeconds, recoverSeconds, location, signal: io.signal,
        ...(token !== undefined ? { token, extraTokens: tokens!.slice(1) } : {}),
        ...(values.issuer !== undefined ? {
          issuer: {
            url: checkedUrl('--issuer', values.issuer, allowRemote),
            ...(values['issuer-body'] !== undefined ? { body: values['issuer-body'] } : {}),
            ...(values['token-field'] !== undefined ? { tokenField: values['token-field'] } : {}),
          },
        } : {}),
        ...(values.jwks !== undefined ? { jwks: checkedUrl('--jwks', values.jwks, allowRemote) } : {}),
        ...(values['public-key'] !== undefined ? { publicKeyFile: values['public-key'] } : {}),
        ...(values.secret !== undefined ? { secretFile: values.secret } : {}),
        ...(values['signing-key'] !== undefined ? { signingKeyFile: values['signing-key'] } : {}),
        ...(values.wordlist !== undefined ? { wordlistFile: values.wordlist } : {}),
        onAttack: (done, total, id) => progress.update(done, total, id, Date.now() - started),
        onLongStep: (text) => io.stderr.write(`probe: ${text}\n`),
      });
    } finally {
      progress.done();
    }
    await publishResults(run.doc, outDir, renderSummary(run.doc, run.notes, probeVerdictLines), io, values.json === true);
    const s = run.doc.summary;
    const failed = s.forgeries > 0 || (fail.has('policy') && s.policyFindings > 0) || (fail.has('incomplete') && s.gaps > 0);
    return failed ? 1 : 0;
  },
});
