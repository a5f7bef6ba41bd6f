/** See scripts/malloc-arenas.js (plain JavaScript, loaded by the bin before anything is built). */
export function rerunWithFewArenas(
  script: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number | undefined>;
