import { inflateSync } from 'node:zlib';

/** Inflated stream bytes read per PDF at most: object streams can hide image dictionaries. */
const MAX_INFLATED = 64 * 1024 * 1024;

const IMAGE_XOBJECT = /\/Subtype\s*\/Image\b/;
/** An inline image in a content stream: BI, its parameters, ID, the samples. */
const INLINE_IMAGE = /(?:^|\s)BI\s+\/[\s\S]{0,4096}?\sID[\s\0]/;

/** Decodes `#xx` escapes in PDF names, which a writer may use to spell /Im#61ge. */
function unescapeNames(text: string): string {
  return text.includes('#')
    ? text.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)))
    : text;
}

function mentionsImage(text: string): boolean {
  const plain = unescapeNames(text);
  return IMAGE_XOBJECT.test(plain) || INLINE_IMAGE.test(plain);
}

/**
 * True when a PDF holds raster images: an image XObject or an inline image, in the file itself or
 * inside its deflated streams (object streams hide dictionaries there). Bounded by MAX_INFLATED.
 */
export function pdfHasImages(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  if (mentionsImage(text)) return true;
  let budget = MAX_INFLATED;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    if (budget <= 0) break;
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
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
