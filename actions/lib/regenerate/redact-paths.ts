/**
 * Rewrites a failure message so it names the source by its path inside the dataset, never by where
 * the data root sits on the runner: messages reach job summaries, and a machine's layout is nobody's
 * business there.
 */
export function redactPaths(
  message: string,
  absoluteFile: string,
  relativeSource: string,
  dataRoot: string,
): string {
  return message.split(absoluteFile).join(relativeSource).split(dataRoot).join('<data root>');
}
