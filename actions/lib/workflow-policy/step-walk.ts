/**
 * The steps of a job, including the steps of the repository's composite actions it uses (to any
 * depth; a composite's steps run with the calling job's runner, token and trust), checked one by one
 * while outsider data is followed through env, inputs and step outputs.
 */
import type { Node } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { inputProblems, shardedPublish } from './action-inputs.js';
import { hiddenUploads } from './hidden-commands.js';
import {
  actionOf,
  isPlainRepositoryPath,
  pathCovers,
  persistedCredentialCheckouts,
  pullRequestHeadCheckouts,
} from './step-rules.js';
import { copyScope, emptyScope, isTainted, type TaintScope, taintedExpressions } from './taint.js';
import {
  copiesInto,
  isUploadAction,
  scriptSends,
  unpinnedContainerRun,
  uploadCommand,
} from './upload-rules.js';
import { isLocalAction, localActionDir, type WorkflowIndex } from './workflow-index.js';
import {
  entriesOf,
  itemsOf,
  mapAt,
  nodeAt,
  positionInNode,
  positionOf,
  stringOf,
  type YamlFile,
} from './yaml-file.js';

export interface StepContext {
  /** `job "x" of file`, for messages. */
  where: string;
  selfHosted: boolean;
  /** Events (words) on which the job holds a write token and secrets for outsiders; else undefined. */
  privileged: string | undefined;
  protectedDirs: readonly string[];
  index: WorkflowIndex;
  report: boolean;
  findings: Finding[];
  /** The job runs as a matrix: several copies of each step at once. */
  matrix?: boolean;
}

const SHA_PIN = /@[0-9a-f]{40}$/;
/** `with:` keys that name what an upload action sends. */
const PATH_INPUTS =
  /^(?:path|paths|files?|source(?:[-_]?dir)?|dir|directory|folder|local[-_]?path|asset[-_]?path|artifacts?|publish[-_]?dir|src|target)$/i;
/** Script lines that read the event payload or the pull request through the API write their outputs. */
const READS_PAYLOAD = /GITHUB_EVENT_PATH|\bgh\s+(?:pr|issue|api)\b|\bjq\b.*\.(?:title|body|head|comment)/;

/** Walks the steps; returns the ids of steps whose outputs may carry outsider data. */
export function walkSteps(
  yaml: YamlFile,
  steps: readonly Node[],
  jobScope: TaintScope,
  ctx: StepContext,
  depth = 0,
  seen: ReadonlySet<string> = new Set(),
): Set<string> {
  const scope = copyScope(jobScope);
  const add = (rule: string, node: unknown, message: string, severity: Finding['severity'] = 'error') => {
    if (ctx.report)
      ctx.findings.push({ rule, severity, file: yaml.file, ...positionOf(yaml, node), message });
  };
  const inside = yaml.file.startsWith('.github/workflows/')
    ? ctx.where
    : `${yaml.file}, used by ${ctx.where}`;

  // Script lines of the steps so far: what they copy into a folder an upload later sends.
  const earlierLines: string[] = [];
  // Folders an earlier step checked this repository out into (`path: .trusted-base`): an action under
  // one is this repository's action at another commit, with the same inputs as far as we can know.
  const checkoutDirs: string[] = [];
  for (const step of steps) {
    const stepScope = copyScope(scope);
    for (const [name, value] of entriesOf(nodeAt(step, 'env')))
      if (isTainted(stringOf(value), stepScope)) stepScope.env.add(name.toLowerCase());
    const usesNode = nodeAt(step, 'uses');
    const uses = stringOf(usesNode)?.trim();
    const action = uses === undefined ? undefined : actionOf(uses);
    const withMap = mapAt(step, 'with');
    const run = nodeAt(step, 'run');
    const runText = stringOf(run);

    // Outsider text inlined where it runs as code.
    const sinks: [Node | undefined, string][] = [[run, 'run']];
    if (action === 'actions/github-script') sinks.push([nodeAt(withMap, 'script'), 'script']);
    // A docker:// step's args become its command line (`entrypoint: sh`, `args: -c "…"`).
    if (action?.startsWith('docker://'))
      for (const key of ['args', 'entrypoint']) sinks.push([nodeAt(withMap, key), key]);
    for (const [node, key] of sinks) {
      const text = stringOf(node);
      if (!node || text === undefined) continue;
      let from = 0;
      for (const expression of taintedExpressions(text, stepScope)) {
        const pos = positionInNode(yaml, node, expression.text, from);
        from = pos.next;
        if (ctx.report)
          ctx.findings.push({
            rule: 'workflow/untrusted-expression',
            severity: 'error',
            file: yaml.file,
            line: pos.line,
            column: pos.column,
            message: `${inside}: "${expression.inner}" carries text outsiders write and is inlined into \`${key}:\`, where it runs as code; pass it through env: and quote "$VAR"`,
          });
      }
    }

    if (uses !== undefined && !isLocalAction(uses) && ctx.selfHosted) {
      const owner = action?.split('/')[0];
      const pinned = uses.startsWith('docker://') ? /@sha256:[0-9a-f]{64}$/.test(uses) : SHA_PIN.test(uses);
      // GitHub's own actions may stay at a tag; a path with `..` or `//` is not GitHub's, whoever it names.
      const github = (owner === 'actions' || owner === 'github') && !/\.\.|\/\/|\\/.test(uses);
      if (!pinned && !github)
        add(
          'workflow/unpinned-action',
          usesNode,
          `${inside} runs on a self-hosted runner next to licensed data and uses ${action} at a movable ref; pin it by full commit SHA`,
        );
    }

    if (ctx.selfHosted) {
      // Commands in env values, a custom shell or an action's inputs run here as a script does.
      for (const [node, kind] of [
        ...hiddenUploads(nodeAt(step, 'env')),
        ...hiddenUploads(nodeAt(step, 'shell')),
        ...hiddenUploads(withMap),
      ])
        add(
          'workflow/self-hosted-upload',
          node,
          `${inside} runs on a self-hosted runner next to licensed data and sends files off it (${kind}, outside run:)`,
        );
      // Artifacts of another run may come from a fork's pull request: its files would run here.
      const otherRun =
        (action === 'actions/download-artifact' &&
          entriesOf(withMap).some(([k]) => /^(?:run-id|github-token|repository)$/i.test(k))) ||
        (action !== undefined &&
          !action.startsWith('actions/') &&
          /download.*artifact|artifact.*download/.test(action)) ||
        (runText !== undefined && /\bgh\s+run\s+download\b|\bgh\s+api\b[^\n]*\/artifacts\b/.test(runText));
      if (otherRun)
        add(
          'workflow/untrusted-checkout',
          usesNode ?? run,
          `${inside} runs on a self-hosted runner next to licensed data and downloads artifacts of another run, which a fork's pull request may have made`,
        );
    }
    if (ctx.selfHosted && action === 'actions/checkout') {
      // Another repository's code at a branch or tag runs here as much as an unpinned action does.
      const repository = stringOf(nodeAt(withMap, 'repository'))?.trim();
      const ref = stringOf(nodeAt(withMap, 'ref'))?.trim() ?? '';
      if (
        repository &&
        !/^\$\{\{\s*github\.repository\s*\}\}$/i.test(repository) &&
        !/^[0-9a-f]{40}$/.test(ref)
      )
        add(
          'workflow/unpinned-action',
          nodeAt(withMap, 'repository'),
          `${inside} runs on a self-hosted runner next to licensed data and checks out ${repository} at a movable ref; pin \`ref:\` to a full commit SHA`,
        );
    }
    if (ctx.selfHosted && action === 'actions/github-script') {
      const script = stringOf(nodeAt(withMap, 'script'));
      if (script !== undefined && scriptSends(script))
        add(
          'workflow/self-hosted-upload',
          nodeAt(withMap, 'script'),
          `${inside} runs on a self-hosted runner next to licensed data: its github-script reads files or writes through the API with the job's token, which sends data off the runner`,
        );
    }

    // Uploads: anything at all next to the data; the protected directories from anywhere.
    if (action && isUploadAction(action)) {
      const paths = entriesOf(withMap)
        .filter(([k]) => PATH_INPUTS.test(k))
        .flatMap(([, v]) => (stringOf(v) ?? '').split('\n'))
        .map((p) => p.trim())
        .filter((p) => p && !p.startsWith('!'));
      const artifact = /^actions\/upload-(?:pages-)?artifact$/.test(action);
      // A plain folder is only as clean as what earlier steps copied into it.
      const filled = paths.find((p) => earlierLines.some((l) => copiesInto(l, p, ctx.protectedDirs)));
      if (ctx.selfHosted && artifact && filled)
        add(
          'workflow/self-hosted-upload',
          usesNode,
          `${inside} runs on a self-hosted runner next to licensed data: ${action} sends ${filled}, which an earlier step fills with files from outside the repository`,
        );
      else if (ctx.selfHosted && !(artifact && paths.length > 0 && paths.every(isPlainRepositoryPath)))
        add(
          'workflow/self-hosted-upload',
          usesNode,
          `${inside} runs on a self-hosted runner next to licensed data: ${action} sends files off the runner (only actions/upload-artifact of plain repository paths is allowed there)`,
        );
      const covered = ctx.protectedDirs.filter((dir) => paths.some((p) => pathCovers(p, dir)));
      if (covered.length > 0)
        add(
          'workflow/upload-data',
          usesNode,
          `${inside}: ${action} may include ${covered.map((d) => `${d}/`).join(', ')} (output or data directories)`,
        );
    }
    if (runText !== undefined && run) {
      let from = 0;
      for (const line of runText.split('\n')) {
        earlierLines.push(line);
        const kind = uploadCommand(line);
        const pos = positionInNode(yaml, run, line, from);
        if (line) from = pos.next;
        if (ctx.selfHosted && unpinnedContainerRun(line))
          push(
            'workflow/unpinned-image',
            pos,
            `${inside} runs on a self-hosted runner next to licensed data and starts a container whose image is not pinned by @sha256 digest`,
          );
        if (!kind && !/\bgit\s+add\b/.test(line)) continue;
        const dirs = ctx.protectedDirs.filter((d) =>
          new RegExp(`(?:^|[\\s'"=/.*])${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[/\\s'"*]|$)`).test(
            line,
          ),
        );
        if (kind && ctx.selfHosted)
          push(
            'workflow/self-hosted-upload',
            pos,
            `${inside} runs on a self-hosted runner next to licensed data and sends files off it (${kind})`,
          );
        else if (dirs.length > 0)
          push(
            'workflow/upload-data',
            pos,
            `${inside}: a script line may send or commit ${dirs.map((d) => `${d}/`).join(', ')} (output or data directories)`,
          );
      }
    }

    if (ctx.selfHosted)
      for (const node of persistedCredentialCheckouts([step]))
        add(
          'workflow/persist-credentials',
          node,
          `${inside} runs on a self-hosted runner: check out with \`persist-credentials: false\` so the token does not stay on the machine`,
        );
    if (ctx.selfHosted || ctx.privileged)
      for (const node of pullRequestHeadCheckouts([step]))
        add(
          'workflow/untrusted-checkout',
          node,
          `${inside} checks out a pull request's code ${ctx.selfHosted ? 'on a self-hosted runner' : `on ${ctx.privileged}, with the base repository's token and secrets`}: the fork's code would run there`,
        );

    // Outsider data written to GITHUB_ENV/GITHUB_PATH becomes every later step's environment.
    if (
      runText !== undefined &&
      run &&
      /GITHUB_(?:ENV|PATH)\b/.test(runText) &&
      (isTainted(runText, stepScope) ||
        readsTaintedEnv(runText, stepScope.env) ||
        READS_PAYLOAD.test(runText))
    ) {
      scope.env.add('*');
      if (ctx.privileged || ctx.selfHosted)
        add(
          'workflow/github-env',
          run,
          `${inside} writes outsider data to GITHUB_ENV or GITHUB_PATH ${ctx.selfHosted ? 'on a self-hosted runner' : `on ${ctx.privileged}`}: it sets the environment (LD_PRELOAD, PATH, …) of every later step`,
        );
    }

    // A composite action of this repository: its steps run here, its inputs are this step's `with:`.
    let outputsTainted =
      isTainted(runText, stepScope) ||
      entriesOf(withMap).some(([, v]) => isTainted(stringOf(v), stepScope)) ||
      (runText !== undefined && READS_PAYLOAD.test(runText)) ||
      (runText !== undefined && readsTaintedEnv(runText, stepScope.env)) ||
      action === 'actions/github-script';
    if (uses !== undefined && isLocalAction(uses)) {
      const composite = ctx.index.resolveAction(uses);
      // A local action the repository does not hold fails the step on GitHub unless an earlier
      // step writes it (a clone, a download): next to the data, that is unreviewed code.
      if (!composite && ctx.selfHosted)
        add(
          'workflow/unpinned-action',
          usesNode,
          `${inside} runs on a self-hosted runner next to licensed data and uses ${uses}, which is not an action of this repository: an earlier step would have to write it, and the policy cannot see what it runs`,
        );
      if (composite && !seen.has(composite.file) && depth < 16) {
        const runs = mapAt(composite.doc.contents, 'runs');
        const using = stringOf(nodeAt(runs, 'using'))?.trim();
        // A docker action's image runs next to the data as much as a job's container does.
        const image = stringOf(nodeAt(runs, 'image'))?.trim();
        if (
          ctx.selfHosted &&
          using === 'docker' &&
          image?.startsWith('docker://') &&
          !/@sha256:[0-9a-f]{64}$/.test(image)
        )
          add(
            'workflow/unpinned-image',
            usesNode,
            `${inside} runs on a self-hosted runner next to licensed data and uses ${uses}, a docker action whose image ${image!.split('@')[0]} is not pinned by @sha256 digest`,
          );
        if (using === 'composite') {
          const inner = emptyScope();
          for (const name of stepScope.env) inner.env.add(name);
          for (const [name, value] of entriesOf(withMap))
            if (isTainted(stringOf(value), stepScope)) inner.inputs.add(name.toLowerCase());
          const innerOutputs = walkSteps(
            composite,
            itemsOf(nodeAt(runs, 'steps')),
            inner,
            ctx,
            depth + 1,
            new Set([...seen, composite.file]),
          );
          if (innerOutputs.size > 0 || inner.inputs.size > 0) outputsTainted = true;
        }
      }
    }
    if (uses !== undefined && isLocalAction(uses)) {
      const declaring = ctx.index.resolveAction(uses) ?? ctx.index.resolveAction(`./${underCheckout(uses)}`);
      if (declaring)
        for (const p of inputProblems(withMap, usesNode, uses, declaring))
          add('workflow/action-input', p.node ?? usesNode, `${inside}: ${p.message}`);
      const race = ctx.matrix && declaring ? shardedPublish(withMap, uses, declaring) : undefined;
      if (race) add('workflow/sharded-publish', race.node ?? usesNode, `${inside}: ${race.message}`);
    }
    if (action === 'actions/checkout') {
      const repository = stringOf(nodeAt(withMap, 'repository'))?.trim();
      const dir = stringOf(nodeAt(withMap, 'path'))?.trim();
      if (
        dir &&
        !dir.includes('${{') &&
        (!repository || /^\$\{\{\s*github\.repository\s*\}\}$/i.test(repository))
      )
        checkoutDirs.push(localActionDir(`./${dir}`));
    }
    const id = stringOf(nodeAt(step, 'id'))?.trim().toLowerCase();
    if (id && outputsTainted) scope.steps.add(id);
  }
  return scope.steps;

  /** `./<checkout dir>/rest` → `rest`, when an earlier step checked this repository out there. */
  function underCheckout(uses: string): string {
    const dir = localActionDir(uses);
    const base = checkoutDirs.find((d) => d !== '.' && dir.startsWith(`${d}/`));
    return base ? dir.slice(base.length + 1) : dir;
  }

  function push(rule: string, pos: { line: number; column: number }, message: string): void {
    if (ctx.report)
      ctx.findings.push({
        rule,
        severity: 'error',
        file: yaml.file,
        line: pos.line,
        column: pos.column,
        message,
      });
  }
}

/** True when a script reads one of the tainted environment variables (`$T`, `${T}`). */
function readsTaintedEnv(script: string, env: ReadonlySet<string>): boolean {
  if (env.has('*')) return /\$\{?[A-Za-z_]/.test(script);
  return [...env].some((name) => new RegExp(`\\$\\{?${name.replace(/[^\w]/g, '')}\\b`, 'i').test(script));
}
