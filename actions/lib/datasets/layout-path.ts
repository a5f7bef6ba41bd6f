import type { DatasetManifest } from '../schema/dataset-manifest.js';

/**
 * Whether a dataset-relative path follows the dataset's layout: its `file` entries exactly, or one of
 * its `glob` entries with every wildcard name held to a pattern (the entry's `names`, the dataset's
 * patient_id_pattern, or plain ASCII). Paths reach locks, commits and logs, so anything a layout does
 * not foresee (a folder named after a patient, a Unicode look-alike) is refused. Verdicts never quote
 * the path: they name the segment by its number and the layout pattern it missed.
 */
export type PathVerdict = { ok: true } | { ok: false; reason: string };

export interface LayoutMatcher {
  dataset: string;
  check(path: string): PathVerdict;
  /**
   * Whether a glob (of a selection) can only select paths of the layout: its literal names must be
   * names the layout allows at their place. Wildcards are taken on trust here; what they expand to is
   * checked file by file when a run expands them.
   */
  checkGlob(glob: string): PathVerdict;
}

const OK: PathVerdict = { ok: true };

/** A name a wildcard may stand for when the layout says nothing more: ASCII letters, digits, . _ - */
export const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The `names` value that means "the dataset's patient_id_pattern". */
export const PATIENT_ID = 'patient_id';

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'any-folders'; constraint: Constraint }
  | {
      kind: 'wildcard';
      glob: RegExp;
      constraint: Constraint;
      /** Glob, plain-name rule and constraint in one test (lookaheads), for the hot path. */
      fits: RegExp;
    };

interface Constraint {
  pattern: RegExp;
  /** How a reader recognises it, e.g. "patient_id_pattern ^patient\d{5}$". */
  label: string;
  patient: boolean;
  /** The text its words come from (the pattern's source); empty for plain names, which allow any word. */
  words: string;
}

interface CompiledEntry {
  path: string;
  segments: Segment[];
  flat: boolean;
}

/** Anchors a manifest's regular expression on the whole name, whatever anchors it already has. */
function whole(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/** The literal text a regular expression starts with (`^patient\d{5}$` → `patient`). */
export function literalPrefix(source: string): string {
  let out = '';
  let i = source.startsWith('^') ? 1 : 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      out += next;
      i += 2;
    } else if ('.[]()*+?{}|$^'.includes(c)) break;
    else {
      out += c;
      i++;
    }
  }
  // A quantifier after the last literal makes that character optional.
  return /[*?{]/.test(source[i] ?? '') ? out.slice(0, -1) : out;
}

function globSegmentBody(segment: string): string {
  return segment.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
}

/**
 * One name's whole test. Each part sits in a lookahead or group anchored on the same name, so the
 * manifest's own `^`/`$` keep their meaning, and no capture group is added before its own.
 */
function fitsRegExp(globBody: string, c: Constraint): RegExp {
  return new RegExp(`^(?=${globBody}$)(?=${SAFE_NAME.source.slice(1)})(?:${c.pattern.source})$`);
}

function compileEntry(
  path: string,
  names: Record<string, string>,
  patient: Constraint | undefined,
  patientPrefix: string,
): CompiledEntry {
  const plain: Constraint = {
    pattern: SAFE_NAME,
    label: 'ASCII letters, digits, . _ -',
    patient: false,
    words: '',
  };
  const constraintFor = (segment: string, index: number): Constraint => {
    // By number first: one glob can hold two `*` folders that mean different things.
    const named = names[String(index + 1)] ?? names[segment];
    if (named === PATIENT_ID && patient) return patient;
    if (named !== undefined && named !== PATIENT_ID)
      return { pattern: whole(named), label: `name pattern ${named}`, patient: false, words: named };
    // `patient*` under a pattern `^patient\d{5}$`: the segment holds the patient id.
    const prefix = segment.slice(0, segment.indexOf('*'));
    if (patient && prefix !== '' && patientPrefix.startsWith(prefix)) return patient;
    return plain;
  };
  const segments = path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map((s, index): Segment => {
      if (s === '**') return { kind: 'any-folders', constraint: constraintFor(s, index) };
      if (!s.includes('*')) return { kind: 'literal', text: s };
      const constraint = constraintFor(s, index);
      const body = globSegmentBody(s);
      return {
        kind: 'wildcard',
        glob: new RegExp(`^${body}$`),
        constraint,
        fits: fitsRegExp(body, constraint),
      };
    });
  return { path, segments, flat: segments.every((s) => s.kind !== 'any-folders') };
}

interface Miss {
  /** 0-based index of the path segment that failed; the path's length when it ran out. */
  at: number;
  why: string;
}

function nameFits(name: string, c: Constraint): boolean {
  return SAFE_NAME.test(name) && c.pattern.test(name);
}

function wildcardFits(seg: Extract<Segment, { kind: 'wildcard' }>, name: string): boolean {
  return seg.fits.test(name);
}

/** The common case, fast: an entry without `**`, segment by segment, answering only yes or no. */
function fitsFlat(entry: Segment[], parts: readonly string[]): boolean {
  if (entry.length !== parts.length) return false;
  for (let i = 0; i < entry.length; i++) {
    const seg = entry[i]!;
    const name = parts[i]!;
    if (seg.kind === 'literal' ? name !== seg.text : seg.kind === 'any-folders' || !wildcardFits(seg, name))
      return false;
  }
  return true;
}

function describeMiss(segment: Segment): string {
  if (segment.kind === 'literal') return `is not the fixed name ${segment.text}`;
  const c = segment.constraint;
  return c.patient ? `is not a patient id; expected ${c.label}` : `does not fit; expected ${c.label}`;
}

/**
 * Matches path segments against an entry; on failure returns the deepest segment reached, which is
 * the most useful one to name. `**` tries every split, bounded by the path's length.
 */
function matchEntry(entry: Segment[], parts: readonly string[]): Miss | undefined {
  let deepest: Miss = { at: -1, why: '' };
  // A folder under `**` that fails its own pattern explains a miss better than the file-name segment
  // tried at the same place, so it wins ties.
  const note = (m: Miss, winsTies = false) => {
    if (m.at > deepest.at || (winsTies && m.at === deepest.at)) deepest = m;
  };
  const go = (i: number, j: number): boolean => {
    if (i === entry.length) {
      if (j === parts.length) return true;
      note({ at: j, why: 'is one more than the layout has' });
      return false;
    }
    const seg = entry[i]!;
    if (seg.kind === 'any-folders') {
      // Zero or more folders, never the file name itself.
      for (let k = j; k < parts.length; k++) {
        if (go(i + 1, k)) return true;
        if (!nameFits(parts[k]!, seg.constraint)) {
          note({ at: k, why: describeMiss(seg) }, k < parts.length - 1);
          return false;
        }
      }
      return go(i + 1, parts.length);
    }
    if (j >= parts.length) {
      note({ at: j, why: 'is missing: the path is shorter than the layout' });
      return false;
    }
    const name = parts[j]!;
    const fits = seg.kind === 'literal' ? name === seg.text : wildcardFits(seg, name);
    if (!fits) {
      note({ at: j, why: describeMiss(seg) });
      return false;
    }
    return go(i + 1, j + 1);
  };
  return go(0, 0) ? undefined : deepest;
}

/** Any of the faults `malformed` names, in one test: the fast way to clear a good path. */
const ANY_FAULT = /^$|^\/|\\|^[A-Za-z]:|[\u0000-\u001f\u007f]|(?:^|\/)\.{0,2}(?:\/|$)/;

/** Why a path cannot be judged at all (empty, absolute, `..`, control characters), or undefined. */
function malformed(path: string): string | undefined {
  if (!ANY_FAULT.test(path)) return undefined;
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path))
    return 'is not a relative path with forward slashes';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'holds a control character';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..'))
    return 'has an empty, . or .. segment';
  return undefined;
}

/**
 * Compiles a dataset's layout. Throws an Error (without any path in it) when a pattern of the manifest
 * is not a valid regular expression; callers treat that as "nothing follows this layout".
 */
export function compileLayout(
  manifest: Pick<DatasetManifest, 'id' | 'layout' | 'patient_id_pattern'>,
): LayoutMatcher {
  const patient: Constraint = {
    pattern: whole(manifest.patient_id_pattern),
    label: `patient_id_pattern ${manifest.patient_id_pattern}`,
    patient: true,
    words: manifest.patient_id_pattern,
  };
  const patientPrefix = literalPrefix(manifest.patient_id_pattern);
  const files = new Set<string>();
  const entries: CompiledEntry[] = [];
  for (const e of manifest.layout.entries) {
    if (e.kind === 'file') files.add(e.path);
    else if (e.kind === 'glob') entries.push(compileEntry(e.path, e.names ?? {}, patient, patientPrefix));
  }
  return layoutMatcher(manifest.id, files, entries);
}

/**
 * For a dataset with no manifest (so no layout): every segment must be a plain ASCII name. Far weaker
 * than a layout; validate reports such datasets as errors.
 */
export function fallbackLayout(dataset: string): LayoutMatcher {
  return layoutMatcher(dataset, new Set(), [compileEntry('**/*', {}, undefined, '')]);
}

function layoutMatcher(dataset: string, files: Set<string>, entries: CompiledEntry[]): LayoutMatcher {
  const where = (e: CompiledEntry) => `layout ${e.path}`;
  const check = (path: string): PathVerdict => {
    const bad = malformed(path);
    if (bad) return { ok: false, reason: `the path ${bad}` };
    if (files.has(path)) return OK;
    const parts = path.split('/');
    for (const entry of entries) if (entry.flat && fitsFlat(entry.segments, parts)) return OK;
    let best: { miss: Miss; entry: CompiledEntry; score: number } | undefined;
    for (const entry of entries) {
      const miss = matchEntry(entry.segments, parts);
      if (!miss) return { ok: true };
      // The entry for this kind of file (same file-name glob) explains the miss best, then the deepest.
      const last = entry.segments[entry.segments.length - 1];
      const sameKind = last?.kind === 'wildcard' ? last.glob.test(parts[parts.length - 1]!) : false;
      const score = (sameKind ? 1000 : 0) + miss.at;
      if (!best || score > best.score) best = { miss, entry, score };
    }
    if (!best) return { ok: false, reason: `dataset ${dataset}'s layout lists no such file` };
    return {
      ok: false,
      reason: `segment ${best.miss.at + 1} of ${parts.length} ${best.miss.why} (${where(best.entry)})`,
    };
  };
  const checkGlob = (glob: string): PathVerdict => {
    const bad = malformed(glob);
    if (bad) return { ok: false, reason: `the glob ${bad}` };
    const expanded = expandBraces(glob);
    if (!expanded) return { ok: false, reason: 'the glob has too many {a,b} alternatives to check' };
    for (const one of expanded) {
      const verdict = /[*?[]/.test(one) ? checkWildGlob(one) : check(one);
      if (!verdict.ok) return verdict;
    }
    return { ok: true };
  };
  const checkWildGlob = (glob: string): PathVerdict => {
    const parts = glob.split('/');
    // Literal text inside a wildcard name or a {a,b} list can name a person as well as a folder can.
    for (const [k, part] of parts.entries()) {
      const literals = part
        .replace(/\[[^\]]*\]/g, '*')
        .split(/[*?]+/)
        .filter(Boolean);
      if (literals.some((l) => !/^[A-Za-z0-9._-]+$/.test(l)))
        return {
          ok: false,
          reason: `segment ${k + 1} of ${parts.length} has characters no layout name uses`,
        };
    }
    const candidates = [...entries, ...[...files].map((f) => compileEntry(f, {}, undefined, ''))];
    let deepest = -1;
    for (const entry of candidates) {
      const at = matchGlob(entry.segments, parts);
      if (at === undefined) return { ok: true };
      deepest = Math.max(deepest, at);
    }
    return {
      ok: false,
      reason:
        deepest < 0
          ? `dataset ${dataset}'s layout has no path it could select`
          : `segment ${deepest + 1} of ${parts.length} is not a name dataset ${dataset}'s layout allows there`,
    };
  };
  return { dataset, check, checkGlob };
}

/**
 * A selection glob against a layout entry: its literal names must fit the entry's segment they meet;
 * its wildcard names fit any. Returns undefined on a fit, else the deepest glob segment that failed.
 */
function matchGlob(entry: Segment[], glob: readonly string[]): number | undefined {
  let deepest = -1;
  const memo = new Set<string>();
  const isWild = (s: string) => /[*?[]/.test(s);
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (memo.has(key)) return false;
    memo.add(key);
    if (j === glob.length) return i === entry.length || entry.slice(i).every((s) => s.kind === 'any-folders');
    const g = glob[j]!;
    if (g === '**') return go(i, j + 1) || (i < entry.length && go(i + 1, j));
    if (i === entry.length) {
      deepest = Math.max(deepest, j);
      return false;
    }
    const seg = entry[i]!;
    if (seg.kind === 'any-folders') {
      if (go(i + 1, j)) return true;
      if (isWild(g) ? !wordsFit(g, seg) : !nameFits(g, seg.constraint)) {
        deepest = Math.max(deepest, j);
        return false;
      }
      return go(i, j + 1);
    }
    const fits = isWild(g)
      ? wordsFit(g, seg)
      : seg.kind === 'literal'
        ? g === seg.text
        : seg.glob.test(g) && nameFits(g, seg.constraint);
    if (!fits) {
      deepest = Math.max(deepest, j);
      return false;
    }
    return go(i + 1, j + 1);
  };
  return go(0, 0) ? undefined : deepest;
}

/**
 * Whether the words of a wildcard name in a selection (`*DOE_JANE*`, `patient0*`) could be in a name
 * the layout allows there: each run of letters must be spelt out by the layout (its fixed name, or
 * the pattern for that place), so `patient*` passes where the pattern is `^patient\d{5}$` and
 * `*JANE*` does not. Where the layout allows any plain name, any word passes.
 */
function wordsFit(glob: string, seg: Segment): boolean {
  const source = seg.kind === 'literal' ? seg.text : seg.constraint.words;
  if (seg.kind !== 'literal' && source === '') return true;
  const words = glob.replace(/\[[^\]]*\]/g, '*').match(/[A-Za-z]+/g) ?? [];
  return words.every((w) => source.includes(w));
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d` (nested lists too); undefined past `limit` results. */
export function expandBraces(glob: string, limit = 256): string[] | undefined {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  let depth = 0;
  const cuts: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) cuts.push(i);
  }
  if (close < 0) return [glob];
  const bounds = [open, ...cuts, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const rest = expandBraces(
      `${glob.slice(0, open)}${glob.slice(bounds[k]! + 1, bounds[k + 1])}${glob.slice(close + 1)}`,
      limit,
    );
    if (!rest) return undefined;
    out.push(...rest);
    if (out.length > limit) return undefined;
  }
  return out;
}

/** What a manifest's layout glob leaves open: names that fail to compile, keys naming no segment, bare wildcards. */
export interface LayoutEntryProblems {
  /** `names` keys whose pattern is not a valid regular expression. */
  invalid: string[];
  /** `names` keys that are neither a wildcard segment of the path nor its number. */
  unused: string[];
  /** 1-based numbers of wildcard segments held to nothing but plain ASCII names. */
  open: number[];
}

export function layoutEntryProblems(
  entryPath: string,
  names: Record<string, string>,
  patientIdPattern: string,
): LayoutEntryProblems {
  const segments = entryPath.split('/').filter((s) => s !== '' && s !== '.');
  const invalid = Object.entries(names)
    .filter(([, v]) => {
      if (v === PATIENT_ID) return false;
      try {
        whole(v);
        return false;
      } catch {
        return true;
      }
    })
    .map(([k]) => k);
  const wild = segments.flatMap((s, i) => (s.includes('*') ? [{ s, n: i + 1 }] : []));
  const unused = Object.keys(names).filter((k) => !wild.some((w) => w.s === k || String(w.n) === k));
  const prefix = literalPrefix(patientIdPattern);
  const open = wild
    .filter(({ s, n }) => {
      if (names[String(n)] !== undefined || names[s] !== undefined) return false;
      const literal = s.slice(0, s.indexOf('*'));
      return !(literal !== '' && prefix.startsWith(literal));
    })
    .map((w) => w.n);
  return { invalid, unused, open };
}

/** Names of people, in the plain-ASCII forms a data folder could carry; no pseudonym pattern may take one. */
const PERSON_PROBES = ['DOE_JANE', 'JaneDoe', 'jane-doe', 'Doe.Jane', 'DOE_JANE_19610203', 'SMITH'];

/**
 * Whether a pattern meant for pseudonymous ids would also take a person's name (`.*`, `[A-Za-z_]+`):
 * then a folder named after a patient would follow the layout. Throws if it does not compile.
 */
export function acceptsPersonNames(patternSource: string): boolean {
  const pattern = whole(patternSource);
  // The id's literal text: its prefix, and words further in (`(?:[A-Z]+_)?patient\d{5}`).
  const words = patternSource.match(/(?<!\\)[A-Za-z][A-Za-z_-]{2,}/g) ?? [];
  const affixes = [...new Set([literalPrefix(patternSource), ...words])];
  return affixes.some((a) => personProbes(a).some((p) => SAFE_NAME.test(p) && pattern.test(p)));
}

/** Longer names in three cases, for patterns that want several letters (`[A-Z]{5,}`). */
const LONG_NAMES = [
  'JOHNSON_MARGARET',
  'Johnson_Margaret',
  'johnson_margaret',
  'MARGARET',
  'Margaret',
  'margaret',
];

/**
 * The probes, bare and with a name added to an id of the pattern's own shape (`patient12345_DOE_JANE`,
 * `BML-001-Margaret`): a pattern that takes an optional suffix or prefix of letters takes a name there.
 */
function personProbes(prefix: string): string[] {
  const names = [...PERSON_PROBES, ...LONG_NAMES];
  const probes = [...names];
  for (const digits of ['', '1', '001', '12345'])
    for (const sep of ['', '_', '-', '.'])
      for (const name of names)
        probes.push(`${prefix}${digits}${sep}${name}`, `${name}${sep}${prefix}${digits}`);
  return probes;
}
