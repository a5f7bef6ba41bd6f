import type { Box } from './box.js';
import { classifyLine } from './classify-line.js';
import { findTextLines } from './find-text-lines.js';
import type { HeaderTerm } from './header-terms.js';
import { recogniseLines } from './recognise-lines.js';
import { isIdentifying, type TextCategory } from './text-categories.js';
import { maxChannelGrey, type PixelFrame } from './text-grey.js';

/** One region of text found in a frame. `text` stays in memory; only --show-text ever prints it. */
export interface TextRegion {
  frame: number;
  box: Box;
  categories: TextCategory[];
  identifying: boolean;
  text: string;
  /** Mean word confidence of the recogniser, in [0, 1]. */
  confidence: number;
}

export interface FrameScan {
  /** Candidate lines found by the cheap pass (recognised or not). */
  candidates: number;
  regions: TextRegion[];
}

/** Finds candidate lines, reads them, and classifies what was read; noise is dropped. */
export async function scanFrame(
  frame: PixelFrame,
  terms: readonly HeaderTerm[] = [],
  frameIndex = 0,
): Promise<FrameScan> {
  const grey = maxChannelGrey(frame);
  const lines = findTextLines(grey);
  const read = await recogniseLines(grey, lines);
  const regions: TextRegion[] = [];
  for (const line of read) {
    const categories = classifyLine(line.text, line.confidence, terms);
    if (categories.length === 0) continue;
    regions.push({
      frame: frameIndex,
      box: line.box,
      categories,
      identifying: categories.some(isIdentifying),
      text: line.text,
      confidence: line.confidence,
    });
  }
  return { candidates: lines.length, regions };
}
