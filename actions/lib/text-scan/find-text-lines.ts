import { type Box, boundingBox, boxesOverlap, boxHeight, boxWidth, unionBox } from './box.js';
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

/** A chained run of glyphs, and whether it reads as text on its own (three or more on one baseline). */
interface Segment {
  members: Component[];
  strong: boolean;
}

/** Same-height glyph pairs ("30", "82", "11" of 11:24) only count beside others on their row. */
function isPair(members: Component[]): boolean {
  if (members.length !== 2) return false;
  const [a, b] = members as [Component, Component];
  const ha = boxHeight(a);
  const hb = boxHeight(b);
  return (
    Math.max(ha, hb) <= Math.min(ha, hb) * 1.25 && Math.abs(a.bottom - b.bottom) <= Math.max(1.5, ha * 0.2)
  );
}

function toLine(members: Component[], polarity: Polarity): CandidateLine {
  return {
    ...boundingBox(members),
    polarity,
    glyphHeight: median(members.map(boxHeight)),
    glyphs: members.length,
  };
}

/**
 * Segments on one row a word gap or two apart are one line: a label and its value belong together,
 * and a date or time split by small separators ("30 JAN 94", "11:24:58") is whole again. A row made
 * only of pairs is kept when its glyphs still share a baseline and there are four or more of them.
 */
function joinRow(segments: Segment[], polarity: Polarity): CandidateLine[] {
  const sorted = [...segments].sort((a, b) => a.members[0]!.left - b.members[0]!.left);
  const rows: { box: Box; members: Component[]; strong: boolean; glyphHeight: number }[] = [];
  for (const segment of sorted) {
    const box = boundingBox(segment.members);
    const glyphHeight = median(segment.members.map(boxHeight));
    const host = rows.find((o) => {
      const overlap = Math.min(o.box.bottom, box.bottom) - Math.max(o.box.top, box.top);
      const h = Math.max(o.glyphHeight, glyphHeight);
      return (
        overlap >= Math.min(boxHeight(o.box), boxHeight(box)) * 0.6 &&
        box.left - o.box.right <= h * 4 &&
        h <= Math.min(o.glyphHeight, glyphHeight) * 1.6
      );
    });
    if (!host) {
      rows.push({ box, members: [...segment.members], strong: segment.strong, glyphHeight });
      continue;
    }
    host.box = unionBox(host.box, box);
    host.members.push(...segment.members);
    host.strong ||= segment.strong;
    host.glyphHeight = median(host.members.map(boxHeight));
  }
  return rows
    .filter((r) => r.strong || (r.members.length >= 4 && looksLikeText(r.members)))
    .map((r) => toLine(r.members, polarity));
}

/** Lines whose glyphs are MIN_GLYPH–MAX_GLYPH px tall, both polarities. */
function linesAtScale(frame: GreyFrame): CandidateLine[] {
  const lines: CandidateLine[] = [];
  for (const polarity of ['bright', 'dark'] as const) {
    const mask = strokeMask(frame, polarity);
    const glyphs = connectedComponents(mask, frame.width, frame.height, COMPONENT_LIMIT).filter(isGlyph);
    const segments = chainSegments(glyphs)
      .map((members) => ({ members, strong: looksLikeText(members) }))
      .filter((s) => s.strong || isPair(s.members));
    lines.push(...joinRow(segments, polarity));
  }
  return lines;
}

/** The frame at half size, each pixel the mean of a 2×2 block. */
function halve(frame: GreyFrame): GreyFrame {
  const width = frame.width >> 1;
  const height = frame.height >> 1;
  const data = new Uint8Array(width * height);
  const src = frame.data;
  for (let y = 0; y < height; y++) {
    const a = 2 * y * frame.width;
    const b = a + frame.width;
    for (let x = 0; x < width; x++)
      data[y * width + x] =
        (src[a + 2 * x]! + src[a + 2 * x + 1]! + src[b + 2 * x]! + src[b + 2 * x + 1]! + 2) >> 2;
  }
  return { width, height, data };
}

/**
 * Candidate text lines of a frame, found cheaply (no recognition): high-contrast thin strokes whose
 * blobs chain along a shared baseline. A frame without such rows costs only this pass. Banner text
 * taller than MAX_GLYPH (a name across the top of a secondary capture) is looked for again on the
 * frame at half size, where its glyphs fit; at a quarter of the pixels that pass costs little.
 */
export function findTextLines(frame: GreyFrame): CandidateLine[] {
  let lines = linesAtScale(frame);
  if (Math.min(frame.width, frame.height) >= 4 * MAX_GLYPH) {
    for (const half of linesAtScale(halve(frame))) {
      const line = {
        ...half,
        left: half.left * 2,
        top: half.top * 2,
        right: Math.min(frame.width, half.right * 2 + 1),
        bottom: Math.min(frame.height, half.bottom * 2 + 1),
        glyphHeight: half.glyphHeight * 2,
      };
      if (line.glyphHeight < 24) continue;
      // Text of ordinary size shows at both scales: keep the full-size reading, unless the full-size
      // pass saw only pieces of this line (its taller glyphs were over MAX_GLYPH there).
      const pieces = lines.filter((f) => boxesOverlap(f, line));
      const covered = pieces.reduce((sum, f) => sum + boxWidth(f), 0);
      if (pieces.length > 0 && boxWidth(line) <= covered * 1.2) continue;
      lines = lines.filter((f) => !pieces.includes(f));
      lines.push(line);
    }
  }
  return lines.sort((a, b) => b.glyphs - a.glyphs).slice(0, LINE_LIMIT);
}
