/** An axis-aligned pixel rectangle, right and bottom exclusive. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const boxWidth = (b: Box): number => b.right - b.left;
export const boxHeight = (b: Box): number => b.bottom - b.top;

export function unionBox(a: Box, b: Box): Box {
  return {
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  };
}

/** The smallest box holding every one of `boxes` (at least one). */
export function boundingBox(boxes: readonly Box[]): Box {
  return boxes.reduce<Box>((acc, b) => unionBox(acc, b), boxes[0]!);
}

export const boxesOverlap = (a: Box, b: Box): boolean =>
  Math.min(a.right, b.right) > Math.max(a.left, b.left) &&
  Math.min(a.bottom, b.bottom) > Math.max(a.top, b.top);

/** Grows a box by `pad` pixels on each side, clipped to the frame. */
export function padBox(b: Box, padX: number, padY: number, width: number, height: number): Box {
  return {
    left: Math.max(0, Math.floor(b.left - padX)),
    top: Math.max(0, Math.floor(b.top - padY)),
    right: Math.min(width, Math.ceil(b.right + padX)),
    bottom: Math.min(height, Math.ceil(b.bottom + padY)),
  };
}
