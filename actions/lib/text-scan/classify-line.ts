import { type HeaderTerm, matchesHeader } from './header-terms.js';
import { identifyingCategories } from './identifying-patterns.js';
import { machineCategories } from './machine-annotations.js';
import type { TextCategory } from './text-categories.js';

/** Below this mean word confidence a line is recognition noise (speckle read as letters). */
export const MIN_CONFIDENCE = 0;
/** At or above this, looser shapes (long numbers, capitalised word pairs) count as identifying. */
export const CONFIDENT = 0.35;

/**
 * The categories of one recognised line. Identifying wins: a line that carries a name beside a depth
 * is identifying. A line that matches nothing is `text`; noise (too short, too unsure) is nothing.
 */
export function classifyLine(text: string, confidence: number, terms: readonly HeaderTerm[]): TextCategory[] {
  const alnum = text.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < 2 || confidence < MIN_CONFIDENCE) return [];
  const identifying: TextCategory[] = identifyingCategories(text, confidence >= CONFIDENT);
  if (terms.length > 0 && matchesHeader(text, terms)) identifying.unshift('header-match');
  if (identifying.length > 0) return identifying;
  const machine = machineCategories(text);
  return machine.length > 0 ? machine : ['text'];
}
