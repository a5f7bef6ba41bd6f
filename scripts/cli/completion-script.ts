import { COMMON_OPTIONS } from './command.js';

/** What a shell may offer after a command's name: its verbs or kinds, and its long options. */
export interface CompletionEntry {
  name: string;
  summary: string;
  words: string[];
}

/**
 * Reads the words to offer from a command's usage text, so a new command completes without extra
 * work: subcommands (`datasets list`), choices (`<dicom|video>`) and every `--option`.
 */
export function completionEntry(command: { name: string; summary: string; usage: string }): CompletionEntry {
  const words = new Set<string>();
  for (const line of command.usage.split('\n')) {
    const head = new RegExp(`^\\s*(?:usage:\\s*)?clinical-manifests ${command.name}\\s+(.*)$`).exec(line);
    if (!head) continue;
    const next = head[1]!.split(/\s+/)[0]!;
    if (/^[a-z][a-z-]*$/.test(next)) words.add(next);
    const choice = /^<([a-z0-9|-]+)>$/.exec(next);
    if (choice) for (const w of choice[1]!.split('|')) words.add(w);
  }
  for (const m of command.usage.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) words.add(m[0]);
  for (const o of Object.keys(COMMON_OPTIONS)) words.add(`--${o}`);
  return { name: command.name, summary: command.summary, words: [...words] };
}

function shellWords(words: readonly string[]): string {
  return words.join(' ');
}

/** A bash completion script: `source <(clinical-manifests completion bash)`. */
export function bashCompletion(entries: readonly CompletionEntry[]): string {
  const names = [...entries.map((e) => e.name), 'help', 'version'];
  const cases = entries.map((e) => `    ${e.name}) words="${shellWords(e.words)}" ;;`);
  return `# bash completion for clinical-manifests; load with: source <(clinical-manifests completion bash)
_clinical_manifests() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${shellWords(names)} --help --version" -- "$cur"))
    return 0
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    help) words="${shellWords(entries.map((e) => e.name))}" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _clinical_manifests clinical-manifests
`;
}

function zshQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A zsh completion script: `source <(clinical-manifests completion zsh)`, or saved as _clinical-manifests on $fpath. */
export function zshCompletion(entries: readonly CompletionEntry[]): string {
  const described = [
    ...entries.map((e) => `${e.name}:${e.summary.replace(/:/g, '\\:')}`),
    "help:a command's options",
    "version:this package's version",
  ];
  const cases = entries.map((e) => `    ${e.name}) opts=(${e.words.join(' ')}) ;;`);
  return `#compdef clinical-manifests
# zsh completion for clinical-manifests; load with: source <(clinical-manifests completion zsh)
_clinical_manifests() {
  local -a commands opts
  commands=(
${described.map((d) => `    ${zshQuote(d)}`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case \${words[2]} in
${cases.join('\n')}
    help) opts=(${entries.map((e) => e.name).join(' ')}) ;;
  esac
  compadd -a opts
  _files
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _clinical_manifests "$@"
else
  compdef _clinical_manifests clinical-manifests
fi
`;
}
