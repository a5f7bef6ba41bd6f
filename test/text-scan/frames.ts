import sharp from 'sharp';

/** A 448×336 frame with speckle in a sector and the given lines burned in (sharp renders the text). */
export async function frameWithText(
  lines: { text: string; colour: string; left: number; top: number }[],
  seed = 7,
): Promise<Buffer> {
  const width = 448;
  const height = 336;
  const data = new Uint8Array(width * height * 3);
  let s = seed;
  for (let y = 40; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(x - width / 2) > (y - 30) * 0.7) continue;
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const v = Math.floor((s / 0x7fffffff) * 100);
      data.set([v, v, v], (y * width + x) * 3);
    }
  }
  const overlays = await Promise.all(
    lines.map(async (l) => ({
      input: await sharp({
        text: {
          text: `<span foreground="${l.colour}">${l.text}</span>`,
          font: 'DejaVu Sans 12',
          rgba: true,
          dpi: 72,
        },
      })
        .png()
        .toBuffer(),
      left: l.left,
      top: l.top,
    })),
  );
  return sharp(data, { raw: { width, height, channels: 3 } })
    .composite(overlays)
    .png()
    .toBuffer();
}

export const NAME_FRAME = [
  { text: 'HALVORSEN^GRETA  ID 5530917', colour: '#00ffff', left: 8, top: 8 },
  { text: '9 cm  5.0MHz', colour: '#e0e0e0', left: 320, top: 312 },
];
export const MACHINE_FRAME = [
  { text: 'TIs 0.3  MI 0.9', colour: '#ffff00', left: 8, top: 8 },
  { text: '14 cm  28 fps', colour: '#e0e0e0', left: 320, top: 312 },
];
