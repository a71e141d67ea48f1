// The kinds of results document, their file names and the one schemaVersion this jwtbench
// writes and reads. Plain data: writers and readers use it without loading TypeBox.

export const RESULTS_KINDS = {
  micro: { fileName: 'micro.json', schemaVersion: 1 },
  load: { fileName: 'load.json', schemaVersion: 2 },
  probe: { fileName: 'probe.json', schemaVersion: 2 },
  radius: { fileName: 'radius.json', schemaVersion: 1 },
} as const;

export type ResultsKind = keyof typeof RESULTS_KINDS;

export const MICRO_SCHEMA_VERSION = RESULTS_KINDS.micro.schemaVersion;
export const LOAD_SCHEMA_VERSION = RESULTS_KINDS.load.schemaVersion;
export const PROBE_SCHEMA_VERSION = RESULTS_KINDS.probe.schemaVersion;
export const RADIUS_SCHEMA_VERSION = RESULTS_KINDS.radius.schemaVersion;
