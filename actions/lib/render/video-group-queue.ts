import type { RenderContext } from './render-context.js';
import type { RenderedImage } from './rendered-image.js';
import { renderVideos, VIDEO_GROUP } from './video/render-videos.js';

interface Waiting {
  file: string;
  frame: 'middle' | number;
  context: RenderContext;
  resolve: (image: RenderedImage) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects video renders (middle or indexed frame) made one at a time by callers that each want one
 * clip, such as regenerate's items, and decodes them several per ffmpeg process with renderVideos:
 * a Debian ffmpeg spends ~100 ms starting, more than a small clip's decode. At most `processes`
 * groups run at once; whatever arrives while they run forms the next group (up to VIDEO_GROUP), so
 * groups grow with the load and a lone request still starts at once. Results and errors are exactly
 * renderVideos' (which falls back to one process per clip for anything unusual).
 */
export class VideoGroupQueue {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private scheduled = false;

  constructor(private readonly processes: number) {}

  render(file: string, frame: 'middle' | number, context: RenderContext = {}): Promise<RenderedImage> {
    context.signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      // An aborted caller stops waiting at once; a group already decoding its clip just finishes.
      const signal = context.signal;
      const onAbort = () => reject(signal!.reason);
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          done(value);
        };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push({ file, frame, context, resolve: settle(resolve), reject: settle(reject) });
      this.schedule();
    });
  }

  /** Starts a group on the next turn of the event loop, so requests made together go together. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.processes || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startGroup();
    });
  }

  private startGroup(): void {
    const group = this.waiting.splice(0, VIDEO_GROUP).filter((w) => !w.context.signal?.aborted);
    if (group.length === 0) {
      this.schedule();
      return;
    }
    this.running++;
    const { timeoutMs } = group[0]!.context;
    renderVideos(
      group.map(({ file, frame }) => ({ file, frame })),
      timeoutMs !== undefined ? { timeoutMs } : {},
      { singleThreaded: this.processes > 1 },
    )
      .then(
        (outcomes) =>
          outcomes.forEach((outcome, i) => {
            if ('error' in outcome) group[i]!.reject(outcome.error);
            else group[i]!.resolve(outcome.image);
          }),
        (error: unknown) => {
          for (const w of group) w.reject(error);
        },
      )
      .finally(() => {
        this.running--;
        this.schedule();
      });
    this.schedule();
  }
}
