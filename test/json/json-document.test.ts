import { describe, expect, it } from 'vitest';
import { JsonDocument, MAX_JSON_DEPTH, pointerOf } from '../../actions/lib/json/json-document.js';

function parse(text: string): JsonDocument {
  const result = JsonDocument.parse('x.json', text);
  if (!('doc' in result)) throw new Error(result.problem.message);
  return result.doc;
}

describe('JsonDocument', () => {
  const text = '{\n  "a": {\n    "b/c": [1, {"d": "e"}]\n  },\n  "~k": true\n}\n';

  it('locates values and keys by JSON pointer, escaped names included', () => {
    const doc = parse(text);
    expect(doc.locate('/a')).toEqual({ line: 2, column: 8 });
    expect(doc.locate('/a/b~1c/1/d')).toEqual({ line: 3, column: 22 });
    expect(doc.locateKey('/a/b~1c')).toEqual({ line: 3, column: 5 });
    expect(doc.locate('/~0k')).toEqual({ line: 5, column: 9 });
  });

  it('falls back to the nearest existing ancestor for a missing pointer', () => {
    expect(parse(text).locate('/a/b~1c/7/zz')).toEqual({ line: 3, column: 12 });
  });

  it('reports syntax errors with line and column instead of throwing', () => {
    const result = JsonDocument.parse('x.json', '{\n  "a": [1, 2,,]\n}');
    expect(result).toEqual({ problem: { line: 2, column: 14, message: 'unexpected character' } });
    expect(JsonDocument.parse('x.json', '{"a": "unterminated')).toMatchObject({
      problem: { line: 1, column: 7 },
    });
    expect(JsonDocument.parse('x.json', '')).toMatchObject({
      problem: { message: 'unexpected end of JSON' },
    });
  });

  it('finds duplicate keys, which JSON.parse silently drops', () => {
    const doc = parse('{"a": 1,\n "b": {"x": 1, "x": 2},\n "a": 3}');
    expect(doc.structuralProblems().map((p) => [p.line, p.message])).toEqual([
      [2, 'duplicate key "x" at /b/x; JSON keeps only the last'],
      [3, 'duplicate key "a" at /a; JSON keeps only the last'],
    ]);
  });

  it('flags nesting deeper than the limit', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}`;
    expect(parse(deep).structuralProblems()[0]?.message).toMatch(/nested deeper than/);
  });

  it('builds pointers with RFC 6901 escaping', () => {
    expect(pointerOf(['a/b', '~c', 3])).toBe('/a~1b/~0c/3');
  });
});
