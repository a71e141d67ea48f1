// How long a compromise stays useful, per scheme: a replayed token until it expires (the token
// lifetime), leaked minting material until the last service holding or accepting it has rotated
// (a private key: until the issuer rotated and verifiers dropped the cached JWKS). One bar per
// window, log scale: minutes and weeks sit on one axis.
import type { TopLevelSpec } from 'vega-lite';
import type { SchemeRadius } from '../blast-radius/types.js';
import { SCHEMA } from './throughput.js';

const FORGE = 'forge: until the last holder rotated';
const REPLAY = 'replay: until the token expires';

export interface ExposurePoint {
  scheme: string;
  window: typeof FORGE | typeof REPLAY;
  minutes: number;
  hours: number;
}

export function exposurePoints(radii: SchemeRadius[]): ExposurePoint[] {
  return radii.flatMap((r) => {
    const replay = r.replay.find((x) => x.policy === 'shared-audience')?.replayWindowMinutes ?? null;
    return [[FORGE, r.worstForgeWindowMinutes], [REPLAY, replay]].flatMap(([window, minutes]) => (
      typeof minutes === 'number' ? [{ scheme: r.scheme, window: window as ExposurePoint['window'], minutes, hours: Math.round((minutes / 60) * 100) / 100 }] : []
    ));
  });
}

export function exposureChart(radii: SchemeRadius[]): TopLevelSpec | null {
  const values = exposurePoints(radii);
  if (values.length === 0) return null;
  return {
    $schema: SCHEMA,
    title: { text: 'Exposure windows: how long a compromise stays useful', subtitle: 'worst compromised service per scheme; replay with one audience for all services' },
    data: { values },
    width: 420,
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'scheme', type: 'nominal', title: null, sort: radii.map((r) => r.scheme) },
      yOffset: { field: 'window', type: 'nominal', sort: [FORGE, REPLAY] },
      x: { field: 'minutes', type: 'quantitative', title: 'minutes (log scale)', scale: { type: 'log' } },
      color: { field: 'window', type: 'nominal', title: null, sort: [FORGE, REPLAY], scale: { domain: [FORGE, REPLAY], range: ['#d62728', '#ff7f0e'] }, legend: { orient: 'bottom' } },
      tooltip: [{ field: 'scheme' }, { field: 'window' }, { field: 'minutes', title: 'minutes' }, { field: 'hours', title: 'hours' }],
    },
  };
}
