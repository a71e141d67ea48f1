// load.json version 1 predates server engines: every run was jose's, and no header bytes were
// recorded. Reading it as version 2 keeps older results usable in reports and compare.
export function upgradeLoadV1(doc: Record<string, unknown>): Record<string, unknown> {
  const runs = Array.isArray(doc.runs) ? doc.runs : [];
  const config = typeof doc.config === 'object' && doc.config !== null ? doc.config : {};
  return {
    ...doc,
    schemaVersion: 2,
    config: { ...config, engines: ['jose'] },
    runs: runs.map((r: unknown) => {
      if (typeof r !== 'object' || r === null) return r;
      const run = r as Record<string, unknown>;
      return {
        ...run,
        engine: run.scheme === 'baseline' ? null : 'jose',
        ...(run.state === 'completed' ? { authorizationHeaderBytes: null } : {}),
      };
    }),
  };
}
