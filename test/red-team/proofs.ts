/** Runs every attempt's proof in one python process (fast on 2 cores) and says which payloads came back out. */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PYTHON } from './payloads.js';

const run = promisify(execFile);

export interface ProofJob {
  id: string;
  root: string;
  code: string;
}

/** id → null when the payload came back out, else the reason. */
export async function runProofs(
  jobs: readonly ProofJob[],
  payloadDir: string,
): Promise<Map<string, string | null>> {
  const prelude = await readFile(path.join(import.meta.dirname, 'proof-prelude.py'), 'utf8');
  const body = jobs
    .map(
      (j, i) =>
        `def proof_${i}():\n${j.code
          .trim()
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n')}\n\n`,
    )
    .join('');
  const driver = `
results = {}
for i, (jid, root) in enumerate(${JSON.stringify(jobs.map((j) => [j.id, j.root]))}):
    os.chdir(root)
    try:
        globals()[f"proof_{i}"]()
        results[jid] = None
    except Exception as e:
        results[jid] = (type(e).__name__ + ": " + str(e))[:200]
print(json.dumps(results))
`;
  const script = path.join(payloadDir, 'proofs.py');
  await writeFile(script, `${prelude}\n${body}\n${driver}`);
  const { stdout } = await run(PYTHON, [script], {
    env: { ...process.env, RED_TEAM_PAYLOADS: payloadDir },
    maxBuffer: 1 << 26,
    timeout: 300_000,
  });
  return new Map(Object.entries(JSON.parse(stdout) as Record<string, string | null>));
}
