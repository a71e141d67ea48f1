// The key set of an instruction-count run: keys, a frozen clock and the tokens verified, the same
// bytes on both sides of a comparison (ECDSA verify's work depends on the signature's values,
// and an ECDSA signature is new every time). Written by the first run into --keys <dir> (mode
// 0600 in a 0700 folder, never into results), read back by later runs. No --keys: generated for
// the run alone, and its identity then matches no other run's.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlgorithmSpec, MlDsaAlgName } from '../../core/algorithms.js';
import { writeFileAtomically } from '../../core/atomic-write.js';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { generateKeyMaterial, keySlot, type KeyMaterial } from '../../core/keys.js';

const FILE = 'jwtbench-keys.json';

export type StoredKey =
  | { kind: 'secret'; secret: string }
  | { kind: 'pair'; privatePem: string; publicPem: string }
  | { kind: 'akp'; alg: MlDsaAlgName; seed: string; publicKey: string };

interface Stored { version: 1; clockS: number; keys: Record<string, StoredKey>; tokens: Record<string, string> }

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function toStored(k: KeyMaterial): StoredKey {
  if (k.kind === 'secret') return { kind: 'secret', secret: b64(k.secret) };
  if (k.kind === 'akp') return { kind: 'akp', alg: k.alg, seed: b64(k.seed), publicKey: b64(k.publicKey) };
  return k;
}

export function fromStored(k: StoredKey): KeyMaterial {
  if (k.kind === 'secret') return { kind: 'secret', secret: bytes(k.secret) };
  if (k.kind === 'akp') return { kind: 'akp', alg: k.alg, seed: bytes(k.seed), publicKey: bytes(k.publicKey) };
  return k;
}

export class KeySet {
  #changed = false;
  private constructor(readonly dir: string | null, private readonly stored: Stored, readonly reused: boolean) {}

  /** Reads --keys <dir> when it holds a key set; otherwise starts one (written there by save()). */
  static open(dir: string | null): KeySet {
    const file = dir === null ? null : join(dir, FILE);
    if (file !== null && existsSync(file)) {
      let stored: Stored;
      try {
        stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
      } catch (error) {
        throw new JwtbenchError('JWTBENCH_BAD_KEY', `--keys ${dir}: ${FILE} is not valid JSON (${errorMessage(error)}); remove the folder to start a new key set`);
      }
      if (stored?.version !== 1 || typeof stored.clockS !== 'number' || typeof stored.keys !== 'object' || typeof stored.tokens !== 'object') {
        throw new JwtbenchError('JWTBENCH_BAD_KEY', `--keys ${dir}: ${FILE} is not a jwtbench key set; remove the folder to start a new one`);
      }
      return new KeySet(dir, stored, true);
    }
    if (dir !== null && existsSync(dir) && !statSync(dir).isDirectory()) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `--keys must be a folder (got ${dir}, a file)`);
    return new KeySet(dir, { version: 1, clockS: Math.floor(Date.now() / 1000), keys: {}, tokens: {} }, false);
  }

  get clockS(): number { return this.stored.clockS; }

  async key(alg: AlgorithmSpec, keyBits: number | null): Promise<KeyMaterial> {
    const slot = keySlot(alg, keyBits);
    const have = this.stored.keys[slot];
    if (have) return fromStored(have);
    const made = await generateKeyMaterial(alg, keyBits);
    this.stored.keys[slot] = toStored(made);
    this.#changed = true;
    return made;
  }

  token(caseId: string): string | undefined { return this.stored.tokens[caseId]; }

  setToken(caseId: string, token: string): void {
    this.stored.tokens[caseId] = token;
    this.#changed = true;
  }

  /** The identity compare checks: the keys and the clock (tokens follow from them and the engines). */
  sha256(): string {
    const keys = Object.fromEntries(Object.entries(this.stored.keys).sort(([a], [b]) => a.localeCompare(b)));
    return createHash('sha256').update(JSON.stringify({ clockS: this.stored.clockS, keys })).digest('hex');
  }

  /** What one case's count depends on besides the code: its key, the clock, and the token it verifies. */
  inputSha256(alg: AlgorithmSpec, keyBits: number | null, token: string | undefined): string {
    return createHash('sha256').update(JSON.stringify({ clockS: this.stored.clockS, key: this.stored.keys[keySlot(alg, keyBits)] ?? null, token: token ?? null })).digest('hex');
  }

  async save(): Promise<void> {
    if (this.dir === null || !this.#changed) return;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomically(join(this.dir, FILE), `${JSON.stringify(this.stored)}\n`, { mode: 0o600 });
    this.#changed = false;
  }
}
