import type { Box } from './box.js';
import type { CandidateLine } from './find-text-lines.js';
import { buildLineCanvas } from './line-canvas.js';
import { ocrEngine } from './ocr-engine.js';
import type { GreyFrame } from './text-grey.js';

/** Text read from one candidate line, with where it sits in the frame. */
export interface RecognisedLine {
  box: Box;
  text: string;
  /** Mean word confidence in [0, 1]. */
  confidence: number;
}

/**
 * Reads the candidate lines in one call: they are stacked on a canvas (upscaled, binarised), and each
 * recognised word goes back to the line whose slot it sits in.
 */
export async function recogniseLines(frame: GreyFrame, lines: CandidateLine[]): Promise<RecognisedLine[]> {
  if (lines.length === 0) return [];
  const { engine } = await ocrEngine();
  const canvas = buildLineCanvas(frame, lines);
  engine.loadImage({ data: canvas.rgba, width: canvas.width, height: canvas.height });
  const words = engine.getTextBoxes('word');
  engine.clearImage();
  const perSlot = canvas.slots.map(() => ({ words: [] as string[], confidence: [] as number[] }));
  for (const word of words) {
    const mid = (word.rect.top + word.rect.bottom) / 2;
    const slot = canvas.slots.findIndex((s) => mid >= s.top - 4 && mid <= s.bottom + 4);
    if (slot < 0) continue;
    const text = word.text.trim();
    if (!text) continue;
    perSlot[slot]!.words.push(text);
    perSlot[slot]!.confidence.push(word.confidence);
  }
  return canvas.slots
    .map((slot, i) => {
      const { words: w, confidence } = perSlot[i]!;
      return {
        box: slot.frameBox,
        text: w.join(' '),
        confidence: confidence.length ? confidence.reduce((a, b) => a + b, 0) / confidence.length : 0,
      };
    })
    .filter((l) => l.text.length > 0);
}
