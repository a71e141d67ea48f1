// Which runs came from one environment: the same CPU model, core count, architecture, Node,
// OpenSSL and jose. Micro and load runs record different library lists, so only jose, which
// both record, is part of the key; the other libraries are shown with each run.
import type { EnvFingerprint } from '../../core/results/env.js';

export function environmentKey(e: EnvFingerprint): string {
  return JSON.stringify([e.cpuModel, e.cores, e.arch, e.node, e.openssl, e.libraries.jose ?? null]);
}

/** A name for an environment nobody labelled: what tells machines apart first. */
export function defaultLabel(e: EnvFingerprint): string {
  return `${e.cpuModel}, ${e.cores} cores, Node ${e.node}`;
}

/** The longer name used when two environments share a default label. */
export function longLabel(e: EnvFingerprint): string {
  return `${defaultLabel(e)}, OpenSSL ${e.openssl}, jose ${e.libraries.jose ?? '?'}, ${e.arch}`;
}
