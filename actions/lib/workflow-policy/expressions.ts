/** Every `${{ … }}` in a string, with its full text and its inside. */
export function expressionsIn(text: string): { text: string; inner: string }[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ text: m[0], inner: m[1]!.trim() }));
}
