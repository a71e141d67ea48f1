// `jwtbench radius`: who can forge and who can replay tokens for whom once a service is
// compromised, and for how long, from a topology file or from a deployment's compose file or
// Kubernetes manifests. Measures nothing; writes radius.json.
import { join, relative } from 'node:path';
import { defineCommand, defaultOutDir, type CommandIO } from '../lib/command.js';
import { badFlag } from '../../core/errors.js';
import { assertWritable } from '../../core/out-path.js';

const HELP = `Usage: jwtbench radius (--topology <file> | --from-compose <compose.yml> | --from-k8s <dir>)
                      [--secret-name <name>]... [--out <dir>] [--json]

The blast radius of each key scheme (one shared HS256 secret, a secret per verifier, a JWKS)
in a topology: who can forge tokens for whom once a service is compromised, who can replay
the tokens it receives to whom (with one audience for all, and with a token per audience),
and for how long (the token lifetime; until the last holder of a leaked key has rotated).
Prints the figures and matrices and writes radius.json (jwtbench report reads it). The model
is described in docs/radius.md.

  --topology <file>      services, issuers, audiences, edges and exposure times (JSON, or
                         YAML for .yaml/.yml; schema: core/results/topology.schema.json)
  --from-compose <file>  derive the topology from a docker-compose file: who holds the signing
                         secret or a private key (environment, env_file, secrets:), who fetches
                         a JWKS, who calls whom (depends_on, service URLs in the environment)
  --from-k8s <dir>       the same from Kubernetes manifests (env, secretKeyRef, envFrom,
                         mounted Secret volumes)
  --secret-name <name>   the variable, secret or key name that holds the signing secret
                         (repeatable; default: common names such as JWT_SECRET, AUTH_SECRET,
                         TOKEN_SIGNING_KEY)
  --out <dir>            where radius.json (and a derived topology.json) go
                         (default: results/<UTC time>/)
  --json                 print radius.json on stdout (the summary goes to stderr)
  -h, --help             this help

A derived topology adds the deployment as found (as-deployed) beside the what-ifs, and is
written to topology.json for you to correct. Exit status: 0, or 2 for a bad topology or flag.`;

const SOURCES = ['topology', 'from-compose', 'from-k8s'] as const;

function shown(io: CommandIO, path: string): string {
  const r = relative(io.cwd, path);
  return r === '' || r.startsWith('..') ? path : r;
}

export const radiusCommand = defineCommand({
  name: 'radius',
  help: HELP,
  flags: {
    topology: { type: 'string' }, 'from-compose': { type: 'string' }, 'from-k8s': { type: 'string' },
    'secret-name': { type: 'string', multiple: true }, out: { type: 'string' }, json: { type: 'boolean' },
  },
  positionals: false,
  async run({ values }, io) {
    const given = SOURCES.filter((s) => values[s] !== undefined);
    if (given.length !== 1) throw badFlag(`--${SOURCES.join(', --')}`, given.length === 0 ? 'missing: give one of them' : `are alternatives: give one, not ${given.map((s) => `--${s}`).join(' and ')}`);
    const secretNames = values['secret-name'] ?? [];
    if (secretNames.some((n) => n.trim() === '')) throw badFlag('--secret-name', 'is empty: name the variable or secret that holds the signing secret');
    if (values.topology !== undefined && secretNames.length > 0) throw badFlag('--secret-name', 'applies to --from-compose and --from-k8s only');
    const outDir = values.out ?? defaultOutDir(io.cwd);
    const derivedFrom = values['from-compose'] !== undefined ? 'compose' : values['from-k8s'] !== undefined ? 'k8s' : null;
    await assertWritable('--out', [join(outDir, 'radius.json'), ...(derivedFrom ? [join(outDir, 'topology.json')] : [])]);

    const started = new Date();
    const [{ readTopology, validateTopology }, { radiusDocument }, { renderRadius }, { captureEnv }, { publishResults }] = await Promise.all([
      import('../../reports/blast-radius/topology.js'), import('../../reports/blast-radius/document.js'), import('../../reports/blast-radius/terminal.js'),
      import('../../core/env.js'), import('../lib/publish-results.js'),
    ]);
    const out = values.json === true ? io.stderr : io.stdout;
    let doc;
    if (derivedFrom === null) {
      doc = radiusDocument(await readTopology(values.topology!), values.topology!, captureEnv(started, new Date(), []));
    } else {
      const source = (values['from-compose'] ?? values['from-k8s'])!;
      const derivation = derivedFrom === 'compose'
        ? await (await import('../../reports/blast-radius/derive/compose.js')).fromCompose(source, secretNames, io.cwd)
        : await (await import('../../reports/blast-radius/derive/k8s.js')).fromK8s(source, secretNames, io.cwd);
      const topology = validateTopology(derivation.topology, `the topology derived from ${source}`);
      const { renderDerivation } = await import('../../reports/blast-radius/derive/render.js');
      out.write(`${renderDerivation(derivation)}\n\n`);
      const { writeFileAtomically } = await import('../../core/atomic-write.js');
      const topologyFile = join(outDir, 'topology.json');
      await writeFileAtomically(topologyFile, `${JSON.stringify({ $schema: 'https://jwtbench.dev/schemas/topology.schema.json', ...topology }, null, 2)}\n`);
      out.write(`derived topology: ${shown(io, topologyFile)} (correct it, then: jwtbench radius --topology ${shown(io, topologyFile)})\n\n`);
      doc = radiusDocument(topology, source, captureEnv(started, new Date(), []), { from: derivedFrom, findings: derivation.findings, undecided: derivation.undecided });
    }
    await publishResults(doc, outDir, renderRadius(doc), io, values.json === true);
    return 0;
  },
});
