import type { Box } from './box.js';
import type { TextCategory } from './text-categories.js';

/** One flagged output as the review page shows it. */
export interface ReviewItem {
  /** Output path relative to the outputs directory. */
  output: string;
  png: Uint8Array;
  width: number;
  height: number;
  pixelsSha256: string;
  regions: { box: Box; categories: TextCategory[]; identifying: boolean }[];
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Text content needs only &, < and > escaped; quotes stay, so the page source pastes as JSON. */
const escapeText = (s: string): string =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

function policyEntry(item: ReviewItem): string {
  const entry = {
    output: item.output,
    pixels_sha256: item.pixelsSha256,
    reason: 'reviewed by <name> on <date>: <why this text is not identifying>',
  };
  return JSON.stringify(entry, null, 2);
}

function figure(item: ReviewItem, index: number): string {
  const boxes = item.regions
    .map((r) => {
      const { left, top, right, bottom } = r.box;
      const colour = r.identifying ? '#ff2d55' : '#30d158';
      return `<rect class="box${r.identifying ? ' identifying' : ''}" x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="${colour}" stroke-width="2" vector-effect="non-scaling-stroke"><title>${escapeHtml(r.categories.join(', '))}</title></rect>`;
    })
    .join('');
  const categories = [...new Set(item.regions.flatMap((r) => r.categories))].sort();
  const src = `data:image/png;base64,${Buffer.from(item.png).toString('base64')}`;
  return `<section class="frame" id="frame-${index}" data-output="${escapeHtml(item.output)}">
<h2>${escapeHtml(item.output)}</h2>
<div class="pic" style="aspect-ratio:${item.width}/${item.height}"><img alt="${escapeHtml(item.output)}" src="${src}" width="${item.width}" height="${item.height}"><svg viewBox="0 0 ${item.width} ${item.height}" preserveAspectRatio="none">${boxes}</svg></div>
<p class="categories">${item.regions.filter((r) => r.identifying).length} identifying of ${item.regions.length} text region(s): ${escapeHtml(categories.join(', '))}</p>
<p>After review, add to <code>reviewed_burned_in_text</code> in manifests/policy.json:</p>
<pre class="policy">${escapeText(policyEntry(item))}</pre>
</section>`;
}

/**
 * One self-contained HTML contact sheet: every flagged frame inline (data: URLs), boxes drawn over
 * each text region, and the policy entry to paste. A Content-Security-Policy forbids every request,
 * so opening it from disk loads nothing. It holds patient pixels: it stays on the runner.
 */
export function renderReviewPage(items: ReviewItem[], scanned: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="clinical-manifests review-images">
<title>Burned-in text review: ${items.length} flagged of ${scanned}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5rem;background:#111;color:#eee}
.frame{display:inline-block;vertical-align:top;width:420px;margin:0 1rem 1.5rem 0}
.pic{position:relative;width:100%}.pic img,.pic svg{position:absolute;inset:0;width:100%;height:100%}
.pic img{image-rendering:pixelated}pre{background:#222;padding:.5rem;white-space:pre-wrap;font-size:12px}
h2{font-size:14px;word-break:break-all}
</style></head><body>
<h1>Burned-in text review</h1>
<p>${items.length} of ${scanned} output(s) show text the scanner classed as identifying. This page holds
patient pixels: keep it on the runner, never commit or upload it.</p>
${items.map(figure).join('\n')}
</body></html>
`;
}
