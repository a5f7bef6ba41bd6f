/**
 * Coverage of an ultrasound fan: apex above the image centre, half-angle given by its slope
 * (|dx| / dy), between two depths. Linear falloff at the edges, no trigonometry.
 */
export function sectorMask(width: number, height: number, slope: number) {
  const ax = width / 2;
  const ay = -height * 0.08;
  const near = height * 0.14;
  const far = height * 1.02;
  return (x: number, y: number): number => {
    const dx = x + 0.5 - ax;
    const dy = y + 0.5 - ay;
    if (dy <= 0) return 0;
    const side = slope - Math.abs(dx) / dy;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (side <= 0 || d < near || d > far) return 0;
    const edge = Math.min(1, side / 0.04, (d - near) / 3, (far - d) / 3);
    return Math.max(edge, 0);
  };
}
