// What runtime this process is, for the results' environment: its name and version, the crypto
// library behind node:crypto and WebCrypto, and the JavaScript engine. Read from the runtime's
// own version table, which Bun and Deno fill with Node-compatible values too (said so below).
export interface RuntimeInfo {
  name: 'node' | 'bun' | 'deno';
  version: string;
  cryptoBackend: string;
  jsEngine: string;
}

export function currentRuntime(versions: Record<string, string | undefined> = process.versions): RuntimeInfo {
  if (versions.bun !== undefined) {
    return { name: 'bun', version: versions.bun, cryptoBackend: `BoringSSL ${versions.boringssl?.slice(0, 12) ?? '?'}`, jsEngine: `JavaScriptCore (WebKit ${versions.webkit?.slice(0, 12) ?? '?'})` };
  }
  if (versions.deno !== undefined) {
    // Deno's process.versions.openssl is a compatibility value: its crypto is Rust (ring, aws-lc-rs, RustCrypto crates)
    return { name: 'deno', version: versions.deno, cryptoBackend: `Deno's Rust crypto (ring, aws-lc-rs, RustCrypto; process.versions.openssl says ${versions.openssl ?? '?'})`, jsEngine: `V8 ${versions.v8 ?? '?'}` };
  }
  return { name: 'node', version: versions.node ?? '?', cryptoBackend: `OpenSSL ${versions.openssl ?? '?'}`, jsEngine: `V8 ${versions.v8 ?? '?'}` };
}

/** name@version */
export function runtimeLabel(info: Pick<RuntimeInfo, 'name' | 'version'>): string {
  return `${info.name}@${info.version}`;
}

/**
 * How this runtime starts another process of itself with V8 flags: Node takes them as they are,
 * Deno needs `run -A` and --v8-flags, Bun (JavaScriptCore) has no V8 to give them to.
 */
export function selfCommand(v8Flags: readonly string[] = [], execPath = process.execPath, execArgv: readonly string[] = process.execArgv): string[] {
  const { name } = currentRuntime();
  if (name === 'deno') return [execPath, 'run', '-A', '--quiet', ...(v8Flags.length > 0 ? [`--v8-flags=${v8Flags.join(',')}`] : [])];
  if (name === 'bun') return [execPath];
  return [execPath, ...new Set([...execArgv, ...v8Flags])];
}
