// The engines of one micro run: the built-in ones (their libraries from the user's project
// with --resolve-from) and the user's own (--engine-module). The CLI, the gate and every
// worker thread build the same set from the same sources.
import { JwtbenchError } from '../../core/errors.js';
import { loadEngineModule } from './custom-engine.js';
import { makeFastJwtEngine, type FastJwtLibrary } from './fast-jwt.js';
import { ENGINES } from './index.js';
import { makeJoseEngine, type JoseLibrary } from './jose.js';
import { loadLibrary } from './library.js';
import { ENGINE_NAMES } from '../../core/results/names.js';
import type { Engine, EngineName } from './types.js';

export interface EngineSources {
  /** a project folder whose node_modules provide the built-in engines' libraries */
  resolveFrom?: string;
  /** the built-in engines the run selected: only their libraries must be in that project */
  selected: readonly string[];
  /** absolute paths of engine modules */
  modules: readonly string[];
}

export interface EngineSet {
  get(name: string): Engine | undefined;
  /** the built-in engines, each a peer of every engine in the correctness gate */
  builtins: readonly Engine[];
  /** the user's engines, in the order given */
  custom: readonly Engine[];
  /** versions of the libraries loaded with --resolve-from, for env.libraries */
  libraries: Record<string, string>;
}

/** Which package each built-in engine wraps, and how to build it from that package's exports. */
const LIBRARIES: Readonly<Partial<Record<EngineName, { pkg: string; make(lib: unknown): Engine }>>> = {
  jose: { pkg: 'jose', make: (lib) => makeJoseEngine(lib as JoseLibrary) },
  // a CommonJS package imported from ESM: its exports may sit on `default` only
  'fast-jwt': { pkg: 'fast-jwt', make: (lib) => makeFastJwtEngine(((lib as { createSigner?: unknown }).createSigner ? lib : (lib as { default: unknown }).default) as FastJwtLibrary) },
};

export async function loadEngineSet(sources: EngineSources): Promise<EngineSet> {
  const libraries: Record<string, string> = {};
  const builtins = await Promise.all(ENGINE_NAMES.map(async (name) => {
    const library = LIBRARIES[name];
    if (sources.resolveFrom === undefined || !library || !sources.selected.includes(name)) return ENGINES[name];
    const loaded = await loadLibrary(library.pkg, sources.resolveFrom);
    libraries[library.pkg] = loaded.version ?? 'unknown';
    return library.make(loaded.module);
  }));
  const byName = new Map<string, Engine>(builtins.map((e) => [e.name, e]));
  const custom: Engine[] = [];
  for (const path of sources.modules) {
    const engine = await loadEngineModule(path);
    const taken = byName.get(engine.name);
    if (taken) throw new JwtbenchError('JWTBENCH_BAD_ENGINE_MODULE', `--engine-module ${path}: engine name ${engine.name} is already taken by ${taken.source ?? 'a built-in engine'}`);
    byName.set(engine.name, engine);
    custom.push(engine);
  }
  return { get: (name) => byName.get(name), builtins, custom, libraries };
}

/** The set jwtbench runs with no --engine-module and no --resolve-from. */
export const BUILTIN_SOURCES: EngineSources = { selected: ENGINE_NAMES, modules: [] };
