/**
 * Names that one file system keeps apart and another merges: `Outputs/a.png` and `outputs/A.png` are
 * one file on macOS and Windows, and `é` composed (NFC) and decomposed (NFD) are one name on macOS.
 * Two such names in one repository or outputs folder overwrite each other on some machines.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** The key two names share when they differ only by case or Unicode normalisation (NFC/NFD/NFKC). */
export function foldName(name: string): string {
  // ASCII is its own NFKC form and lower-cases to ASCII: the common case skips two normalisations.
  if (ASCII.test(name)) return name.toLowerCase();
  return name.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** A name that folds to the same key as an earlier, different one. */
export interface FoldedCollision<T> {
  name: string;
  item: T;
  earlierName: string;
  earlier: T;
}

/**
 * Every name (after the first) whose folded key an earlier, different name already has. Equal names
 * are not collisions here: duplicates are another rule's business.
 */
export function foldedCollisions<T>(entries: Iterable<{ name: string; item: T }>): FoldedCollision<T>[] {
  const first = new Map<string, { name: string; item: T }>();
  const collisions: FoldedCollision<T>[] = [];
  for (const entry of entries) {
    const key = foldName(entry.name);
    const earlier = first.get(key);
    if (!earlier) first.set(key, entry);
    else if (earlier.name !== entry.name)
      collisions.push({
        name: entry.name,
        item: entry.item,
        earlierName: earlier.name,
        earlier: earlier.item,
      });
  }
  return collisions;
}
