// The correctness gate: a case is timed only if its engine produces tokens the other engines
// accept, with the right `alg`, and rejects a token whose signature has one bit flipped.
import type { Engine, EngineContext, PreparedEngine } from './engines/types.js';
import { decodeHeader, flipSignatureBit } from '../core/jws.js';

export type GateResult = { ok: true } | { ok: false; reason: string };

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function verifies(engine: PreparedEngine, token: string, sub: string): Promise<string | null> {
  try {
    const claims = (await engine.verify(token)) as { sub?: unknown } | undefined;
    return claims?.sub === sub ? null : 'verified but returned the wrong claims';
  } catch (error) {
    return message(error);
  }
}

/** Whether verify refuses the token the way the contract says: by throwing (or rejecting). A null or false return is not a refusal. */
async function refuses(engine: PreparedEngine, token: string): Promise<boolean> {
  try {
    await engine.verify(token);
    return false;
  } catch {
    return true;
  }
}

export async function runGate(subject: Engine, peers: readonly Engine[], ctx: EngineContext): Promise<GateResult> {
  const fail = (reason: string): GateResult => ({ ok: false, reason: `${subject.name} ${ctx.alg.name}: ${reason}` });
  let engine: PreparedEngine;
  let token: string;
  try {
    engine = await subject.prepare(ctx);
  } catch (error) {
    return fail(`prepare failed: ${message(error)}`);
  }
  try {
    token = await engine.sign();
  } catch (error) {
    return fail(`sign failed: ${message(error)}`);
  }
  let alg: unknown;
  try {
    alg = decodeHeader(token).alg;
  } catch (error) {
    return fail(`token header unreadable: ${message(error)}`);
  }
  if (alg !== ctx.alg.name) return fail(`token carries alg ${JSON.stringify(alg)}, expected ${ctx.alg.name}`);

  const sub = ctx.payload.sub;
  const own = await verifies(engine, token, sub);
  if (own) return fail(`rejects its own token: ${own}`);
  for (const peer of peers) {
    if (peer.name === subject.name || !peer.supports(ctx.alg)) continue;
    const other = await peer.prepare({ ...ctx, keyPrep: 'prepared' });
    const byPeer = await verifies(other, token, sub);
    if (byPeer) return fail(`its token does not verify with ${peer.name}: ${byPeer}`);
    const peerToken = await other.sign();
    const ofPeer = await verifies(engine, peerToken, sub);
    if (ofPeer) return fail(`rejects a valid ${peer.name} token: ${ofPeer}`);
  }
  if (!(await refuses(engine, flipSignatureBit(token)))) {
    return fail('does not throw for a token with one flipped signature bit (verify must throw or reject for any token that does not verify)');
  }
  return { ok: true };
}
