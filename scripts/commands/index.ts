// The commands of the CLI, each with its one-line summary and a loader: a command's modules
// (and their dependencies: jose, piscina, vega ...) load only when that command runs, so
// `jwtbench --help` starts at once.
import type { Command } from '../lib/command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', summary: 'the default scenario (what npm start runs)', load: async () => (await import('./run.js')).runCommand },
  { name: 'micro', summary: 'sign/verify microbenchmarks for every JWS algorithm and engine', load: async () => (await import('./micro.js')).microCommand },
  { name: 'load', summary: 'autocannon load tests against the reference servers', load: async () => (await import('./load.js')).loadCommand },
  { name: 'artillery', summary: 'write an Artillery test of your target, or import its report as load.json', load: async () => (await import('./artillery.js')).artilleryCommand },
  { name: 'report', summary: 'the decision report (HTML + Markdown) from results files', load: async () => (await import('./report.js')).reportCommand },
  { name: 'history', summary: 'a history of runs by commit: change points (E-divisive) and a trend page', load: async () => (await import('./history.js')).historyCommand },
  { name: 'compare', summary: 'statistical verdict: did a run regress against a baseline?', load: async () => (await import('./compare.js')).compareCommand },
  { name: 'outliers', summary: 'list the runs of one side that were disturbed, to measure them again', load: async () => (await import('./outliers.js')).outliersCommand },
  { name: 'undecided', summary: 'list the cases a first look left inconclusive, to measure more processes for a second', load: async () => (await import('./undecided.js')).undecidedCommand },
  { name: 'radius', summary: 'who can forge and replay tokens for whom, and for how long, from a topology or a deployment', load: async () => (await import('./radius.js')).radiusCommand },
  { name: 'probe', summary: 'audit a JWT verifier against forged tokens and claim-policy attacks', load: async () => (await import('./probe.js')).probeCommand },
  { name: 'serve', summary: 'run the reference issuer and verifier for one scheme', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'runtimes', summary: 'install other runtimes (Node 22/24/26, Bun, Deno) from npm into a cache, or list them', load: async () => (await import('./runtimes.js')).runtimesCommand },
  { name: 'summary', summary: 'print the summary of a saved micro.json', load: async () => (await import('./summary.js')).summaryCommand },
  { name: 'targets', summary: "measure the harness's own speed targets on this machine", load: async () => (await import('./targets.js')).targetsCommand },
];
