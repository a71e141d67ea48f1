// The blast-radius model: for each key scheme, who can forge tokens for whom once a service is
// compromised (forge), who can replay the tokens it receives to whom (replay), and for how long
// (exposure windows). Pure functions over a validated topology; no I/O.
//
// Material. Each scheme says, per service, which signing material it holds that mints tokens
// and which material it accepts tokens signed with (MATERIAL below). A service "holds" material
// when it could use it to mint:
// - hs256-shared: each issuer's one secret, held by the issuer and by every verifier that
//   trusts it; it mints tokens every such verifier accepts.
// - hs256-per-service: the issuer holds one secret per verifier; verifier V holds only its own.
// - jwks (RS256/PS256/ES256/EdDSA): only an issuer holds a private key; verifiers hold public
//   keys, which cannot mint.
// - as-deployed: what each service was found to hold (`holds`): the secret mints for every
//   holder of the secret, a private key for every service that fetches the JWKS.
// forgeable[a][b]: b verifies and a mints material b accepts (edges play no part: a minted
// token is accepted wherever the key is trusted, whoever presents it; its aud is the forger's
// to choose).
//
// Replay. A compromised service sees every token sent to it: tokens from clients when it is an
// entry, tokens its callers present on edges to it (their own token for it, or the one they
// received, forwarded). replayable[r][c] (r != c): c verifies, trusts the token's issuer,
// accepts its aud and holds what it was signed with. Under hs256-per-service the issuer signs a
// token with its first recipient's secret, so only that recipient accepts it. Audiences, per
// policy: shared-audience, one aud everyone accepts; per-service-audience, every call carries a
// token for its callee, accepted only there (RFC 8725 §3.9, a token per audience); declared, as
// the topology says (when it says anything about audiences).
//
// Time. A replayed token is good for the token lifetime. Leaked minting material is good until
// the last service that accepts or holds it has rotated; a private key until the issuer rotated
// plus the time verifiers keep the JWKS cached.
import {
  AUDIENCE_POLICIES, EXPOSURE_DEFAULTS, KEY_SCHEMES,
  type AudiencePolicy, type BlastRadius, type KeyScheme, type RadiusScheme, type ReplayRadius, type SchemeRadius, type Service, type Topology,
} from './types.js';

interface Context {
  topology: Topology;
  services: Service[];
  issuers: number[];
  verifies: (i: number) => boolean;
  /** the issuers (indices) whose tokens service i accepts */
  trusts: (i: number) => number[];
}

function context(topology: Topology): Context {
  const { services } = topology;
  const index = new Map(services.map((s, i) => [s.name, i]));
  const issuers = services.flatMap((s, i) => (s.issues === true ? [i] : []));
  return {
    topology,
    services,
    issuers,
    verifies: (i) => services[i]!.verifies === true,
    trusts: (i) => services[i]!.trusts?.map((n) => index.get(n)!) ?? issuers,
  };
}

interface Holding {
  mints: string[];
  accepts: string[];
}

// Material ids: "s:..." a symmetric secret, "k:..." a private key (its public half verifies).
const MATERIAL: Record<RadiusScheme, (ctx: Context, a: number) => Holding> = {
  'hs256-shared': (ctx, a) => ({
    mints: ctx.issuers.filter((i) => i === a || (ctx.verifies(a) && ctx.trusts(a).includes(i))).map((i) => `s:${i}`),
    accepts: ctx.verifies(a) ? ctx.trusts(a).map((i) => `s:${i}`) : [],
  }),
  'hs256-per-service': (ctx, a) => ({
    mints: ctx.issuers.flatMap((i) => ctx.services.flatMap((_, v) => (ctx.verifies(v) && ctx.trusts(v).includes(i) && (a === i || a === v) ? [`s:${i}:${v}`] : []))),
    accepts: ctx.verifies(a) ? ctx.trusts(a).map((i) => `s:${i}:${a}`) : [],
  }),
  jwks: (ctx, a) => ({
    mints: ctx.issuers.includes(a) ? [`k:${a}`] : [],
    accepts: ctx.verifies(a) ? ctx.trusts(a).map((i) => `k:${i}`) : [],
  }),
  'as-deployed': (ctx, a) => {
    const holds = ctx.services[a]!.holds ?? [];
    return {
      mints: [...(holds.includes('secret') ? ['s:deployed'] : []), ...(holds.includes('private-key') ? ['k:deployed'] : [])],
      accepts: ctx.verifies(a) ? [...(holds.includes('secret') ? ['s:deployed'] : []), ...(holds.includes('jwks') ? ['k:deployed'] : [])] : [],
    };
  },
};

function holdings(ctx: Context, scheme: RadiusScheme): Holding[] {
  return ctx.services.map((_, a) => MATERIAL[scheme](ctx, a));
}

const countPairs = (matrix: boolean[][]): number => matrix.reduce((n, row, i) => n + row.filter((cell, j) => cell && i !== j).length, 0);

function forge<S extends RadiusScheme>(ctx: Context, scheme: S, held: Holding[]): BlastRadius<S> {
  const { services } = ctx;
  const forgeable = services.map((_, a) => services.map((__, b) => ctx.verifies(b) && held[a]!.mints.some((m) => held[b]!.accepts.includes(m))));
  const minting = services.filter((_, i) => forgeable[i]!.some(Boolean));
  const holdsSecret = (h: Holding): boolean => [...h.mints, ...h.accepts].some((m) => m.startsWith('s:'));
  return {
    scheme,
    services: services.map((s) => s.name),
    forgeable,
    figures: {
      mintingHolders: minting.length,
      mintingHoldersExternal: minting.filter((s) => s.external === true).length,
      forgeablePairs: countPairs(forgeable),
      // a rotation touches every holder of a secret, but of a key pair only its private holder
      rotationTouches: held.filter((h) => holdsSecret(h) || h.mints.some((m) => m.startsWith('k:'))).length,
      secretDistributionPoints: held.filter((h, i) => holdsSecret(h) && services[i]!.issues !== true).length,
    },
  };
}

/** Whether compromising `a` yields material that mints tokens for verifier `b`, per scheme. */
export function blastRadius<S extends RadiusScheme>(topology: Topology, scheme: S): BlastRadius<S> {
  const ctx = context(topology);
  return forge(ctx, scheme, holdings(ctx, scheme));
}

/** One blast radius per key scheme, in KEY_SCHEMES order. */
export function blastRadii(topology: Topology): BlastRadius<KeyScheme>[] {
  return KEY_SCHEMES.map((scheme) => blastRadius(topology, scheme));
}

/** The exposure defaults in force: the topology's, else the stated defaults. */
export function exposureOf(topology: Topology): { tokenLifetimeMinutes: number; rotationMinutes: number; jwksCacheMinutes: number } {
  return { ...EXPOSURE_DEFAULTS, ...topology.exposure };
}

/** Per compromised service, how long the material it mints with stays good for someone (null: mints nothing accepted). */
function forgeWindows(ctx: Context, held: Holding[], forgeable: boolean[][]): (number | null)[] {
  const exposure = exposureOf(ctx.topology);
  const rotation = (i: number): number => ctx.services[i]!.rotationMinutes ?? exposure.rotationMinutes;
  const window = (m: string): number => {
    const minters = held.flatMap((h, i) => (h.mints.includes(m) ? [i] : []));
    if (m.startsWith('k:')) return Math.max(...minters.map(rotation)) + exposure.jwksCacheMinutes;
    const holders = held.flatMap((h, i) => (h.mints.includes(m) || h.accepts.includes(m) ? [i] : []));
    return Math.max(...holders.map(rotation));
  };
  return held.map((h, a) => {
    if (!forgeable[a]!.some(Boolean)) return null;
    const good = h.mints.filter((m) => held.some((o, b) => ctx.verifies(b) && o.accepts.includes(m)));
    return Math.max(...good.map(window));
  });
}

interface Token {
  iss: number;
  aud: string;
  /** the material it was signed with (null when its recipient could not verify it) */
  sig: string | null;
}
const SHARED_AUD = '*';
const tokenKey = (t: Token): string => `${t.iss}\u0000${t.aud}\u0000${t.sig ?? ''}`;

/** Whether the topology says anything about audiences or edge tokens: then the declared policy is shown. */
export function declaresAudiences(topology: Topology): boolean {
  return topology.services.some((s) => s.audiences !== undefined) || topology.edges.some((e) => e.token !== undefined || e.audience !== undefined);
}

/** The audiences service c accepts under a policy. */
function accepted(ctx: Context, policy: AudiencePolicy, c: number): string[] {
  const s = ctx.services[c]!;
  if (policy === 'shared-audience') return [SHARED_AUD];
  if (policy === 'per-service-audience') return [s.name];
  return s.audiences ?? [s.name];
}

/** The tokens each service receives (clients' at entries, callers' on edges), to a fixed point along forwarded edges. */
function received(ctx: Context, policy: AudiencePolicy, held: Holding[]): Map<string, Token>[] {
  const { services, topology } = ctx;
  const signedFor = (iss: number, r: number): string | null => held[iss]!.mints.find((m) => held[r]!.accepts.includes(m)) ?? held[iss]!.mints[0] ?? null;
  const mint = (r: number, auds: string[]): Token[] => ctx.trusts(r).flatMap((iss) => auds.map((aud) => ({ iss, aud, sig: signedFor(iss, r) })));
  const index = new Map(services.map((s, i) => [s.name, i]));
  // A verifier no other verifier calls gets its tokens from clients (a front end that checks no token passes them through).
  const inbound = new Set(topology.edges.filter((e) => services[index.get(e.from)!]!.verifies === true).map((e) => e.to));
  const sets = services.map(() => new Map<string, Token>());
  const add = (r: number, tokens: Token[]): boolean => tokens.reduce((changed, t) => {
    if (sets[r]!.has(tokenKey(t))) return changed;
    sets[r]!.set(tokenKey(t), t);
    return true;
  }, false);
  services.forEach((s, r) => {
    if (s.entry ?? (ctx.verifies(r) && !inbound.has(s.name))) add(r, mint(r, accepted(ctx, policy, r)));
  });
  // Under per-service audiences every call carries a token for its callee, whatever the edge says.
  const forwards = (token: string | undefined): boolean => policy !== 'per-service-audience' && token !== 'own';
  for (const e of topology.edges) {
    const to = index.get(e.to)!;
    if (!forwards(e.token)) add(to, mint(to, [policy === 'declared' ? e.audience ?? accepted(ctx, policy, to)[0]! : accepted(ctx, policy, to)[0]!]));
  }
  const forwarded = topology.edges.filter((e) => forwards(e.token)).map((e) => [index.get(e.from)!, index.get(e.to)!] as const);
  for (let changed = true; changed;) {
    changed = false;
    for (const [from, to] of forwarded) changed = add(to, [...sets[from]!.values()]) || changed;
  }
  return sets;
}

function replay(ctx: Context, policy: AudiencePolicy, held: Holding[]): ReplayRadius {
  const tokens = received(ctx, policy, held);
  const accepts = (c: number, t: Token): boolean => ctx.verifies(c) && ctx.trusts(c).includes(t.iss)
    && accepted(ctx, policy, c).includes(t.aud) && t.sig !== null && held[c]!.accepts.includes(t.sig);
  const replayable = ctx.services.map((_, r) => ctx.services.map((__, c) => r !== c && [...tokens[r]!.values()].some((t) => accepts(c, t))));
  const pairs = countPairs(replayable);
  return {
    policy,
    replayable,
    replayablePairs: pairs,
    replayingServices: replayable.filter((row) => row.some(Boolean)).length,
    replayWindowMinutes: pairs > 0 ? exposureOf(ctx.topology).tokenLifetimeMinutes : null,
  };
}

/** A scheme's whole radius: forge, replay under each audience policy, and the exposure windows. */
export function schemeRadius(topology: Topology, scheme: RadiusScheme): SchemeRadius {
  const ctx = context(topology);
  const held = holdings(ctx, scheme);
  const radius = forge(ctx, scheme, held);
  const windows = forgeWindows(ctx, held, radius.forgeable);
  const known = windows.filter((w): w is number => w !== null);
  const policies = AUDIENCE_POLICIES.filter((p) => p !== 'declared' || declaresAudiences(topology));
  return {
    ...radius,
    forgeWindowMinutes: windows,
    worstForgeWindowMinutes: known.length > 0 ? Math.max(...known) : null,
    replay: policies.map((p) => replay(ctx, p, held)),
  };
}

/** Whether a topology says what its services hold: then the deployment as found is a radius of its own. */
export function isDeployment(topology: Topology): boolean {
  return topology.services.some((s) => s.holds !== undefined);
}

/** Every scheme's radius: the what-ifs in KEY_SCHEMES order, then as-deployed when the topology says what services hold. */
export function schemeRadii(topology: Topology): SchemeRadius[] {
  const schemes: RadiusScheme[] = [...KEY_SCHEMES, ...(isDeployment(topology) ? ['as-deployed' as const] : [])];
  return schemes.map((scheme) => schemeRadius(topology, scheme));
}

