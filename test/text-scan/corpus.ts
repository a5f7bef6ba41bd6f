import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface CorpusItem {
  file: string;
  kind: 'image' | 'dicom' | 'video';
  label: 'identifying' | 'machine' | 'none';
  width: number;
  height: number;
  text_px: number;
}

/** Writes a frame set made by code (make-text-frames.py) into `dir` and lists it. */
export function makeCorpus(dir: string, set: 'tune' | 'holdout' | 'holdout2'): CorpusItem[] {
  execFileSync('/usr/bin/python3', [path.join(import.meta.dirname, 'make-text-frames.py'), dir, set], {
    stdio: 'inherit',
  });
  return JSON.parse(readFileSync(path.join(dir, 'corpus.json'), 'utf8')) as CorpusItem[];
}
