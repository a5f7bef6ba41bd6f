import { type Box, boxHeight, unionBox } from './box.js';
import { type Component, connectedComponents } from './connected-components.js';
import { type Polarity, strokeMask } from './stroke-mask.js';
import type { GreyFrame } from './text-grey.js';

/** A row of glyph-like blobs that may be a line of text: where to look, and how its strokes stand out. */
export interface CandidateLine extends Box {
  polarity: Polarity;
  /** Median glyph height in pixels: sets the upscaling before recognition. */
  glyphHeight: number;
  glyphs: number;
}

/** Glyph heights looked for: 6–18 px text, with room for tall capitals and merged glyphs. */
const MIN_GLYPH = 4;
const MAX_GLYPH = 40;
/** A frame with more blobs than this is texture; the rest are not looked at. */
const COMPONENT_LIMIT = 20000;
/** Recognition costs per line; a frame rarely carries more lines than this. */
export const LINE_LIMIT = 48;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
};

function isGlyph(c: Component): boolean {
  const h = boxHeight(c);
  const w = c.right - c.left;
  if (h < MIN_GLYPH || h > MAX_GLYPH || c.pixels < 4) return false;
  // Up to a few touching glyphs; thin strokes fill part of their box, solid blobs do not look like text.
  return w <= h * 6 + 2 && c.pixels / (w * h) <= 0.85;
}

/** Glyphs on one baseline chain into segments: overlapping rows, similar heights, small gaps. */
function chainSegments(glyphs: Component[]): Component[][] {
  const order = glyphs.map((_, i) => i).sort((a, b) => glyphs[a]!.left - glyphs[b]!.left);
  const parent = order.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const sorted = order.map((i) => glyphs[i]!);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const ha = boxHeight(a);
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const hb = boxHeight(b);
      const hMax = Math.max(ha, hb);
      if (b.left - a.right > hMax * 1.2) {
        if (b.left - a.right > MAX_GLYPH * 1.2) break;
        continue;
      }
      const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlap < Math.min(ha, hb) * 0.5 || hMax > Math.min(ha, hb) * 2.5) continue;
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Component[]>();
  for (let i = 0; i < sorted.length; i++) {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(sorted[i]!);
    groups.set(root, list);
  }
  return [...groups.values()];
}

/** Text shares a baseline or a cap line; speckle chained by chance shares neither. */
function looksLikeText(members: Component[]): boolean {
  if (members.length < 3) return false;
  const h = median(members.map(boxHeight));
  const tol = Math.max(1.5, h * 0.25);
  const bottom = median(members.map((m) => m.bottom));
  const top = median(members.map((m) => m.top));
  const onBase = members.filter((m) => Math.abs(m.bottom - bottom) <= tol).length;
  const onCap = members.filter((m) => Math.abs(m.top - top) <= tol).length;
  const similar = members.filter((m) => boxHeight(m) >= h * 0.6 && boxHeight(m) <= h * 1.5).length;
  const n = members.length;
  return Math.max(onBase, onCap) >= n * 0.7 && similar >= n * 0.6;
}

function toLine(members: Component[], polarity: Polarity): CandidateLine {
  const box = members.reduce<Box>((acc, m) => unionBox(acc, m), members[0]!);
  return { ...box, polarity, glyphHeight: median(members.map(boxHeight)), glyphs: members.length };
}

/** Segments on one row a word gap or two apart are one line: a label and its value belong together. */
function joinRow(lines: CandidateLine[]): CandidateLine[] {
  const sorted = [...lines].sort((a, b) => a.left - b.left);
  const out: CandidateLine[] = [];
  for (const line of sorted) {
    const host = out.find((o) => {
      const overlap = Math.min(o.bottom, line.bottom) - Math.max(o.top, line.top);
      const h = Math.max(o.glyphHeight, line.glyphHeight);
      return (
        o.polarity === line.polarity &&
        overlap >= Math.min(boxHeight(o), boxHeight(line)) * 0.6 &&
        line.left - o.right <= h * 4 &&
        Math.max(o.glyphHeight, line.glyphHeight) <= Math.min(o.glyphHeight, line.glyphHeight) * 1.6
      );
    });
    if (!host) {
      out.push({ ...line });
      continue;
    }
    Object.assign(host, unionBox(host, line), {
      glyphs: host.glyphs + line.glyphs,
      glyphHeight:
        (host.glyphHeight * host.glyphs + line.glyphHeight * line.glyphs) / (host.glyphs + line.glyphs),
    });
  }
  return out;
}

/**
 * Candidate text lines of a frame, found cheaply (no recognition): high-contrast thin strokes whose
 * blobs chain along a shared baseline. A frame without such rows costs only this pass.
 */
export function findTextLines(frame: GreyFrame): CandidateLine[] {
  const lines: CandidateLine[] = [];
  for (const polarity of ['bright', 'dark'] as const) {
    const mask = strokeMask(frame, polarity);
    const glyphs = connectedComponents(mask, frame.width, frame.height, COMPONENT_LIMIT).filter(isGlyph);
    const segments = chainSegments(glyphs)
      .filter(looksLikeText)
      .map((m) => toLine(m, polarity));
    lines.push(...joinRow(segments));
  }
  return lines.sort((a, b) => b.glyphs - a.glyphs).slice(0, LINE_LIMIT);
}
