import type { TargetName } from "../../model/resolved.js";
import { OTHER_VALUE, type MatchPoint } from "../match.js";
import type { IndexedRule } from "../select.js";
import { TARGETS, type EnvironmentDecl, type Rule, type RulesTable } from "../types.js";

/**
 * One dimension of the static check's point space: the values worth trying for a type (every value the table names
 * plus a stand-in for all others) and whether a rule accepts a value. A new match criterion is added here (and in
 * `firstFailure`, which resolution uses; the property test holds the two to the same verdicts).
 */
interface DimensionSpec<V> {
  name: PointDimension;
  values(type: string, table: RulesTable, universe: Readonly<Record<string, EnvironmentDecl>>): V[];
  accepts(rule: Rule, value: V): boolean;
  /** Whether the rule leaves the criterion open (accepts every value): saves testing each value. */
  open(rule: Rule): boolean;
  set(point: MutablePoint, value: V): void;
}

/** A dimension of the point space (the environment stands for its id, type and labels). */
export type PointDimension = "env" | "target" | "class" | "id" | "workload" | "app";

type MutablePoint = { -readonly [K in keyof MatchPoint]: MatchPoint[K] };

const byString = <T extends string | undefined>(a: T, b: T) => ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0);

// What the rules of a type (and the requirements that ask for that type) name, per criterion.
function named(type: string, table: RulesTable, pick: (rule: Rule) => readonly string[] | undefined, fromRequires?: (req: { class: string; id?: string }) => string | undefined): Set<string> {
  const out = new Set<string>();
  for (const rule of table.rules) {
    if (fromRequires) for (const req of Object.values(rule.requires)) if (req.type === type) { const v = fromRequires(req); if (v !== undefined) out.add(v); }
    if (rule.match.type.includes(type)) for (const v of pick(rule) ?? []) out.add(v);
  }
  return out;
}

const openAccepts = (values: readonly string[] | undefined, v: string) => values === undefined || values.includes(v);

// What any rule names for a criterion, whatever its type: requires pass workloads and apps on, so a rule for another
// type that names a workload decides what this type's private requirements get.
function namedByAny(table: RulesTable, pick: (rule: Rule) => readonly string[] | undefined): Set<string> {
  return new Set(table.rules.flatMap((r) => pick(r) ?? []));
}

// Ids whose private requirements (any depth) are named ids: `a` when `a.dep` or `a.dep.net` is named (for any type),
// since compile derives `a.dep` from a resource `a` whose rule requires `dep` privately.
function privateParents(table: RulesTable): Set<string> {
  const namedIds = new Set(table.rules.flatMap((r) => [...(r.match.id ?? []), ...Object.values(r.requires).flatMap((q) => (q.id !== undefined ? [q.id] : []))]));
  const privateAliases = new Set(table.rules.flatMap((r) => Object.entries(r.requires).flatMap(([alias, q]) => (q.id === undefined ? [alias] : []))));
  const out = new Set<string>();
  for (const id of namedIds) {
    const parts = id.split(".");
    for (let cut = parts.length - 1; cut >= 1 && privateAliases.has(parts[cut]!); cut--) out.add(parts.slice(0, cut).join("."));
  }
  return out;
}

/** Whether an environment carries every label a rule lists. */
function carries(rule: Rule, env: EnvironmentDecl): boolean {
  const wanted = rule.match.labels;
  if (wanted === undefined) return true;
  return Object.entries(wanted).every(([k, v]) => Object.hasOwn(env.labels, k) && env.labels[k] === v);
}

const DIMENSIONS: readonly DimensionSpec<unknown>[] = [
  // The environment decides three criteria at once (env, envType and labels): an environment carries its labels, so
  // they are not a dimension of their own (a separate one would make points no environment has).
  {
    name: "env",
    values: (_t, _table, universe) => Object.values(universe),
    accepts: (rule, e) => openAccepts(rule.match.env, (e as EnvironmentDecl).id) && openAccepts(rule.match.envType, (e as EnvironmentDecl).type) && carries(rule, e as EnvironmentDecl),
    open: (rule) => rule.match.env === undefined && rule.match.envType === undefined && rule.match.labels === undefined,
    set: (p, e) => { p.env = (e as EnvironmentDecl).id; p.envType = (e as EnvironmentDecl).type; p.labels = (e as EnvironmentDecl).labels; },
  },
  {
    name: "target",
    values: () => [...TARGETS],
    accepts: (rule, t) => openAccepts(rule.match.target, t as TargetName),
    open: (rule) => rule.match.target === undefined,
    set: (p, t) => { p.target = t as TargetName; },
  },
  {
    name: "class",
    values: (type, table) => [...new Set(["default", OTHER_VALUE, ...named(type, table, (r) => (r.match.class === "*" ? [] : r.match.class), (req) => req.class)])].sort(byString),
    accepts: (rule, c) => rule.match.class === "*" || rule.match.class.includes(c as string),
    open: (rule) => rule.match.class === "*",
    set: (p, c) => { p.class = c as string; },
  },
  {
    name: "id",
    values: (type, table) => [...new Set([OTHER_VALUE, ...named(type, table, (r) => r.match.id, (req) => req.id), ...privateParents(table)])].sort(byString),
    accepts: (rule, id) => openAccepts(rule.match.id, id as string),
    open: (rule) => rule.match.id === undefined,
    set: (p, id) => { p.id = id as string; },
  },
  {
    name: "workload",
    // Private resources (a workload) first, shared ones (none) last.
    values: (_type, table) => [...[...new Set([OTHER_VALUE, ...namedByAny(table, (r) => r.match.workload)])].sort(byString), undefined],
    accepts: (rule, w) => rule.match.workload === undefined || (w !== undefined && rule.match.workload.includes(w as string)),
    open: (rule) => rule.match.workload === undefined,
    set: (p, w) => { if (w === undefined) delete p.workload; else p.workload = w as string; },
  },
  {
    name: "app",
    values: (_type, table) => [...new Set([OTHER_VALUE, ...namedByAny(table, (r) => r.match.app)])].sort(byString),
    accepts: (rule, a) => openAccepts(rule.match.app, a as string),
    open: (rule) => rule.match.app === undefined,
    set: (p, a) => { p.app = a as string; },
  },
];

const ID = DIMENSIONS.findIndex((d) => d.name === "id");
const WORKLOAD = DIMENSIONS.findIndex((d) => d.name === "workload");

// The value indexes set in both bitsets, in order.
function common(x: Uint32Array, y: Uint32Array): number[] {
  const out: number[] = [];
  for (let w = 0; w < x.length; w++) {
    let word = x[w]! & y[w]!;
    while (word !== 0) {
      out.push(w * 32 + 31 - Math.clz32(word & -word));
      word &= word - 1;
    }
  }
  return out;
}

/** Per-dimension value indexes of a set of rules: a box of the point space. */
export type Box = readonly (readonly number[])[];

/**
 * The points the static check reasons about for one resource type: every declared environment × target × every
 * class, id, workload and app the table names (plus one stand-in for every other value, which all behave alike;
 * an environment stands for its env id, its type and its labels),
 * and for each rule of the type the box of those points it matches. Exact: two values no rule tells apart give the
 * same verdicts.
 */
export class PointSpace {
  private readonly domains: unknown[][];
  /** Per dimension, per value: which rules (by position in `rules`) accept it, as a bitset. */
  private readonly accepting: Uint32Array[][];
  private readonly words: number;
  private readonly boxes: Box[];
  /** Per rule, per dimension: the values it accepts, as a bitset over the dimension's domain. */
  private readonly boxBits: Uint32Array[][];
  private readonly numericKeys: boolean;
  // Work space of sameCandidates, one bit per rule each.
  private readonly scratch: { everywhere: Uint32Array; nowhere: Uint32Array; any: Uint32Array; all: Uint32Array };
  /** Per id × workload (value indexes): whether the id can belong to the workload. */
  private readonly fitting: Uint8Array;

  constructor(
    readonly type: string,
    readonly rules: readonly IndexedRule[],
    table: RulesTable,
    universe: Readonly<Record<string, EnvironmentDecl>>,
  ) {
    this.domains = DIMENSIONS.map((d) => d.values(type, table, universe));
    const ids = this.domains[ID] as string[];
    const workloads = this.domains[WORKLOAD] as (string | undefined)[];
    this.fitting = new Uint8Array(ids.length * workloads.length);
    ids.forEach((i, ii) => workloads.forEach((w, wi) => void (this.fitting[ii * workloads.length + wi] = w === undefined || w === OTHER_VALUE || i === OTHER_VALUE || i.startsWith(`${w}.`) ? 1 : 0)));
    this.numericKeys = this.domains.reduce((n, values) => n * values.length, 1) <= Number.MAX_SAFE_INTEGER;
    this.words = Math.max(1, Math.ceil(rules.length / 32));
    this.scratch = { everywhere: new Uint32Array(this.words), nowhere: new Uint32Array(this.words), any: new Uint32Array(this.words), all: new Uint32Array(this.words) };
    const everything = this.domains.map((values) => values.map((_, i) => i));
    this.boxes = rules.map((r) => DIMENSIONS.map((d, di) => (d.open(r.rule) ? everything[di]! : everything[di]!.filter((vi) => d.accepts(r.rule, this.domains[di]![vi])))));
    this.accepting = this.domains.map((values) => values.map(() => new Uint32Array(this.words)));
    this.boxes.forEach((box, i) => box.forEach((values, d) => values.forEach((vi) => void (this.accepting[d]![vi]![i >>> 5]! |= 1 << (i & 31)))));
    this.boxBits = this.boxes.map((box) =>
      box.map((values, d) => {
        const bits = new Uint32Array(Math.max(1, Math.ceil(this.domains[d]!.length / 32)));
        for (const v of values) bits[v >>> 5]! |= 1 << (v & 31);
        return bits;
      }),
    );
  }

  /** Whether the boxes of two rules share a value in every dimension (cheap; whether an id fits a workload is left to {@link meet}). */
  overlaps(i: number, j: number): boolean {
    const a = this.boxBits[i]!;
    const b = this.boxBits[j]!;
    for (let d = 0; d < a.length; d++) {
      const x = a[d]!;
      const y = b[d]!;
      let any = false;
      for (let w = 0; w < x.length && !any; w++) any = (x[w]! & y[w]!) !== 0;
      if (!any) return false;
    }
    return true;
  }

  /** The box of the rule at position `i`. */
  box(i: number): Box {
    return this.boxes[i]!;
  }

  /** The intersection of the boxes of two rules, or undefined when some dimension has no common value. */
  meet(i: number, j: number): Box | undefined {
    const a = this.boxBits[i]!;
    const b = this.boxBits[j]!;
    const out: number[][] = [];
    for (let d = 0; d < a.length; d++) {
      const values = common(a[d]!, b[d]!);
      if (values.length === 0) return undefined;
      out.push(values);
      // An id exception and a workload exception often share no point at all: known before the other dimensions.
      if (d === Math.max(ID, WORKLOAD) && this.coherentPairs(out, true) === 0) return undefined;
    }
    return out;
  }

  /** The points of a box in domain order (stand-ins first), as value indexes (one array, overwritten for the next point); stops when `visit` returns true. */
  forEachPoint(box: Box, visit: (indexes: readonly number[]) => boolean | void): boolean {
    if (box.some((d) => d.length === 0)) return false;
    const idx = new Array<number>(box.length).fill(0);
    // One array for every point: visitors read it and do not keep it.
    const point = idx.map((v, d) => box[d]![v]!);
    for (;;) {
      for (let d = 0; d < box.length; d++) point[d] = box[d]![idx[d]!]!;
      if (this.fits(point[ID]!, point[WORKLOAD]!) && visit(point)) return true;
      let d = box.length - 1;
      while (d >= 0 && ++idx[d]! === box[d]!.length) idx[d--] = 0;
      if (d < 0) return false;
    }
  }

  /**
   * The boxes inside `box` that fix each of the given dimensions to one value, in the domain order of those
   * dimensions; the other dimensions keep all of the box's values.
   */
  parts(box: Box, dimensions: ReadonlySet<PointDimension>): Box[] {
    const fixed = DIMENSIONS.map((d) => dimensions.has(d.name));
    let out: number[][][] = [[]];
    box.forEach((values, d) => {
      out = fixed[d] ? out.flatMap((b) => values.map((v) => [...b, [v]])) : out.map((b) => [...b, [...values]]);
    });
    return out;
  }

  /**
   * The first point of a box (in domain order) where `accept` holds for the rules that match there (positions), or
   * undefined. Where the same rules match every point of a part of the box, that part is decided at once; other
   * parts are split on their first dimension with several values, so points are still met in domain order.
   */
  firstWhere(box: Box, accept: (candidates: readonly number[]) => boolean): number[] | undefined {
    if (box.some((values) => values.length === 0)) return undefined;
    const pairs = this.coherent(box);
    if (pairs.ids.length === 0) return undefined;
    const narrowed = box.map((values, d) => (d === ID ? pairs.ids : d === WORKLOAD ? pairs.workloads : values));
    const candidates = this.sameCandidates(narrowed);
    if (candidates) {
      if (!accept(candidates)) return undefined;
      const first = narrowed.map((values) => values[0]!);
      [first[ID], first[WORKLOAD]] = pairs.first;
      return first;
    }
    const d = narrowed.findIndex((values) => values.length > 1);
    for (const v of narrowed[d]!) {
      const found = this.firstWhere(narrowed.map((values, i) => (i === d ? [v] : values)), accept);
      if (found) return found;
    }
    return undefined;
  }

  // The ids and workloads of a box that pair up (an id goes with the workloads it fits), and the first such pair.
  private coherent(box: Box): { ids: number[]; workloads: number[]; first: [number, number] } {
    const ids: number[] = [];
    const workloads = new Set<number>();
    let first: [number, number] | undefined;
    for (const id of box[ID]!) {
      let any = false;
      for (const w of box[WORKLOAD]!) {
        if (!this.fits(id, w)) continue;
        any = true;
        workloads.add(w);
        first ??= [id, w];
      }
      if (any) ids.push(id);
    }
    return { ids, workloads: box[WORKLOAD]!.filter((w) => workloads.has(w)), first: first ?? [0, 0] };
  }

  // The rules (positions) that match at every point of the box, when every other rule matches at none of them; else
  // undefined. A rule accepting all of a dimension's values of the box in each dimension matches everywhere; one
  // accepting none of them in some dimension matches nowhere (ids and workloads narrowed to those that pair up).
  private sameCandidates(box: Box): number[] | undefined {
    const { everywhere, nowhere, any, all } = this.scratch;
    everywhere.fill(0xffffffff);
    nowhere.fill(0);
    for (let d = 0; d < box.length; d++) {
      const values = box[d]!;
      const first = this.accepting[d]![values[0]!]!;
      any.set(first);
      all.set(first);
      for (let v = 1; v < values.length; v++) {
        const a = this.accepting[d]![values[v]!]!;
        for (let w = 0; w < this.words; w++) {
          any[w]! |= a[w]!;
          all[w]! &= a[w]!;
        }
      }
      for (let w = 0; w < this.words; w++) {
        everywhere[w]! &= all[w]!;
        nowhere[w]! |= ~any[w]!;
      }
    }
    const out: number[] = [];
    for (let w = 0; w < this.words; w++) {
      // Bits past the last rule are set in `nowhere` (no rule accepts there), so they never make a box undecided.
      if (~(everywhere[w]! | nowhere[w]!) !== 0) return undefined;
      let word = everywhere[w]!;
      while (word !== 0) {
        out.push(w * 32 + 31 - Math.clz32(word & -word));
        word &= word - 1;
      }
    }
    return out;
  }

  // A private resource's id always starts with its workload's name, so a named id only goes with workloads it fits.
  private fits(id: number, workload: number): boolean {
    return this.fitting[id * this.domains[WORKLOAD]!.length + workload] === 1;
  }

  private coherentPairs(box: Box, first = false): number {
    let n = 0;
    for (const id of box[ID]!) {
      for (const w of box[WORKLOAD]!) {
        if (!this.fits(id, w)) continue;
        n++;
        if (first) return n;
      }
    }
    return n;
  }

  /** The number of coherent points in a box. */
  count(box: Box): number {
    const other = box.reduce((n, d, i) => (i === ID || i === WORKLOAD ? n : n * d.length), 1);
    return other * this.coherentPairs(box);
  }

  /** The whole space of the type. */
  all(): Box {
    return this.domains.map((values) => values.map((_, i) => i));
  }

  /** The rules (positions) that match the point. */
  candidates(indexes: readonly number[]): number[] {
    const bits = new Uint32Array(this.words).fill(0xffffffff);
    for (let d = 0; d < indexes.length; d++) {
      const a = this.accepting[d]![indexes[d]!]!;
      for (let w = 0; w < this.words; w++) bits[w]! &= a[w]!;
    }
    const out: number[] = [];
    for (let w = 0; w < this.words; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        const i = w * 32 + bit;
        if (i < this.rules.length) out.push(i);
        word &= word - 1;
      }
    }
    return out;
  }

  /** The point at the given value indexes. */
  point(indexes: readonly number[]): MatchPoint {
    const p = { type: this.type } as MutablePoint;
    DIMENSIONS.forEach((d, i) => d.set(p, this.domains[i]![indexes[i]!]));
    return p;
  }

  /** A key for memoizing per point: a number while the domains' sizes multiply to a safe integer (always, for real tables). */
  key(indexes: readonly number[]): number | string {
    if (!this.numericKeys) return indexes.join(",");
    let key = 0;
    for (let d = 0; d < indexes.length; d++) key = key * this.domains[d]!.length + indexes[d]!;
    return key;
  }
}
