import packageJson from '../../../package.json' with { type: 'json' };
import type { Renderer } from './renderer.js';

/** Versions recorded in a lock: this tool, Node, and whatever the renderer reports (sharp, libvips, ffmpeg). */
export async function toolVersions(renderer: Renderer): Promise<Record<string, string>> {
  return {
    'clinical-manifests': packageJson.version,
    node: process.version,
    ...(await renderer.tools()),
  };
}
