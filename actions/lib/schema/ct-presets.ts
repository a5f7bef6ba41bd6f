/**
 * Published CT window presets (centre, width in HU); apart from the zod schemas so that a renderer
 * loads without them.
 */
export const CT_PRESETS = {
  brain: { center: 40, width: 80 },
  subdural: { center: 75, width: 215 },
  stroke: { center: 40, width: 40 },
  bone: { center: 400, width: 1800 },
  lung: { center: -600, width: 1500 },
  mediastinum: { center: 50, width: 350 },
  abdomen: { center: 40, width: 400 },
  liver: { center: 30, width: 150 },
} as const;
export type CtPreset = keyof typeof CT_PRESETS;
