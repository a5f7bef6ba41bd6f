import type { PixelBuffer } from '../stored-png.js';

export type ParameterValue = string | number | boolean;

/** One parameter a generator reads, with its default; anything else is refused. */
export interface ParameterSpec {
  type: 'string' | 'number' | 'boolean';
  default: ParameterValue;
  description: string;
  /** For strings: the accepted values. For numbers: [min, max]. */
  values?: readonly string[];
  range?: readonly [number, number];
}

/** A seeded image generator that looks vaguely like one modality. */
export interface SyntheticGenerator {
  name: string;
  description: string;
  parameters: Record<string, ParameterSpec>;
  /** Draws the image; `params` are already checked and completed with defaults. */
  render(params: Record<string, ParameterValue>, seed: number): PixelBuffer;
}

/** The size parameter every generator shares: small images keep the repository light. */
export const SIZE_PARAMETER: ParameterSpec = {
  type: 'number',
  default: 128,
  range: [32, 512],
  description: 'Width and height in pixels (integer).',
};
