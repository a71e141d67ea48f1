// A topology from a folder of Kubernetes manifests: each workload (Deployment, StatefulSet,
// DaemonSet, Job, CronJob, Pod) is a service; it holds the secret or a private key when a
// container's env, envFrom (Secret or ConfigMap) or a mounted Secret volume carries one; it
// fetches a JWKS when an env value is a JWKS URL; it calls another when an env URL names that
// workload's Service.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { JwtbenchError } from '../../../core/errors.js';
import type { Finding } from '../../../core/results/radius.js';
import type { HeldMaterial } from '../types.js';
import { derive, type Derivation } from './derivation.js';
import { isJwksUrl, materialOfName, urlHosts } from './names.js';
import { asArray, isRecord, readYamlDocs, type YamlDoc } from './yaml-lines.js';

const FLAG = '--from-k8s';
/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

interface Obj { kind: string; name: string; value: Record<string, unknown>; doc: YamlDoc; file: string }

const at = (value: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);

export async function fromK8s(dir: string, secretNames: readonly string[], cwd: string): Promise<Derivation> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true })).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (error) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${FLAG} ${dir}: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const objects: Obj[] = [];
  for (const f of files) {
    const path = join(dir, f);
    for (const doc of await readYamlDocs(path, FLAG)) {
      const v = doc.value;
      if (isRecord(v) && typeof v.kind === 'string' && typeof at(v, ['metadata', 'name']) === 'string') {
        objects.push({ kind: v.kind, name: at(v, ['metadata', 'name']) as string, value: v, doc, file: relative(cwd, path) || path });
      }
    }
  }
  const workloads = objects.filter((o) => POD_SPEC_PATH[o.kind] !== undefined);
  if (workloads.length === 0) throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${FLAG} ${dir}: no workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) in its .yaml files`);
  const byKind = (kind: string) => new Map(objects.filter((o) => o.kind === kind).map((o) => [o.name, o]));
  const secrets = byKind('Secret');
  const configMaps = byKind('ConfigMap');
  const findings: Finding[] = [];
  const undecided: string[] = [];

  // A Kubernetes Service name -> the workload whose pod labels its selector matches (or of that name).
  const labelsOf = (w: Obj) => (at(w.value, [...POD_SPEC_PATH[w.kind]!.slice(0, -1), 'metadata', 'labels']) ?? {}) as Record<string, unknown>;
  const serviceTarget = new Map<string, string>(workloads.map((w) => [w.name, w.name]));
  for (const svc of byKind('Service').values()) {
    const selector = at(svc.value, ['spec', 'selector']);
    const match = isRecord(selector) ? workloads.find((w) => Object.entries(selector).every(([k, v]) => labelsOf(w)[k] === v)) : undefined;
    if (match) serviceTarget.set(svc.name, match.name);
  }

  /** What a Secret's (or ConfigMap's) keys hold, or what its name says when its manifest is not here. */
  const keysOf = (store: Map<string, Obj>, name: string): { key: string; line: number; file: string; value: string }[] | null => {
    const o = store.get(name);
    if (!o) return null;
    return ['data', 'stringData'].flatMap((field) => Object.entries(isRecord(o.value[field]) ? o.value[field] : {})
      .map(([key, value]) => ({ key, value: String(value), line: o.doc.line([field, key]), file: o.file })));
  };

  for (const w of workloads) {
    const spec = POD_SPEC_PATH[w.kind]!;
    const add = (material: HeldMaterial | 'edge', how: string, path: (string | number)[]) => findings.push({ service: w.name, material, how, file: w.file, line: w.doc.line(path) });
    const found = (material: HeldMaterial | null, how: string, path: (string | number)[]) => { if (material) add(material, how, path); };
    const podSpec = at(w.value, spec);
    const containers = ['containers', 'initContainers'].flatMap((field) => asArray(isRecord(podSpec) ? podSpec[field] : undefined).map((c, i) => ({ c, path: [...spec, field, i] })));
    const mounted = new Set(containers.flatMap(({ c }) => asArray(isRecord(c) ? c.volumeMounts : undefined).map((m) => (isRecord(m) ? String(m.name) : ''))));
    for (const { c, path } of containers) {
      if (!isRecord(c)) continue;
      asArray(c.env).forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string') return;
        const ePath = [...path, 'env', i];
        const ref = at(e, ['valueFrom', 'secretKeyRef']);
        if (isRecord(ref)) {
          found(materialOfName(e.name, secretNames) ?? materialOfName(String(ref.key), secretNames) ?? materialOfName(String(ref.name), secretNames),
            `${e.name} from Secret ${String(ref.name)} key ${String(ref.key)} (secretKeyRef)`, ePath);
          return;
        }
        const value = typeof e.value === 'string' ? e.value : '';
        const material = materialOfName(e.name, secretNames) ?? (isJwksUrl(value) ? 'jwks' : null);
        found(material, `${e.name} (env)`, ePath);
        // a JWKS URL is a key fetch, not a call that presents a token
        for (const host of material === 'jwks' ? [] : urlHosts(value)) {
          const to = serviceTarget.get(host.split('.')[0]!);
          if (to && to !== w.name) add('edge', `calls ${to} (${e.name}=${value})`, ePath);
        }
      });
      asArray(c.envFrom).forEach((e, i) => {
        const ePath = [...path, 'envFrom', i];
        for (const [field, store, what] of [['secretRef', secrets, 'Secret'], ['configMapRef', configMaps, 'ConfigMap']] as const) {
          const ref = isRecord(e) ? e[field] : undefined;
          if (!isRecord(ref)) continue;
          const name = String(ref.name);
          const keys = keysOf(store, name);
          if (keys === null) {
            found(materialOfName(name, secretNames), `${what} ${name}, judged by its name (envFrom)`, ePath);
            undecided.push(`${w.name}: envFrom ${what} ${name} (${w.file}:${w.doc.line(ePath)}) is not among the manifests; judged by its name only`);
            continue;
          }
          for (const k of keys) found(materialOfName(k.key, secretNames) ?? (isJwksUrl(k.value) ? 'jwks' : null), `${k.key} of ${what} ${name} (envFrom; ${k.file}:${k.line})`, ePath);
        }
      });
    }
    asArray(isRecord(podSpec) ? podSpec.volumes : undefined).forEach((v, i) => {
      const secretName = isRecord(v) ? at(v, ['secret', 'secretName']) : undefined;
      if (typeof secretName !== 'string' || !mounted.has(String((v as Record<string, unknown>).name))) return;
      const vPath = [...spec, 'volumes', i];
      const keys = keysOf(secrets, secretName);
      if (keys === null) {
        found(materialOfName(secretName, secretNames), `Secret ${secretName} mounted, judged by its name (volume)`, vPath);
        undecided.push(`${w.name}: mounts Secret ${secretName} (${w.file}:${w.doc.line(vPath)}), which is not among the manifests; judged by its name only`);
        return;
      }
      for (const k of keys) found(materialOfName(k.key, secretNames) ?? materialOfName(secretName, secretNames), `${k.key} of Secret ${secretName} mounted (volume; ${k.file}:${k.line})`, vPath);
    });
  }
  const shown = relative(cwd, dir) || dir;
  return derive(`${shown} as deployed`, `derived by jwtbench radius --from-k8s ${shown}; correct it and run jwtbench radius --topology on it`, { services: workloads.map((w) => w.name), findings, undecided });
}
