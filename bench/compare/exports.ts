// The candidate run in the formats CI dashboards already read, so one run feeds them too.
// Both carry time per operation (smaller is better) with the candidate's own 95% interval.
import type { Comparison } from './compare.js';

const UNITS: Record<Comparison['metric'], string> = { 'ns per op': 'ns/op', 'µs per request': 'µs/request', 'instructions per op': 'instructions/op' };
const unit = (c: Comparison) => UNITS[c.metric];
const measured = (cs: Comparison[]) => cs.filter((c): c is Comparison & { candidate: number } => c.candidate !== null);

/** github-action-benchmark's `customSmallerIsBetter` tool: an array of {name, unit, value, range?, extra?}. */
export function toGithubActionBenchmark(cs: Comparison[]): { name: string; unit: string; value: number; range?: string; extra: string }[] {
  return measured(cs).map((c) => ({
    name: `${c.kind} ${c.id}`,
    unit: unit(c),
    value: c.candidate,
    ...(c.candidateCi ? { range: `± ${((c.candidateCi[1] - c.candidateCi[0]) / 2).toPrecision(3)}` } : {}),
    extra: `${c.verdict} vs baseline${c.change === null ? '' : ` (${(c.change * 100).toFixed(c.basis === 'counts' ? 2 : 1)}%${c.p === null ? '' : `, p ${c.p.toPrecision(2)}`})`}; basis: ${c.basis}`,
  }));
}

/** Bencher Metric Format: { benchmark: { measure: { value, lower_value?, upper_value? } } }, latency in nanoseconds; counts as the measure `instructions`. */
export function toBencher(cs: Comparison[]): Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>> {
  return Object.fromEntries(measured(cs).map((c) => {
    if (c.metric === 'instructions per op') return [`${c.kind} ${c.id}`, { instructions: { value: c.candidate } }];
    const scale = c.metric === 'ns per op' ? 1 : 1000; // µs per request → ns
    return [`${c.kind} ${c.id}`, {
      latency: {
        value: c.candidate * scale,
        ...(c.candidateCi ? { lower_value: c.candidateCi[0] * scale, upper_value: c.candidateCi[1] * scale } : {}),
      },
    }];
  }));
}
