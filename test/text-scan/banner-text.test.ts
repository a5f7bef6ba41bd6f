import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../actions/lib/text-scan/decode-png.js';
import { scanFile, scanImages } from '../../actions/lib/text-scan/scan-file.js';

/**
 * Text taller than the 6–18 px of scanner overlays: a name across the top of a secondary capture,
 * a hand-typed label on a photograph. The line finder looks for it again at half size.
 */
describe('banner-sized text', () => {
  it('reads the large coloured words of a public GDCM test image (pydicom ships it) as text, not identifying', async () => {
    const file = '/usr/lib/python3/dist-packages/pydicom/data/test_files/GDCMJ2K_TextGBR.dcm';
    const scan = await scanFile(file, 'dicom');
    // "red", "green" and "blue", ~40–55 px tall, on mid grey.
    expect(scan.regions.map((r) => r.text).sort()).toEqual(['blue', 'green', 'red']);
    expect(scan.identifying).toBe(false);
  }, 60_000);

  it.each([
    ['Name: Olivia Brennan', 'name'],
    ['DOB 03/12/1961', 'date'],
    ['St Aldhelm Hospital', 'institution'],
  ])(
    'flags "%s" written 60 px tall across a 1024×768 frame (%s)',
    async (text, category) => {
      const banner = await sharp({
        text: {
          text: `<span foreground="white">${text}</span>`,
          font: 'DejaVu Sans Bold 60',
          rgba: true,
          dpi: 72,
        },
      })
        .png()
        .toBuffer();
      const frame = await sharp({ create: { width: 1024, height: 768, channels: 3, background: '#202020' } })
        .composite([{ input: banner, left: 40, top: 30 }])
        .png()
        .toBuffer();
      const scan = await scanImages([await decodePng(frame)]);
      expect(scan.identifying).toBe(true);
      expect(scan.regions.flatMap((r) => r.categories)).toContain(category);
    },
    60_000,
  );
});
