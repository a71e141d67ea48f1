// What the parent hands one measured process (bench/instructions/child.ts), as a JSON file.
import type { CaseSpec } from '../../core/results/micro.js';
import type { EngineSources } from '../engines/engine-set.js';
import type { Protocol, Counted } from './protocol.js';

export interface ChildTask {
  spec: CaseSpec;
  /** the key as stored in the key set (base64 for bytes) */
  key: unknown;
  clockS: number;
  /** verify: the token to verify in every call */
  token?: string;
  sources: EngineSources;
  addon: string;
  /** callgrind's --callgrind-out-file: region n is dumped to `${dumpFile}.${n}` */
  dumpFile: string;
  resultFile: string;
  protocol: Protocol;
}

export type ChildResult =
  | ({ state: 'counted'; tokenBytes: number } & Counted)
  | { state: 'errored'; error: string };
