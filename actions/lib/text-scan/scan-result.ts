import type { Box } from './box.js';
import type { EngineInfo } from './ocr-engine.js';
import type { TextRegion } from './scan-frame.js';
import type { TextCategory } from './text-categories.js';

/** What a scan of one input says. `regions[].text` is only for --show-text and the review page. */
export interface TextScan {
  identifying: boolean;
  /** Frames scanned (several for clips). */
  frames: number;
  text_regions: number;
  identifying_regions: number;
  /** Sorted, distinct categories of every region. */
  categories: TextCategory[];
  regions: TextRegion[];
  engine: EngineInfo;
}

export function summariseScan(regions: TextRegion[], frames: number, engine: EngineInfo): TextScan {
  const categories = [...new Set(regions.flatMap((r) => r.categories))].sort();
  const identifying = regions.filter((r) => r.identifying).length;
  return {
    identifying: identifying > 0,
    frames,
    text_regions: regions.length,
    identifying_regions: identifying,
    categories,
    regions,
    engine,
  };
}

/** A region without its words: what may be written anywhere (JSON output, review page boxes). */
export function regionWithoutText(r: TextRegion): {
  frame: number;
  box: Box;
  categories: TextCategory[];
  identifying: boolean;
} {
  return { frame: r.frame, box: r.box, categories: r.categories, identifying: r.identifying };
}
