// A topology from a docker-compose file: which services get the signing secret or a private key
// (environment, env_file, secrets:), which fetch a JWKS, and who calls whom (depends_on, URLs
// naming another service in the environment).
import { dirname, join, relative } from 'node:path';
import { JwtbenchError } from '../../../core/errors.js';
import type { Finding } from '../../../core/results/radius.js';
import { derive, type Derivation } from './derivation.js';
import { isJwksUrl, materialOfName, urlHosts } from './names.js';
import { asArray, isRecord, readText, readYamlDocs } from './yaml-lines.js';

const FLAG = '--from-compose';

interface EnvEntry { name: string; value: string; file: string; line: number; via: string }

/** A service's `environment`: a map or a list of NAME=value. */
function environment(value: unknown, line: (path: (string | number)[]) => number, file: string, base: (string | number)[]): EnvEntry[] {
  if (isRecord(value)) return Object.entries(value).map(([name, v]) => ({ name, value: v === null || v === undefined ? '' : String(v), file, line: line([...base, name]), via: 'environment' }));
  return asArray(value).map((item, i) => {
    const [name = '', ...rest] = String(item).split('=');
    return { name, value: rest.join('='), file, line: line([...base, i]), via: 'environment' };
  });
}

/** An env_file's NAME=value lines (comments and blanks skipped). */
async function envFile(path: string, shown: string): Promise<EnvEntry[]> {
  const text = await readText(path, FLAG);
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || !line.includes('=')) return [];
    const [name = '', ...rest] = line.replace(/^export\s+/, '').split('=');
    return [{ name: name.trim(), value: rest.join('=').trim().replace(/^["']|["']$/g, ''), file: shown, line: i + 1, via: 'env_file' }];
  });
}

export async function fromCompose(file: string, secretNames: readonly string[], cwd: string): Promise<Derivation> {
  const [doc] = await readYamlDocs(file, FLAG);
  const shown = relative(cwd, file) || file;
  const root = doc?.value;
  if (!doc || !isRecord(root) || !isRecord(root.services) || Object.keys(root.services).length === 0) {
    throw new JwtbenchError('JWTBENCH_BAD_FLAG', `${FLAG} ${file}: no "services:" map; is this a compose file?`);
  }
  const services = Object.keys(root.services);
  const findings: Finding[] = [];
  const undecided: string[] = [];
  const topSecrets = isRecord(root.secrets) ? root.secrets : {};

  for (const name of services) {
    const svc = root.services[name];
    if (!isRecord(svc)) continue;
    const base = ['services', name];
    const entries = environment(svc.environment, doc.line, shown, [...base, 'environment']);
    const envFiles = typeof svc.env_file === 'string' ? [svc.env_file] : asArray(svc.env_file).map((e) => (isRecord(e) ? String(e.path) : String(e)));
    for (const ef of envFiles) {
      const path = join(dirname(file), ef);
      try {
        entries.push(...await envFile(path, relative(cwd, path) || path));
      } catch {
        undecided.push(`${name}: env_file ${ef} (${shown}:${doc.line([...base, 'env_file'])}) could not be read; what it holds is not counted`);
      }
    }
    for (const e of entries) {
      const material = materialOfName(e.name, secretNames) ?? (isJwksUrl(e.value) ? 'jwks' : null);
      if (material) findings.push({ service: name, material, how: `${e.name} (${e.via})`, file: e.file, line: e.line });
      // a JWKS URL is a key fetch, not a call that presents a token
      for (const host of material === 'jwks' ? [] : urlHosts(e.value)) {
        if (services.includes(host) && host !== name) findings.push({ service: name, material: 'edge', how: `calls ${host} (${e.name}=${e.value})`, file: e.file, line: e.line });
      }
    }
    asArray(svc.secrets).forEach((s, i) => {
      const source = isRecord(s) ? String(s.source) : String(s);
      const target = isRecord(s) && s.target !== undefined ? String(s.target) : source;
      const def = topSecrets[source];
      const material = materialOfName(source, secretNames) ?? materialOfName(target, secretNames)
        ?? (isRecord(def) && typeof def.file === 'string' ? materialOfName(def.file, secretNames) : null);
      if (material) findings.push({ service: name, material, how: `secret ${source} (secrets:)`, file: shown, line: doc.line([...base, 'secrets', i]) });
    });
    const deps = isRecord(svc.depends_on) ? Object.keys(svc.depends_on) : asArray(svc.depends_on).map(String);
    deps.forEach((dep, i) => {
      if (services.includes(dep)) findings.push({ service: name, material: 'edge', how: `calls ${dep} (depends_on)`, file: shown, line: doc.line([...base, 'depends_on', isRecord(svc.depends_on) ? dep : i]) });
    });
    asArray(svc.volumes).forEach((v, i) => {
      const text = isRecord(v) ? String(v.source ?? '') : String(v).split(':')[0]!;
      if (/key|secret|pem|jwt/i.test(text)) undecided.push(`${name}: mounts ${text} (${shown}:${doc.line([...base, 'volumes', i])}); it may hold key material, but a volume's files are not read: not counted`);
    });
  }
  return derive(`${shown} as deployed`, `derived by jwtbench radius --from-compose ${shown}; correct it and run jwtbench radius --topology on it`, { services, findings, undecided });
}
