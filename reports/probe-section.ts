// The report's verifier-audit section, from a `jwtbench probe` results file: what was probed,
// the verdict, and every attack with what the target answered. All of it is read from the
// document; accepted attacks (forgeries the target let through) come first.
import type { AttackResult, ProbeDocument } from '../core/results/probe.js';
import { h, p, table, type Block } from './blocks.js';
import { attacksInReportOrder, probeChart, resultLabel } from './charts/probe.js';
import { fmt } from './figures.js';
import { probeVerdictLines } from './probe-verdict.js';

export const PROBE_SECTION_TITLE = 'Verifier audit (jwtbench probe)';

const accepts = (status: number): boolean => status >= 200 && status < 300;

function headerAlg(header: Record<string, unknown>): string {
  const alg = header.alg;
  return typeof alg === 'string' ? alg : `not stated (${JSON.stringify(alg ?? null)})`;
}

function setup(doc: ProbeDocument, file: string): string {
  const c = doc.config;
  const token = c.tokenSource === 'issuer' ? `minted by the issuer at ${c.issuer ?? 'an unnamed address'}` : 'given to the probe';
  const keys: Record<string, string> = { jwks: "the target's public keys from a JWKS", 'public-key': 'a public key file', discovered: "a public key found from the token's iss", recovered: 'an RSA public key recovered from two signatures' };
  const key = c.keySource === null ? 'no public key' : keys[c.keySource]!;
  const material = c.signingMaterial === 'secret' ? 'the HMAC secret' : c.signingMaterial === 'signing-key' ? 'the signing key' : 'no signing material';
  return `Figures from ${file}. Target: ${c.target}. The valid token (${token}) names alg ${headerAlg(doc.tokenHeader)} in its header; `
    + `the probe had ${key} and ${material}${doc.summary.gaps > 0 ? ` (attacks needing more were skipped: ${doc.summary.gaps})` : ''}; each token went ${c.tokenLocation}. `
    + `At most ${c.ratePerS} requests per second and ${c.maxRequests} requests, ${c.timeoutMs} ms timeout each; ${doc.summary.requests} requests sent.`;
}

function control(doc: ProbeDocument): string {
  const { status, durationMs } = doc.control;
  return `Control: the valid token got HTTP ${status} in ${fmt(durationMs, 1, ' ms')}.`
    + (accepts(status) ? '' : ' The target refused the valid token too, so a rejection below does not show that it recognised the forgery.');
}

/** What a reader can act on: forgeries, policy findings, errors or a clean result; then the coverage. */
export function probeVerdict(doc: ProbeDocument): string {
  return `Verdict: ${probeVerdictLines(doc).join(' ')}`;
}

function row(a: AttackResult): string[] {
  const head = [resultLabel(a), a.severity];
  switch (a.state) {
    case 'skipped': return [...head, 'not sent', 'not sent', a.title, a.meaning, a.reference, `${a.coverage === 'gap' ? 'coverage gap: ' : ''}${a.reason}`];
    case 'accepted': return [...head, statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.finding ?? ''];
    case 'errored': return [...head, statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.error];
    case 'rejected': return [...head, statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.note ?? ''];
  }
}

function statusText(status: number | null): string {
  return status === null ? 'none (offline check)' : String(status);
}

export function probeSection(probe: { doc: ProbeDocument; file: string }): Block[] {
  const { doc, file } = probe;
  const s = doc.summary;
  const blocks: Block[] = [
    h(2, PROBE_SECTION_TITLE),
    p(setup(doc, file)),
    p(control(doc)),
    p(probeVerdict(doc)),
    table(['attacks', 'forgeries accepted', 'policy findings', 'rejected', 'errored', 'skipped', 'of which for want of material', 'requests sent'],
      [[s.total, s.forgeries, s.policyFindings, s.rejected, s.errored, s.skipped, s.gaps, s.requests].map(String)]),
  ];
  const spec = probeChart(doc);
  if (spec) {
    blocks.push({
      kind: 'chart', id: 'probe', title: 'Time to answer each forged token',
      caption: `Per attack sent to ${doc.config.target}, coloured by what it answered (a forgery accepted apart from a policy finding); the dashed line is the valid token. Skipped attacks are not drawn.`, spec,
    });
  }
  blocks.push(p('Every attack: forgeries accepted first, then policy findings, errored, rejected and skipped. A forgery was built without the signing material (anyone can mint such tokens); a policy test was signed with it, or frames a valid token loosely (tokens the policy should refuse, none mintable without the key). "If accepted" says what it means when a verifier lets that token through.'));
  blocks.push(table(['result', 'class', 'HTTP status', 'time to answer (ms)', 'attack', 'if accepted', 'reference', 'finding, note, error or reason'],
    attacksInReportOrder(doc).map(row)));
  return blocks;
}
