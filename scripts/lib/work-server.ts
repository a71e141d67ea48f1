// The child of scripts/prove-server-work.ts: one verifier on 127.0.0.1, port 0, whose token
// work is the real floor HS256 verify, a spin of the same length, a constant, or none (the
// baseline). It reports its port and a valid token, and its metrics when asked to stop.
import { randomBytes } from 'node:crypto';
import { SERVER_DEFAULTS } from '../../servers/defaults.js';
import { SERVER_ENGINES } from '../../servers/engines/index.js';
import { buildVerifier } from '../../servers/verifier/app.js';
import { SCHEMES } from '../../core/schemes.js';

export type WorkMode = 'baseline' | 'verify' | 'spin' | 'constant';
export type WorkServerMessage = { type: 'ready'; port: number; token: string } | { type: 'stopped'; metrics: ReturnType<Awaited<ReturnType<typeof buildVerifier>>['metrics']['snapshot']> };

const mode = process.env.JWTBENCH_WORK_MODE as WorkMode;
const spinNs = BigInt(Math.round(Number(process.env.JWTBENCH_WORK_SPIN_US ?? '0') * 1000));
const secret = randomBytes(32);
const verifier = await buildVerifier({ scheme: SCHEMES[mode === 'baseline' ? 'baseline' : 'hs256'], engine: 'node', secret });
const tokens = verifier.tokens;
if (tokens && mode === 'spin') {
  // CPU work as long as the verify, touching no memory: what is left of the verify's cost in a loaded server is then the server's, not the call's
  tokens.verify = () => { const end = process.hrtime.bigint() + spinNs; while (process.hrtime.bigint() < end); return { sub: 'spin' }; };
}
if (tokens && mode === 'constant') tokens.verify = () => ({ sub: 'constant' });
const sign = await SERVER_ENGINES.node.signer('HS256', secret, undefined);
const now = Math.floor(Date.now() / 1000);
const token = await sign({ iss: SERVER_DEFAULTS.issuer, aud: SERVER_DEFAULTS.audience, sub: 'user-123', iat: now, exp: now + 600, scope: 'read write' });
await verifier.app.listen({ host: '127.0.0.1', port: 0 });
const address = verifier.app.server.address();
process.on('message', async (message: { type?: string }) => {
  if (message?.type === 'reset') { verifier.metrics.reset(); process.send!({ type: 'reset-done' }); }
  if (message?.type === 'stop') {
    const metrics = verifier.metrics.snapshot();
    await verifier.app.close();
    process.send!({ type: 'stopped', metrics }, () => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0, token });
