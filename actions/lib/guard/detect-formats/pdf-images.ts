import { inflateSync } from 'node:zlib';

/** Inflated stream bytes read per PDF at most: object streams can hide image dictionaries. */
const MAX_INFLATED = 64 * 1024 * 1024;

const IMAGE_XOBJECT = /\/Subtype\s*\/Image\b/;
/** Streams inflated per PDF at most; a PDF is reported whatever this finds, only the kind differs. */
const MAX_STREAMS = 2000;
/** Inline-image operators checked per text; real content streams have few. */
const MAX_INLINE_CANDIDATES = 10_000;

/** An inline image in a content stream: `BI`, a short parameter dictionary, `ID`, the samples. */
function hasInlineImage(text: string): boolean {
  let candidates = 0;
  for (
    let at = text.indexOf('BI');
    at >= 0 && candidates < MAX_INLINE_CANDIDATES;
    at = text.indexOf('BI', at + 2)
  ) {
    if (at > 0 && !/\s/.test(text[at - 1]!)) continue;
    if (!/^BI\s+\//.test(text.slice(at, at + 8))) continue;
    candidates++;
    const id = text.slice(at, at + 1024).search(/\sID[\s\0]/);
    if (id > 0) return true;
  }
  return false;
}

/** Decodes `#xx` escapes in PDF names, which a writer may use to spell /Im#61ge. */
function unescapeNames(text: string): string {
  return text.includes('#')
    ? text.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
    : text;
}

function mentionsImage(text: string): boolean {
  const plain = unescapeNames(text);
  return IMAGE_XOBJECT.test(plain) || hasInlineImage(plain);
}

/**
 * True when a PDF holds raster images: an image XObject or an inline image, in the file itself or
 * inside its deflated streams (object streams hide dictionaries there). Bounded by MAX_INFLATED.
 */
export function pdfHasImages(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  if (mentionsImage(text)) return true;
  let budget = MAX_INFLATED;
  let streams = 0;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    if (budget <= 0 || ++streams > MAX_STREAMS) break;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    if (end - start < 8) continue;
    let inflated: Buffer;
    try {
      inflated = inflateSync(pdf.subarray(start, end), { maxOutputLength: budget, finishFlush: 2 });
    } catch {
      continue;
    }
    budget -= inflated.length;
    if (mentionsImage(inflated.toString('latin1'))) return true;
  }
  return false;
}
