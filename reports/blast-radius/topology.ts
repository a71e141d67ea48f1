// Reading and checking a topology (JSON or YAML): the services, which issue, which verify, the
// audiences and issuers each accepts, who calls whom with which token, and the exposure
// defaults. Every mistake is one JwtbenchError naming the problem and the file, since a wrong
// topology silently produces a wrong blast radius. The checks below name mistakes in words; the
// published topology.schema.json is checked last, so a file that passes is one the schema takes.
import { readFile } from 'node:fs/promises';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import { EDGE_TOKENS, HELD_MATERIALS } from '../../core/results/radius-names.js';
import type { Topology } from './types.js';
import defaultTopologyJson from './default-topology.json' with { type: 'json' };

const TOPOLOGY_KEYS = ['$schema', 'name', 'description', 'exposure', 'services', 'edges'];
const EXPOSURE_KEYS = ['tokenLifetimeMinutes', 'rotationMinutes', 'jwksCacheMinutes'];
const SERVICE_KEYS = ['name', 'issues', 'verifies', 'external', 'description', 'audiences', 'trusts', 'entry', 'rotationMinutes', 'holds'];
const EDGE_KEYS = ['from', 'to', 'token', 'audience'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNames = (value: unknown): value is string[] => Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '');
const quote = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');

/** Checks a parsed topology; returns it typed, or throws naming the first problem. */
export function validateTopology(value: unknown, source: string): Topology {
  const fail = (problem: string): never => {
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${source}: invalid topology: ${problem}`);
  };
  // Unknown keys are usually typos ("verify", "externl") that would silently change the model.
  const noUnknownKeys = (obj: Record<string, unknown>, allowed: string[], what: string): void => {
    const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) fail(`${what} has unknown ${unknown.length === 1 ? 'property' : 'properties'} ${quote(unknown)} (allowed: ${allowed.join(', ')})`);
  };
  const minutes = (v: unknown, what: string, zeroOk = false): void => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!zeroOk && v === 0))) fail(`${what} must be a number of minutes ${zeroOk ? 'of 0 or more' : 'above 0'}, not ${JSON.stringify(v)}`);
  };

  if (!isObject(value)) return fail('expected a JSON object with name, services and edges');
  noUnknownKeys(value, TOPOLOGY_KEYS, 'the topology');
  if (typeof value.name !== 'string' || value.name.trim() === '') fail('"name" must be a non-empty string');
  if (value.description !== undefined && typeof value.description !== 'string') fail('"description" must be a string');
  if (value.exposure !== undefined) {
    if (!isObject(value.exposure)) fail('"exposure" must be an object');
    const exposure = value.exposure as Record<string, unknown>;
    noUnknownKeys(exposure, EXPOSURE_KEYS, '"exposure"');
    for (const key of EXPOSURE_KEYS) minutes(exposure[key], `exposure.${key}`, key === 'jwksCacheMinutes');
  }
  const { services, edges } = value;
  if (!Array.isArray(services) || services.length === 0) return fail('"services" must be a non-empty array');
  if (!Array.isArray(edges)) return fail('"edges" must be an array (it may be empty)');

  const names = new Set<string>();
  const duplicates = new Set<string>();
  services.forEach((service: unknown, i) => {
    if (!isObject(service)) return fail(`services[${i}] must be an object`);
    if (typeof service.name !== 'string' || service.name === '') return fail(`services[${i}] needs a non-empty string "name"`);
    const what = `service "${service.name}"`;
    noUnknownKeys(service, SERVICE_KEYS, what);
    for (const key of ['issues', 'verifies', 'external', 'entry'] as const) {
      if (service[key] !== undefined && typeof service[key] !== 'boolean') fail(`${what}: "${key}" must be true or false, not ${JSON.stringify(service[key])}`);
    }
    if (service.description !== undefined && typeof service.description !== 'string') fail(`${what}: "description" must be a string`);
    for (const key of ['audiences', 'trusts'] as const) {
      if (service[key] !== undefined && !isNames(service[key])) fail(`${what}: "${key}" must be a non-empty list of names, not ${JSON.stringify(service[key])}`);
    }
    if (service.audiences !== undefined && service.verifies !== true) fail(`${what} declares audiences but does not verify tokens (set "verifies": true, or drop "audiences")`);
    minutes(service.rotationMinutes, `${what}: "rotationMinutes"`);
    const holds = service.holds;
    if (holds !== undefined && (!Array.isArray(holds) || holds.some((h) => !(HELD_MATERIALS as readonly unknown[]).includes(h)))) {
      fail(`${what}: "holds" must be a list of ${HELD_MATERIALS.join(', ')}, not ${JSON.stringify(holds)}`);
    }
    if (names.has(service.name)) duplicates.add(service.name);
    names.add(service.name);
  });
  if (duplicates.size > 0) fail(`duplicate service names: ${[...duplicates].join(', ')}`);

  const typed = services as Topology['services'];
  const issuers = new Set(typed.filter((s) => s.issues === true).map((s) => s.name));
  if (issuers.size === 0) fail('no issuer: no service issues tokens (set "issues": true on the one that does)');
  for (const s of typed) {
    const stranger = s.trusts?.find((n) => !issuers.has(n));
    if (stranger !== undefined) fail(`service "${s.name}" trusts "${stranger}", which ${names.has(stranger) ? 'issues no tokens' : 'is no service'} (issuers: ${[...issuers].join(', ')})`);
  }

  const byName = new Map(typed.map((s) => [s.name, s]));
  const audiencesOf = (name: string): string[] => byName.get(name)!.audiences ?? [name];
  const verifiers = new Set(typed.filter((s) => s.verifies === true).map((s) => s.name));
  edges.forEach((edge: unknown, i) => {
    if (!isObject(edge)) return fail(`edges[${i}] must be an object with "from" and "to"`);
    noUnknownKeys(edge, EDGE_KEYS, `edges[${i}]`);
    const label = `edges[${i}] (${JSON.stringify(edge.from)} -> ${JSON.stringify(edge.to)})`;
    for (const end of ['from', 'to'] as const) {
      const name = edge[end];
      if (typeof name !== 'string') return fail(`${label}: "${end}" must be a service name`);
      if (!names.has(name)) return fail(`${label}: "${end}" names unknown service "${name}"`);
    }
    // An edge means "from presents a token to to": pointless unless `to` checks tokens.
    const to = edge.to as string;
    if (!verifiers.has(to)) fail(`${label}: target "${to}" does not verify tokens (set "verifies": true on it, or drop the edge)`);
    if (edge.token !== undefined && !(EDGE_TOKENS as readonly unknown[]).includes(edge.token)) fail(`${label}: "token" must be ${EDGE_TOKENS.join(' or ')}, not ${JSON.stringify(edge.token)}`);
    const { audience } = edge;
    if (audience === undefined) return;
    if (typeof audience !== 'string' || audience === '') return fail(`${label}: "audience" must be a non-empty string`);
    if (edge.token !== 'own') fail(`${label}: "audience" applies to an own token only (set "token": "own"; a forwarded token keeps the audience it came with)`);
    if (!typed.some((s) => s.verifies === true && audiencesOf(s.name).includes(audience))) fail(`${label}: audience "${audience}" is accepted by no service`);
    if (!audiencesOf(to).includes(audience)) fail(`${label}: target "${to}" does not accept audience "${audience}" (it accepts ${quote(audiencesOf(to))})`);
  });
  return value as unknown as Topology;
}

/** Parses a topology file's text: YAML for .yaml/.yml, JSON otherwise; one line on failure. */
async function parseTopologyText(path: string, text: string): Promise<unknown> {
  const yaml = /\.ya?ml$/i.test(path);
  try {
    if (!yaml) return JSON.parse(text);
    // loaded only for YAML files: JSON topologies (and jwtbench report) skip it
    const { parse } = await import('yaml');
    return parse(text);
  } catch (error) {
    const reason = errorMessage(error).split('\n')[0];
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${path}: topology is not valid ${yaml ? 'YAML' : 'JSON'} (${reason})`, { cause: error });
  }
}

/** Reads and validates a topology file (JSON, or YAML when it ends in .yaml or .yml). */
export async function readTopology(path: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file (ENOENT)' : code === 'EISDIR' ? 'it is a folder; give the topology file (EISDIR)' : code ?? errorMessage(error);
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${path}: cannot read topology: ${reason}`, { cause: error });
  }
  const topology = validateTopology(await parseTopologyText(path, text), path);
  await checkAgainstSchema(topology, path);
  return topology;
}

/** The published schema has the last word: a file the checks above let through but it refuses is named by its first problem. */
export async function checkAgainstSchema(topology: Topology, source: string): Promise<void> {
  const [{ firstProblem }, { default: schema }] = await Promise.all([
    import('../../core/results/results-file.js'),
    import('../../core/results/topology.schema.json', { with: { type: 'json' } }),
  ]);
  const problem = firstProblem(schema, topology);
  if (problem !== null) throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${source}: invalid topology: ${problem} (topology.schema.json)`);
}

/** The topology that ships: users copy default-topology.json as a starting point. */
export const DEFAULT_TOPOLOGY: Topology = validateTopology(defaultTopologyJson, 'reports/blast-radius/default-topology.json');
