// Which runs came from one environment: the same CPU model, core count, architecture, Node,
// OpenSSL and jose. Micro and load runs record different library lists, so only jose, which
// both record, is part of the key; the other libraries are shown with each run.
import type { EnvFingerprint } from '../../core/results/env.js';

export function environmentKey(e: EnvFingerprint): string {
  return JSON.stringify([e.cpuModel, e.cores, e.arch, e.node, e.openssl, e.libraries.jose ?? null, ...(e.runtime && e.runtime.name !== 'node' ? [e.runtime.name, e.runtime.version] : [])]);
}

/** The runtime in words: "Node 24.22.3" or "Bun 1.4.5" (Bun and Deno report a Node version they are compatible with). */
export function runtimeName(e: EnvFingerprint): string {
  const r = e.runtime;
  return r && r.name !== 'node' ? `${r.name === 'bun' ? 'Bun' : 'Deno'} ${r.version}` : `Node ${e.node}`;
}

/** The runtime and its crypto: "Node 24.22.3, OpenSSL 3.5.9" or "Bun 1.4.5, BoringSSL …, JavaScriptCore …". */
export function runtimeWithCrypto(e: EnvFingerprint): string {
  const r = e.runtime;
  return r && r.name !== 'node' ? `${runtimeName(e)}, ${r.cryptoBackend}, ${r.jsEngine}` : `Node ${e.node}, OpenSSL ${e.openssl}`;
}

/** A name for an environment nobody labelled: what tells machines apart first. */
export function defaultLabel(e: EnvFingerprint): string {
  return `${e.cpuModel}, ${e.cores} cores, ${runtimeName(e)}`;
}

/** The longer name used when two environments share a default label. */
export function longLabel(e: EnvFingerprint): string {
  return `${defaultLabel(e)}, ${e.runtime && e.runtime.name !== 'node' ? e.runtime.cryptoBackend : `OpenSSL ${e.openssl}`}, jose ${e.libraries.jose ?? '?'}, ${e.arch}`;
}
