import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';

/** A parsed YAML file that can say where any of its nodes starts. */
export interface YamlFile {
  file: string;
  text: string;
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML keeping positions; syntax errors come back with a line and column, never thrown. */
export function parseYamlFile(
  file: string,
  text: string,
): { yaml: YamlFile } | { problem: { line: number; column: number; message: string } } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    return {
      problem: { line: pos.line, column: pos.col, message: error.code.toLowerCase().replace(/_/g, ' ') },
    };
  }
  return { yaml: { file, text, doc, lines } };
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
