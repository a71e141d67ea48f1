import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALGORITHMS, ALG_NAMES, type AlgName } from '../../core/algorithms.js';
import { ENGINES, type Engine } from '../../bench/engines/index.js';
import { ENGINE_NAMES } from '../../core/results/names.js';
import { runGate } from '../../bench/gate.js';
import { flipSignatureBit } from '../../core/jws.js';
import { KeyStore } from '../../core/keys.js';
import { buildPayload } from '../../bench/payloads.js';

const keys = new KeyStore();
const peers = ENGINE_NAMES.map((n) => ENGINES[n]);

async function ctx(name: AlgName, keyPrep: 'prepared' | 'per-call' = 'prepared') {
  const alg = ALGORITHMS[name];
  return { alg, keys: await keys.get(alg, alg.defaultKeyBits), payload: buildPayload('small'), keyPrep };
}

test('every engine passes the gate for every algorithm it runs here, both key preparations', async () => {
  for (const name of ALG_NAMES) {
    const running = peers.filter((e) => e.supports(ALGORITHMS[name]));
    assert.ok(running.length > 0, `no engine runs ${name}`);
    for (const engine of running) {
      for (const keyPrep of engine.keyPreps) {
        const verdict = await runGate(engine, peers, await ctx(name, keyPrep));
        assert.deepEqual(verdict, { ok: true }, `${engine.name} ${keyPrep} ${name}`);
      }
    }
  }
});

/** A copy of the node floor with one part replaced. */
function broken(name: string, patch: (e: Awaited<ReturnType<Engine['prepare']>>) => void): Engine {
  return {
    ...ENGINES.node,
    name: name as Engine['name'],
    async prepare(c) {
      const e = await ENGINES.node.prepare(c);
      patch(e);
      return e;
    },
  };
}

test('the gate rejects an engine whose verify accepts a tampered signature', async () => {
  const lax = broken('lax', (e) => {
    const real = e.verify.bind(e);
    e.verify = (token) => {
      try { return real(token); } catch { return { sub: 'user-1234567890' }; }
    };
  });
  const verdict = await runGate(lax, peers, await ctx('HS256'));
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /does not throw for a token with one flipped signature bit/);
});

test('the gate rejects an engine whose verify returns null for a bad token instead of throwing', async () => {
  const quiet = broken('quiet', (e) => {
    const real = e.verify.bind(e);
    e.verify = (token) => {
      try { return real(token); } catch { return null; }
    };
  });
  const verdict = await runGate(quiet, peers, await ctx('HS256'));
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /verify must throw or reject/);
});

test('the gate rejects an engine that signs with another key', async () => {
  const otherKeys = await new KeyStore().get(ALGORITHMS.ES256, null);
  const wrongKey: Engine = { ...ENGINES.node, name: 'node', async prepare(c) {
    const mine = await ENGINES.node.prepare(c);
    const other = await ENGINES.node.prepare({ ...c, keys: otherKeys });
    return { ...mine, sign: () => other.sign() };
  } };
  const verdict = await runGate({ ...wrongKey, name: 'wrong-key' as Engine['name'] }, peers, await ctx('ES256'));
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /rejects its own token|does not verify with/);
});

test('the gate rejects a token that carries the wrong alg header', async () => {
  const mislabelled = broken('mislabelled', (e) => {
    const sign = e.sign.bind(e);
    e.sign = () => {
      const [, p, s] = (sign() as string).split('.');
      return `${Buffer.from('{"alg":"HS384","typ":"JWT"}').toString('base64url')}.${p}.${s}`;
    };
  });
  const verdict = await runGate(mislabelled, peers, await ctx('HS256'));
  assert.equal(verdict.ok, false);
  assert.match(!verdict.ok ? verdict.reason : '', /carries alg "HS384", expected HS256/);
});

test('the gate reports an engine whose sign throws instead of throwing itself', async () => {
  const failing = broken('failing', (e) => { e.sign = () => { throw new Error('boom'); }; });
  assert.deepEqual(await runGate(failing, peers, await ctx('HS256')), { ok: false, reason: 'failing HS256: sign failed: boom' });
});

test('flipSignatureBit changes the decoded signature, not just padding bits', () => {
  const token = 'a.b.' + Buffer.from([0, 1, 2]).toString('base64url');
  const flipped = flipSignatureBit(token);
  assert.notEqual(flipped, token);
  assert.deepEqual([...Buffer.from(flipped.split('.')[2]!, 'base64url')], [1, 1, 2]);
});
