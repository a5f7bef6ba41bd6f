import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderVideo } from '../../actions/lib/render/video/render-video.js';
import { makeIndexVideo } from '../render/fixtures/make-video.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-bounds-tracings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('EchoNet tracings linked out of the data root', () => {
  it('are refused, naming the video; the same file inside the root is read', async () => {
    const root = join(dir, 'root');
    const video = join(root, 'EchoNet-Dynamic', 'Videos', '0X1A2B.avi');
    mkdirSync(join(root, 'EchoNet-Dynamic', 'Videos'), { recursive: true });
    makeIndexVideo(video, 20, 'avi', 50);
    const chords = (frame: number, half: number) => [
      `0X1A2B,50,10,50,90,${frame}`,
      ...[20, 40, 60, 80].map((y) => `0X1A2B,${50 - half},${y},${50 + half},${y},${frame}`),
    ];
    const csv = `${['FileName,X1,Y1,X2,Y2,Frame', ...chords(4, 10), ...chords(9, 30)].join('\r\n')}\r\n`;
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'VolumeTracings.csv'), csv);
    const tracings = join(root, 'EchoNet-Dynamic', 'VolumeTracings.csv');
    symlinkSync(join(dir, 'elsewhere', 'VolumeTracings.csv'), tracings);

    const error = await renderVideo(
      video,
      { frame: { annotation: 'end-diastole' } },
      { dataRoot: root },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('video/tracings-escape');
    expect((error as InputError).message).toBe(
      `${video}: VolumeTracings.csv resolves outside the dataset root`,
    );

    rmSync(tracings);
    writeFileSync(tracings, csv);
    const image = await renderVideo(video, { frame: { annotation: 'end-diastole' } }, { dataRoot: root });
    expect(image.resolved.annotation).toBe('end-diastole');
  });
});
