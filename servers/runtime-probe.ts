// Run by another Node (load/serve --runtime): prints, as one JSON line, what this runtime is and
// which scheme and engine pairs its reference servers cannot serve, and why. The parent plans
// the runs from this answer, not from its own Node (Node 20 has no native ML-DSA; Node 24 has).
import { currentRuntime } from '../core/runtimes/info.js';
import { SCHEMES, SCHEME_NAMES } from '../core/schemes.js';
import { SERVER_ENGINE_NAMES } from '../core/engines.js';
import { cannotServe } from './engines/index.js';
import type { RuntimeProbe } from './server-runtime.js';

const unserved: RuntimeProbe['unserved'] = {};
for (const scheme of SCHEME_NAMES) {
  for (const engine of SERVER_ENGINE_NAMES) {
    const why = cannotServe(SCHEMES[scheme], engine);
    if (why !== null) (unserved[scheme] ??= {})[engine] = why;
  }
}
const probe: RuntimeProbe = { runtime: currentRuntime(), unserved };
process.stdout.write(`${JSON.stringify(probe)}\n`);
