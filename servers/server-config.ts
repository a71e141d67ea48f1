// What a server process is told to be. Sent over the IPC channel (never argv or environment,
// where other users of the machine could read a secret).
import type { ServerEngineName } from '../core/engines.js';
import type { SchemeName } from '../core/schemes.js';
import type { RotationPlan } from './issuer/key-ring.js';

export type ServerConfig =
  | {
      role: 'issuer';
      scheme: SchemeName;
      /** the library that signs or verifies; jose when absent */
      engine?: ServerEngineName;
      host: string;
      port: number;
      /** hs256: the shared secret; other schemes generate their key in the issuer process */
      secret?: Uint8Array;
      /** asymmetric schemes: a PKCS#8 PEM file the issuer reads itself */
      keyFile?: string;
      rotation?: RotationPlan;
      tokenTtlS?: number;
    }
  | {
      role: 'verifier';
      scheme: SchemeName;
      /** the library that signs or verifies; jose when absent */
      engine?: ServerEngineName;
      host: string;
      port: number;
      secret?: Uint8Array;
      jwksUrl?: string;
      jwksCooldownMs?: number;
      jwksRefreshMs?: number;
    };

export type ParentMessage =
  | { type: 'start'; config: ServerConfig }
  | { type: 'metrics-reset' }
  | { type: 'metrics' }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string; jwksUrl: string | null }
  | { type: 'failed'; message: string; code: import('../core/errors.js').ErrorCode | null }
  | { type: 'metrics-reset' }
  | { type: 'metrics'; snapshot: import('./metrics.js').ServerMetricsSnapshot | null };
