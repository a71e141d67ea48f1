// Reading and checking a topology: the services, which one issues, which verify, which are
// external, and who calls whom. Every mistake is one JwtbenchError naming the problem and the
// file, since a wrong topology silently produces a wrong blast radius.
import { readFile } from 'node:fs/promises';
import { JwtbenchError, errorMessage } from '../../core/errors.js';
import type { Topology } from './types.js';
import defaultTopologyJson from './default-topology.json' with { type: 'json' };

const TOPOLOGY_KEYS = ['name', 'description', 'services', 'edges'];
const SERVICE_KEYS = ['name', 'issues', 'verifies', 'external', 'description'];
const EDGE_KEYS = ['from', 'to'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed topology; returns it typed, or throws naming the first problem. */
export function validateTopology(value: unknown, source: string): Topology {
  const fail = (problem: string): never => {
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${source}: invalid topology: ${problem}`);
  };
  // Unknown keys are usually typos ("verify", "externl") that would silently change the model.
  const noUnknownKeys = (obj: Record<string, unknown>, allowed: string[], what: string): void => {
    const unknown = Object.keys(obj).filter((k) => !allowed.includes(k));
    if (unknown.length > 0) fail(`${what} has unknown ${unknown.length === 1 ? 'property' : 'properties'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${allowed.join(', ')})`);
  };

  if (!isObject(value)) return fail('expected a JSON object with name, services and edges');
  noUnknownKeys(value, TOPOLOGY_KEYS, 'the topology');
  if (typeof value.name !== 'string' || value.name.trim() === '') fail('"name" must be a non-empty string');
  if (value.description !== undefined && typeof value.description !== 'string') fail('"description" must be a string');
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
    for (const key of ['issues', 'verifies', 'external'] as const) {
      if (service[key] !== undefined && typeof service[key] !== 'boolean') fail(`${what}: "${key}" must be true or false, not ${JSON.stringify(service[key])}`);
    }
    if (service.description !== undefined && typeof service.description !== 'string') fail(`${what}: "description" must be a string`);
    if (names.has(service.name)) duplicates.add(service.name);
    names.add(service.name);
  });
  if (duplicates.size > 0) fail(`duplicate service names: ${[...duplicates].join(', ')}`);

  const typed = services as Topology['services'];
  const issuers = typed.filter((s) => s.issues === true).map((s) => s.name);
  if (issuers.length === 0) fail('no issuer: no service issues tokens (set "issues": true on exactly one)');
  if (issuers.length > 1) fail(`more than one issuer: exactly one service may issue tokens, found ${issuers.length}: ${issuers.join(', ')}`);

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
    if (!verifiers.has(edge.to as string)) fail(`${label}: target "${String(edge.to)}" does not verify tokens (set "verifies": true on it, or drop the edge)`);
  });
  return value as unknown as Topology;
}

/** Reads and validates a topology JSON file. */
export async function readTopology(path: string): Promise<Topology> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file (ENOENT)' : code ?? errorMessage(error);
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${path}: cannot read topology: ${reason}`, { cause: error });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_TOPOLOGY', `${path}: topology is not valid JSON (${errorMessage(error)})`, { cause: error });
  }
  return validateTopology(doc, path);
}

/** The topology that ships: users copy default-topology.json as a starting point. */
export const DEFAULT_TOPOLOGY: Topology = validateTopology(defaultTopologyJson, 'reports/blast-radius/default-topology.json');
