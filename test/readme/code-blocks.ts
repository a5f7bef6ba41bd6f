/** Fenced code blocks of the repository's READMEs, and the command lines of shell blocks. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/repository-copy.js';

export interface CodeBlock {
  /** `README.md:18`: the file and the line of the opening fence. */
  where: string;
  lang: string;
  text: string;
  /** 1-based line of the block's first line of content. */
  line: number;
  file: string;
}

/** README.md and every actions/<name>/README.md, read when the test runs. */
export function readmeFiles(): string[] {
  const actions = readdirSync(path.join(REPO_ROOT, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `actions/${d.name}/README.md`)
    .filter((f) => {
      try {
        readFileSync(path.join(REPO_ROOT, f));
        return true;
      } catch {
        return false;
      }
    });
  return ['README.md', ...actions.sort()];
}

/** Every fenced block (``` or ~~~), with its info string's first word as the language. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence); j++) body.push(lines[j]!);
    blocks.push({
      where: `${file}:${i + 1}`,
      lang: open[3]!.toLowerCase(),
      text: `${body.join('\n')}\n`,
      line: i + 2,
      file,
    });
    i = j;
  }
  return blocks;
}

export interface CommandLine {
  where: string;
  /** The command as a shell reads it (continuations joined), without its trailing comment. */
  command: string;
  /** The trailing `# …` comment, if any. */
  comment: string;
}

/** The commands of a shell block: `\` continuations joined, trailing comments split off. */
export function commandLines(block: CodeBlock): CommandLine[] {
  const out: CommandLine[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!;
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]!.trim()}`;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    // A comment starts at ` #` outside quotes; README commands do not quote `#`.
    const hash = trimmed.search(/\s#\s/);
    out.push({
      where: `${block.file}:${block.line + start}`,
      command: (hash < 0 ? trimmed : trimmed.slice(0, hash)).trim(),
      comment: hash < 0 ? '' : trimmed.slice(hash).replace(/^\s*#\s*/, ''),
    });
  }
  return out;
}
