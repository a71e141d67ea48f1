// The report's verifier-audit section, from a `jwtbench probe` results file: what was probed,
// the verdict, and every attack with what the target answered. All of it is read from the
// document; accepted attacks (forgeries the target let through) come first.
import type { AttackResult, ProbeDocument } from '../core/results/probe.js';
import { h, p, table, type Block } from './blocks.js';
import { attacksInReportOrder, probeChart } from './charts/probe.js';
import { fmt } from './figures.js';

export const PROBE_SECTION_TITLE = 'Verifier audit (jwtbench probe)';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const accepts = (status: number): boolean => status >= 200 && status < 300;

function headerAlg(header: Record<string, unknown>): string {
  const alg = header.alg;
  return typeof alg === 'string' ? alg : `not stated (${JSON.stringify(alg ?? null)})`;
}

function setup(doc: ProbeDocument, file: string): string {
  const c = doc.config;
  const token = c.tokenSource === 'issuer' ? `minted by the issuer at ${c.issuer ?? 'an unnamed address'}` : 'given to the probe';
  const key = c.keySource === 'jwks' ? "the target's public keys from a JWKS" : c.keySource === 'public-key' ? 'a public key' : 'no public key';
  const material = c.signingMaterial === 'secret' ? 'the HMAC secret' : c.signingMaterial === 'signing-key' ? 'the signing key' : 'no signing material';
  return `Figures from ${file}. Target: ${c.target}. The valid token (${token}) names alg ${headerAlg(doc.tokenHeader)} in its header; `
    + `the probe had ${key} and ${material}${doc.summary.skipped > 0 ? ` (attacks needing more were skipped: ${doc.summary.skipped})` : ''}. `
    + `At most ${c.ratePerS} requests per second and ${c.maxRequests} requests, ${c.timeoutMs} ms timeout each; ${doc.summary.requests} requests sent.`;
}

function control(doc: ProbeDocument): string {
  const { status, durationMs } = doc.control;
  return `Control: the valid token got HTTP ${status} in ${fmt(durationMs, 1, ' ms')}.`
    + (accepts(status) ? '' : ' The target refused the valid token too, so a rejection below does not show that it recognised the forgery.');
}

/** One line a reader can act on: forgeable, errored, clean, or nothing to say. */
export function probeVerdict(doc: ProbeDocument): string {
  const s = doc.summary;
  if (s.accepted > 0) {
    const titles = doc.attacks.filter((a) => a.state === 'accepted').map((a) => a.title);
    return `Verdict: ${plural(s.accepted, 'attack')} ACCEPTED: this verifier can be forged (${titles.join('; ')}).`;
  }
  const sent = s.rejected + s.errored;
  if (sent === 0) return `Verdict: no attack was sent (${s.skipped} skipped), so this audit says nothing about the verifier.`;
  if (!accepts(doc.control.status)) return `Verdict: inconclusive: no attack was accepted, but neither was the valid token (HTTP ${doc.control.status}).`;
  if (s.errored > 0) {
    return `Verdict: no attack was accepted, but ${plural(s.errored, 'attack')} errored (a 5xx, a timeout or a network error) where a verifier should answer 401; ${s.rejected} rejected.`;
  }
  return `Verdict: every attack was rejected (${s.rejected} of ${s.total}${s.skipped > 0 ? `; ${s.skipped} skipped, see below` : ''}).`;
}

function row(a: AttackResult): string[] {
  switch (a.state) {
    case 'skipped': return ['skipped', 'not sent', 'not sent', a.title, a.meaning, a.reference, a.reason];
    case 'accepted': return ['ACCEPTED', statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.finding ?? ''];
    case 'errored': return ['errored', statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.error];
    case 'rejected': return ['rejected', statusText(a.status), fmt(a.durationMs, 1), a.title, a.meaning, a.reference, a.note ?? ''];
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
    table(['attacks', 'accepted', 'rejected', 'errored', 'skipped', 'requests sent'],
      [[s.total, s.accepted, s.rejected, s.errored, s.skipped, s.requests].map(String)]),
  ];
  const spec = probeChart(doc);
  if (spec) {
    blocks.push({
      kind: 'chart', id: 'probe', title: 'Time to answer each forged token',
      caption: `Per attack sent to ${doc.config.target}, coloured by what it answered; the dashed line is the valid token. Skipped attacks are not drawn.`, spec,
    });
  }
  blocks.push(p('Every attack, accepted first, then errored, rejected and skipped. "If accepted" says what it means when a verifier lets that token through.'));
  blocks.push(table(['state', 'HTTP status', 'time to answer (ms)', 'attack', 'if accepted', 'reference', 'finding, note, error or reason'],
    attacksInReportOrder(doc).map(row)));
  return blocks;
}
