import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { readAllLocks } from '../../actions/lib/locks/lock-store.js';
import { createDefaultRenderer } from '../../actions/lib/regenerate/default-renderer.js';
import { pixelsSha256 } from '../../actions/lib/render/encode-png.js';
import { renderVideo } from '../../actions/lib/render/video/render-video.js';
import { makeIndexVideo, readFrameIndex } from '../render/fixtures/make-video.js';
import { makeWorkspace, regenerateIn, sourcePath, type Workspace } from './workspace.js';

let ws: Workspace;
const savedFfmpeg = process.env.FFMPEG_PATH;
afterEach(() => {
  ws?.cleanup();
  if (savedFfmpeg === undefined) delete process.env.FFMPEG_PATH;
  else process.env.FFMPEG_PATH = savedFfmpeg;
});

describe('regenerate over videos', () => {
  it('decodes several clips per ffmpeg process, with the same frames as one clip at a time', async () => {
    ws = makeWorkspace({ files: 0 });
    const clips = 20;
    const frameCounts: number[] = [];
    for (let i = 0; i < clips; i++) {
      const frames = 9 + i; // middle frames 4 … 14
      frameCounts.push(frames);
      const file = sourcePath(ws, `videos/clip-${String(i).padStart(2, '0')}.${i % 2 ? 'avi' : 'mp4'}`);
      mkdirSync(path.dirname(file), { recursive: true });
      makeIndexVideo(file, frames, i % 2 ? 'avi' : 'mp4');
    }
    writeFileSync(
      path.join(ws.repo, 'manifests/selections', `${ws.dataset}-all.json`),
      `${JSON.stringify(
        {
          id: `${ws.dataset}-all`,
          dataset: ws.dataset,
          include: ['videos/**/*.mp4', 'videos/**/*.avi'],
          recipe: { kind: 'video', frame: 'middle' },
          output_dir: `bulk/${ws.dataset}`,
        },
        null,
        2,
      )}\n`,
    );
    // An ffmpeg that logs each decoding run (not the version probe), then runs the real one.
    const log = path.join(ws.root, 'ffmpeg-runs.log');
    const wrapper = path.join(ws.root, 'ffmpeg');
    writeFileSync(
      wrapper,
      `#!/bin/sh\ncase "$*" in *-i*) echo run >> '${log}';; esac\nexec /usr/bin/ffmpeg "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    writeFileSync(log, '');
    process.env.FFMPEG_PATH = wrapper;

    const renderer = createDefaultRenderer(2);
    const result = await regenerateIn(ws, { renderer, jobs: 2 }).finally(() => renderer.close?.());
    expect(result.failures).toEqual([]);
    expect(result.rendered).toBe(clips);
    const runs = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
    // One process per clip would be 20 runs; groups of up to 16 with 2 at a time take a handful.
    expect(runs).toBeLessThanOrEqual(clips / 2);

    const entries = [
      ...(await readAllLocks(path.join(ws.repo, 'manifests/locks'))).get(ws.dataset)!.entries.values(),
    ];
    expect(entries).toHaveLength(clips);
    for (const entry of entries) {
      const i = Number(/clip-(\d+)/.exec(entry.source.path)![1]);
      const middle = Math.floor(frameCounts[i]! / 2);
      expect((entry.recipe.resolved as { frame?: number } | undefined)?.frame, entry.output).toBe(middle);
      const png = path.join(ws.out, entry.output);
      const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
      expect(readFrameIndex(info.width, data), entry.output).toBe(middle);
      const alone = await renderVideo(sourcePath(ws, entry.source.path), { frame: 'middle' });
      expect(entry.pixels_sha256, entry.output).toBe(pixelsSha256(alone));
    }
  }, 120_000);
});
