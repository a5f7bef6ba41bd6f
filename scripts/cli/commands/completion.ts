import { UsageError } from '../../../actions/lib/errors.js';
import { type Command, parseCommandArgs } from '../command.js';
import { bashCompletion, completionEntry, zshCompletion } from '../completion-script.js';

export const completionCommand: Command = {
  name: 'completion',
  summary: 'print a shell completion script for bash or zsh',
  usage: `
usage: clinical-manifests completion bash|zsh

  bash   source <(clinical-manifests completion bash)   (or save it in ~/.local/share/bash-completion/completions/clinical-manifests)
  zsh    source <(clinical-manifests completion zsh)    (or save it as _clinical-manifests in a folder on $fpath)
Commands and options come from the command registry, so every command completes.`,
  async run(io) {
    const { positionals } = parseCommandArgs(io.argv, {}, true);
    const [shell, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (shell !== 'bash' && shell !== 'zsh')
      throw new UsageError(shell ? `no completion for "${shell}": bash or zsh` : 'name a shell: bash or zsh');
    // The registry imports this module; read it when run, not when loaded.
    const { commands } = await import('./index.js');
    const entries = commands.map(completionEntry);
    io.stdout.write(shell === 'bash' ? bashCompletion(entries) : zshCompletion(entries));
    return 0;
  },
};
