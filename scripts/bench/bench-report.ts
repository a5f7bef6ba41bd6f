/**
 * The bench report: machine facts (a figure means little without the machine it came from, and on a
 * shared machine without its load) and the Markdown rendering of the figures.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import type { BenchResult } from './bench-result.js';
import { DEBIAN_PYTHON, formatNumber } from './bench-util.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Where the figures were measured. */
export interface MachineFacts {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** 1, 5 and 15 minute load averages when the run started and when it ended. */
  loadAtStart: number[];
  loadAtEnd?: number[];
  /** Versions of the tools on both sides of the comparisons. */
  tools: Record<string, string>;
}

/** A whole run of the bench. */
export interface BenchReport {
  mode: 'full' | 'quick' | 'smoke';
  startedAt: string;
  seconds: number;
  commit: string;
  machine: MachineFacts;
  results: BenchResult[];
}

function firstLine(file: string, args: string[]): string | undefined {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]!
      .trim();
  } catch {
    return undefined;
  }
}

/** Versions of openssl, ffmpeg, sharp/libvips and the Debian Python stack (what exists). */
function toolVersions(): Record<string, string> {
  const tools: Record<string, string> = { sharp: sharp.versions.sharp, libvips: sharp.versions.vips };
  const openssl = firstLine('openssl', ['version']);
  if (openssl) tools.openssl = openssl;
  const ffmpeg = firstLine(ffmpegPath(), ['-hide_banner', '-version']);
  if (ffmpeg) tools.ffmpeg = ffmpeg.replace(/^ffmpeg version (\S+).*/, '$1');
  const python = firstLine(DEBIAN_PYTHON, [
    '-c',
    `import sys, json
out = {"python": sys.version.split()[0]}
for name in ("pydicom", "PIL", "numpy", "cv2"):
    try:
        out[name] = __import__(name).__version__
    except Exception:
        out[name] = "missing"
print(json.dumps(out))`,
  ]);
  if (python) {
    for (const [name, version] of Object.entries(JSON.parse(python) as Record<string, string>))
      tools[name === 'python' ? `python (${DEBIAN_PYTHON})` : name] = version;
  }
  return tools;
}

/** Facts about this machine now. */
export function machineFacts(): MachineFacts {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1e9),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAtStart: os.loadavg(),
    tools: toolVersions(),
  };
}

/** `abc1234` plus a mark when the work tree differs from it. */
export function currentCommit(): string {
  const sha = firstLine('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']) ?? 'unknown';
  let dirty = false;
  try {
    dirty =
      execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--untracked-files=no'], {
        encoding: 'utf8',
      }).trim() !== '';
  } catch {
    // Not a git checkout: say nothing about it.
  }
  return dirty ? `${sha} (work tree has uncommitted changes)` : sha;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function valueText(r: BenchResult): string {
  return Number.isFinite(r.value) ? `${formatNumber(r.value)} ${r.unit}` : '—';
}

function ratioText(r: BenchResult): string {
  if (r.ratio === undefined || !Number.isFinite(r.ratio)) return '—';
  return `${formatNumber(r.ratio)}${r.ratioUnit ?? (r.anchor ? '× the anchor' : '×')}`;
}

/** The report as Markdown: a table of every figure, then each figure's notes. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const load = (l: number[] | undefined) => (l ? l.map((x) => x.toFixed(2)).join(' / ') : '—');
  const lines = [
    `# Benchmark report (${report.mode})`,
    '',
    `Run ${report.startedAt}, ${formatNumber(report.seconds)} s, commit ${report.commit}.`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}; ` +
      `load average (1/5/15 min) ${load(m.loadAtStart)} at the start, ${load(m.loadAtEnd)} at the end.`,
    '',
    `Tools: ${Object.entries(m.tools)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  ];
  if (report.mode !== 'full') {
    lines.push(
      report.mode === 'smoke'
        ? '_Smoke run: tiny sizes, to prove every bench still runs. No figure here means anything._'
        : '_Quick run: reduced sizes, where fixed start-up costs weigh more. The targets are stated for the full sizes and enforced only there (`npm run bench`)._',
      '',
    );
  }
  lines.push(
    '| figure | value | anchor | ratio | target | met |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
  );
  for (const r of report.results) {
    const anchor = r.anchor ? `${formatNumber(r.anchor.value)} ${r.anchor.unit} (${r.anchor.name})` : '—';
    const met = r.error ? 'error' : r.met ? 'yes' : '**no**';
    lines.push(
      `| ${cell(r.title)} | ${valueText(r)} | ${cell(anchor)} | ${ratioText(r)} | ${cell(r.target)} | ${met} |`,
    );
  }
  lines.push('');
  for (const r of report.results) {
    lines.push(`### ${r.id}: ${r.title}`, '');
    if (r.error) lines.push(`- **the bench failed:** ${r.error}`);
    for (const note of r.notes ?? []) lines.push(`- ${note}`);
    if (r.seconds !== undefined) lines.push(`- bench time ${formatNumber(r.seconds)} s (set-up included)`);
    lines.push('');
  }
  return lines.join('\n');
}
