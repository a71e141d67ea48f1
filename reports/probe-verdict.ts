// The probe's verdict, one wording for the CLI summary and the report: forgeries (anyone can
// mint tokens) apart from policy findings (tokens the policy should refuse that no one can mint
// without the signing key), then what the audit covered: how many attacks ran, and why the rest did not.
import type { ProbeDocument } from '../core/results/probe.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const accepts = (status: number): boolean => status >= 200 && status < 300;

/** What the audit covered: "N of M attacks ran; K skipped because ...". */
export function probeCoverage(doc: ProbeDocument): string {
  const ran = doc.attacks.filter((a) => a.state !== 'skipped').length;
  const skipped = doc.attacks.flatMap((a) => (a.state === 'skipped' ? [a] : []));
  if (skipped.length === 0) return `Coverage: all ${plural(ran, 'attack')} ran.`;
  const gaps = new Map<string, number>();
  for (const a of skipped) if (a.coverage === 'gap') gaps.set(a.reason, (gaps.get(a.reason) ?? 0) + 1);
  const na = skipped.length - doc.summary.gaps;
  const parts = [...[...gaps].map(([reason, n]) => `${n} for want of material (${reason})`), ...(na > 0 ? [`${na} that do not apply to this token`] : [])];
  return `Coverage: ${ran} of ${doc.attacks.length} attacks ran; ${skipped.length} skipped: ${parts.join('; ')}.`
    + (doc.summary.gaps > 0 ? ` This verdict says nothing about the ${doc.summary.gaps} that lacked material.` : '');
}

/**
 * Forgery attacks that could not run for want of material (no public key, a key recovery or a
 * secret search that gave up): without them "no forgery" is no clean bill, so the headline says
 * so itself, not only the coverage line (a forgeable verifier once read as clean that way).
 */
function unfinishedForgeries(doc: ProbeDocument): string {
  const reasons = new Map<string, number>();
  for (const a of doc.attacks) if (a.state === 'skipped' && a.coverage === 'gap' && a.severity === 'forgery') reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + 1);
  const n = [...reasons.values()].reduce((sum, k) => sum + k, 0);
  if (n === 0) return '';
  const why = [...reasons].map(([reason, k]) => (reasons.size > 1 ? `${k}: ${reason}` : reason)).join('; ');
  return `${plural(n, 'forgery attack')} could not run (${why}), so this verifier may still be forgeable.`;
}

/** The headline: forgeries, errors, policy findings, or a clean result (or one with forgery attacks that could not run). */
export function probeHeadline(doc: ProbeDocument): string {
  const s = doc.summary;
  const titles = (severity: string) => doc.attacks.filter((a) => a.state === 'accepted' && a.severity === severity).map((a) => a.id).join(', ');
  const policy = s.policyFindings > 0 ? ` Also ${plural(s.policyFindings, 'policy finding')} (${titles('policy')}).` : '';
  if (s.forgeries > 0) return `${plural(s.forgeries, 'forged token')} ACCEPTED: anyone can mint tokens this verifier accepts (${titles('forgery')}).${policy}`;
  const sent = s.total - s.skipped;
  if (sent === 0) return 'no attack was sent, so this audit says nothing about the verifier.';
  if (!accepts(doc.control.status)) return `inconclusive: no attack was accepted, but neither was the valid token (HTTP ${doc.control.status}).`;
  const errored = s.errored > 0 ? ` ${plural(s.errored, 'attack')} errored (a 5xx, a timeout or a network error) where a verifier should answer 401.` : '';
  const unfinished = unfinishedForgeries(doc);
  if (s.policyFindings > 0) {
    return `no forgery accepted${unfinished ? ' among the attacks that ran' : ''}; ${plural(s.policyFindings, 'policy finding')}: tokens the policy should refuse, none mintable without the signing key (${titles('policy')}).${unfinished ? ` But ${unfinished}` : ''}${errored}`;
  }
  if (unfinished) return `incomplete: no forgery accepted among the attacks that ran (${s.rejected} rejected), but ${unfinished}${errored}`;
  return `no forgery and no policy violation accepted (${s.rejected} rejected).${errored}`;
}

export function probeVerdictLines(doc: ProbeDocument): string[] {
  return [probeHeadline(doc), probeCoverage(doc)];
}
