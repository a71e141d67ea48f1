// One probe: gather the material, plan every attack (built or skipped, with the reason), check
// the request budget, send the control request, then the attacks, one at a time, rate-bounded.
import { captureEnv } from '../../core/env.js';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { CATALOG, unmet, type AttackSpec } from './catalog.js';
import { gatherMaterial, type MaterialOptions } from './material.js';
import { PROBE_SCHEMA_VERSION } from '../../core/results/kinds.js';
import type { AttackInfo, AttackResult, ProbeDocument } from '../../core/results/probe.js';
import { Sender, type SendLimits } from './send.js';

export interface ProbeOptions extends MaterialOptions, SendLimits {
  target: URL;
  signal?: AbortSignal;
  onAttack?: (done: number, total: number, id: string) => void;
  /** the attacks to run; the whole catalog unless a test narrows it */
  catalog?: readonly AttackSpec[];
}

export interface ProbeRun {
  doc: ProbeDocument;
  notes: string[];
}

const info = (a: AttackSpec): AttackInfo => ({ id: a.id, family: a.family, title: a.title, meaning: a.meaning, reference: a.reference });

export async function runProbe(o: ProbeOptions): Promise<ProbeRun> {
  const startedAt = new Date();
  const sender = new Sender(o, o.signal);
  const { material, keySource, notes } = await gatherMaterial(o, sender);

  const planned = (o.catalog ?? CATALOG).map((spec) => {
    const why = unmet(spec, material);
    if (why !== null) return { spec, skip: why };
    const built = spec.build(material);
    return 'skip' in built ? { spec, skip: built.skip } : { spec, token: built.token };
  });
  const toSend = planned.filter((p) => p.token !== undefined).length;
  if (toSend + 1 > sender.remaining) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--max-requests ${o.maxRequests} is too low: this probe needs ${toSend + 1 + sender.requests} requests (${toSend} attacks, the control request${sender.requests > 0 ? ` and ${sender.requests} already made for the token and key` : ''})`);
  }

  const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  let control;
  try {
    control = await sender.send(o.target, auth(material.token));
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `the control request to ${o.target.href} failed (${errorMessage(error)}); is the target running?`);
  }
  if (control.status < 200 || control.status > 299) {
    throw new JwtbenchError('JWTBENCH_PROBE_SETUP', `the target answered ${control.status} to the valid token, so a refusal of an attack would prove nothing; check --target and the token (expired?)`);
  }

  const attacks: AttackResult[] = [];
  let done = 0;
  for (const p of planned) {
    o.signal?.throwIfAborted();
    if (p.token === undefined) {
      attacks.push({ ...info(p.spec), state: 'skipped', reason: p.skip! });
      continue;
    }
    o.onAttack?.(done++, toSend, p.spec.id);
    try {
      const answer = await sender.send(o.target, auth(p.token));
      const base = { ...info(p.spec), status: answer.status, durationMs: answer.durationMs };
      if (answer.status >= 200 && answer.status <= 299) {
        attacks.push({ ...base, state: 'accepted', ...(p.spec.id === 'weak-hmac-secret' ? { finding: `the token's HMAC secret is ${JSON.stringify(material.weakSecret)}` } : {}) });
      } else if (answer.status >= 500) {
        attacks.push({ ...base, state: 'errored', error: `the target answered ${answer.status}: a bad token should get 401, not a server error` });
      } else {
        attacks.push({ ...base, state: 'rejected' });
      }
    } catch (error) {
      o.signal?.throwIfAborted();
      attacks.push({ ...info(p.spec), state: 'errored', status: null, durationMs: o.timeoutMs, error: errorMessage(error) });
    }
  }

  const count = (s: AttackResult['state']) => attacks.filter((a) => a.state === s).length;
  const doc: ProbeDocument = {
    schemaVersion: PROBE_SCHEMA_VERSION,
    kind: 'probe',
    env: captureEnv(startedAt, new Date(), ['jose']),
    config: {
      target: o.target.href,
      tokenSource: o.token !== undefined ? 'token' : 'issuer',
      issuer: o.issuer?.href ?? null,
      keySource,
      signingMaterial: o.secretFile !== undefined ? 'secret' : o.signingKeyFile !== undefined ? 'signing-key' : null,
      ratePerS: o.ratePerS,
      maxRequests: o.maxRequests,
      timeoutMs: o.timeoutMs,
      allowRemote: o.allowRemote,
    },
    tokenHeader: material.header,
    control: { status: control.status, durationMs: control.durationMs },
    attacks,
    summary: { total: attacks.length, accepted: count('accepted'), rejected: count('rejected'), errored: count('errored'), skipped: count('skipped'), requests: sender.requests },
  };
  return { doc, notes };
}
