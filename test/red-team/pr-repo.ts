/** A pull request's repository: a copy of the base repository on branch `pr`, and the moves a contributor makes. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class PrRepo {
  /** The trusted CLI bundle, for the commands a contributor runs (synth, citations). */
  cli = '';

  /** Files written since the last commit: staged with --force, as a contributor can stage an ignored file. */
  private readonly written = new Set<string>();

  constructor(readonly root: string) {}

  /** Runs a CLI command on this repository, as a contributor would before committing. */
  async runCli(...args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [this.cli, ...args, '--repo', this.root], {
      maxBuffer: 1 << 26,
    });
    return stdout;
  }

  async git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', args, { cwd: this.root, maxBuffer: 1 << 30 });
    return stdout;
  }

  async write(file: string, data: Buffer | string): Promise<void> {
    const full = path.join(this.root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, data);
    this.written.add(file);
  }

  async read(file: string): Promise<string> {
    return readFile(path.join(this.root, file), 'utf8');
  }

  async remove(file: string): Promise<void> {
    await rm(path.join(this.root, file), { recursive: true, force: true });
  }

  async symlink(target: string, file: string): Promise<void> {
    const full = path.join(this.root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await rm(full, { recursive: true, force: true });
    await symlink(target, full);
  }

  /** Stages everything and commits; returns the commit's id. */
  async commit(message = 'update'): Promise<string> {
    await this.git('add', '-A');
    const present = [...this.written].filter((f) => existsSync(path.join(this.root, f)));
    if (present.length > 0) await this.git('add', '-f', '--', ...present);
    this.written.clear();
    await this.git('commit', '-q', '--allow-empty', '-m', message);
    return (await this.git('rev-parse', 'HEAD')).trim();
  }

  /** A gitlink (submodule entry) at `file` pointing at `sha`, committed; `url` adds .gitmodules. */
  async submodule(file: string, sha: string, url?: string): Promise<string> {
    await mkdir(path.join(this.root, file), { recursive: true });
    if (url) {
      await this.write('.gitmodules', `[submodule "${file}"]\n\tpath = ${file}\n\turl = ${url}\n`);
      await this.git('add', '.gitmodules');
    }
    await this.git('update-index', '--add', '--cacheinfo', `160000,${sha},${file}`);
    await this.git('commit', '-q', '-m', 'add submodule');
    return (await this.git('rev-parse', 'HEAD')).trim();
  }

  /** Reads a JSON file, lets `edit` change it, writes it back pretty-printed. */
  async editJson(file: string, edit: (value: any) => void): Promise<void> {
    const value = JSON.parse(await this.read(file));
    edit(value);
    await this.write(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  async policy(edit: (value: any) => void): Promise<void> {
    await this.editJson('manifests/policy.json', edit);
  }
}
