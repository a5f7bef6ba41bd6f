import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';

/** A parsed YAML file that can say where any of its nodes starts. Aliases are already resolved. */
export interface YamlFile {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
}

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** More nodes than this once aliases are expanded is an alias bomb, not a workflow. */
const MAX_EXPANDED_NODES = 50_000;
/** Each alias is looked up once in the tree; a workflow needs a handful. */
const MAX_ALIASES = 2_000;

/**
 * Parses YAML keeping positions, then reads it as GitHub does: aliases replaced by what they name.
 * What GitHub would read differently, or the policy cannot read the same way, is a problem, never
 * thrown: syntax errors, duplicate keys, several documents, explicit tags, merge keys (`<<`, which
 * GitHub does not merge), complex keys, recursive aliases and alias bombs.
 */
export function parseYamlFile(file: string, text: string): { yaml: YamlFile } | { problems: YamlProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined, message: string): YamlProblem => {
    const pos = lines.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0)
    return {
      problems: doc.errors
        .slice(0, 5)
        .map((e) => at(e.pos[0], `invalid YAML: ${e.code.toLowerCase().replace(/_/g, ' ')}`)),
    };
  const problems: YamlProblem[] = [];
  // A %YAML 1.1 directive turns `on:` into `true:` for one reader and not another.
  const directive = /^%/m.exec(text);
  if (directive)
    problems.push(at(directive.index, 'a YAML directive (%…): readers disagree on what it changes'));
  // First, while the document is still a tree, find what each alias names (resolving later, with
  // aliases already replaced, would walk the expanded graph).
  const targets = new Map<Alias, Node | undefined>();
  const aliases: Alias[] = [];
  const collect = (node: unknown): void => {
    if (isAlias(node)) aliases.push(node);
    else if (isSeq(node)) for (const item of node.items) collect(item);
    else if (isMap(node))
      for (const pair of node.items) {
        collect(pair.key);
        collect(pair.value);
      }
  };
  collect(doc.contents);
  if (aliases.length > MAX_ALIASES)
    return { problems: [at(aliases[MAX_ALIASES]!.range?.[0], `more than ${MAX_ALIASES} aliases`)] };
  for (const alias of aliases) targets.set(alias, alias.resolve(doc) as Node | undefined);
  const resolve = (node: unknown): unknown => (isAlias(node) ? targets.get(node) : node);

  const sizes = new Map<Node, number>();
  const resolving = new Set<Node>();
  // Depth-first: checks every node once, replaces aliases in place, counts the expanded size.
  const visit = (node: unknown): number => {
    if (!node || typeof node !== 'object') return 0;
    if (isAlias(node) && !targets.get(node)) {
      problems.push(at(node.range?.[0], `alias *${node.source} names no anchor`));
      return 1;
    }
    const n = resolve(node) as Node;
    const known = sizes.get(n);
    if (known !== undefined) return known;
    if (resolving.has(n)) {
      problems.push(at(n.range?.[0], 'an alias refers to the node that contains it'));
      return MAX_EXPANDED_NODES;
    }
    resolving.add(n);
    const tag = (n as { tag?: string }).tag;
    if (tag && !isDocumentTagAllowed(tag))
      problems.push(at(n.range?.[0], `explicit YAML tag ${tag}: GitHub reads it differently`));
    let size = 1;
    if (isSeq(n)) {
      n.items.forEach((item, i) => {
        size += visit(item);
        if (isAlias(item)) n.items[i] = (targets.get(item) as typeof item | undefined) ?? item;
      });
    } else if (isMap(n)) {
      for (const pair of n.items) {
        if (!isScalar(pair.key)) {
          problems.push(at((pair.key as Node | null)?.range?.[0], 'a key that is not a plain scalar'));
          continue;
        }
        if (pair.key.value === '<<')
          problems.push(at(pair.key.range?.[0], 'merge key `<<`: GitHub does not merge mappings'));
        size += visit(pair.key) + visit(pair.value);
        if (isAlias(pair.value))
          pair.value = (targets.get(pair.value) as typeof pair.value | undefined) ?? pair.value;
      }
    }
    resolving.delete(n);
    size = Math.min(size, MAX_EXPANDED_NODES);
    sizes.set(n, size);
    return size;
  };
  const total = visit(doc.contents);
  if (isAlias(doc.contents)) problems.push(at(0, 'the whole document is an alias'));
  if (total >= MAX_EXPANDED_NODES)
    problems.push(at(0, `more than ${MAX_EXPANDED_NODES} nodes once aliases are expanded`));
  if (problems.length > 0) return { problems: problems.slice(0, 5) };
  return { yaml: { file, text, doc, lines } };
}

/** Only the core tags, written out, read the same everywhere. */
function isDocumentTagAllowed(tag: string): boolean {
  return tag === 'tag:yaml.org,2002:str';
}

/** Line and column (1-based) where `node` starts, or the file's start. */
export function positionOf(yaml: YamlFile, node: unknown): { line: number; column: number } {
  const range = (node as Node | undefined)?.range;
  if (!range) return { line: 1, column: 1 };
  const pos = yaml.lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/** Position of a substring of a scalar's source text (an expression inside a `run:` block). */
export function positionInNode(
  yaml: YamlFile,
  node: Node,
  needle: string,
  from = 0,
): { line: number; column: number; next: number } {
  const range = node.range;
  if (!range) return { line: 1, column: 1, next: from };
  const start = Math.max(range[0], from);
  const found = yaml.text.indexOf(needle, start);
  const offset = found >= 0 && found < range[2] ? found : range[0];
  const pos = yaml.lines.linePos(offset);
  return { line: pos.line, column: pos.col, next: found >= 0 ? found + needle.length : from };
}

/** The map under `key`, if it is one. */
export function mapAt(map: unknown, key: string): YAMLMap | undefined {
  const node = isMap(map) ? map.get(key, true) : undefined;
  return isMap(node) ? node : undefined;
}

/** The node under `key` (scalar, map or sequence). */
export function nodeAt(map: unknown, key: string): Node | undefined {
  return isMap(map) ? ((map.get(key, true) as Node | undefined) ?? undefined) : undefined;
}

/** The key node of `key` in `map`, for findings about the key itself. */
export function keyNode(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

/** A scalar's value as a string (numbers and booleans too), else undefined. */
export function stringOf(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return v === null || v === undefined ? undefined : String(v);
}

/** Entries of a map as [key, value node] pairs with string keys. */
export function entriesOf(map: unknown): [string, Node | undefined, Node][] {
  if (!isMap(map)) return [];
  return map.items.flatMap((p) =>
    isScalar(p.key)
      ? [
          [String(p.key.value), (p.value as Node | null) ?? undefined, p.key as Node] as [
            string,
            Node | undefined,
            Node,
          ],
        ]
      : [],
  );
}

/** Items of a sequence node, or [node] for anything else that exists. */
export function itemsOf(node: unknown): Node[] {
  if (isSeq(node)) return node.items as Node[];
  return node === undefined || node === null ? [] : [node as Node];
}
