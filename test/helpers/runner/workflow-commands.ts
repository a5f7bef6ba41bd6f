/** Workflow commands the actions print on stdout (`::name key=value,…::message`), as the runner reads them. */

export interface Annotation {
  kind: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

export interface WorkflowCommands {
  annotations: Annotation[];
  /** Values registered with `::add-mask::`. */
  masks: string[];
  /** Commands the harness does not model (debug, group, …), by name. */
  other: { name: string; message: string }[];
}

// The runner's escaping (@actions/core toCommandValue / toCommandProperties).
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

export function parseWorkflowCommands(stdout: string): WorkflowCommands {
  const result: WorkflowCommands = { annotations: [], masks: [], other: [] };
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    const [, name, rawProps, rawMessage] = m as unknown as [string, string, string | undefined, string];
    const message = unescapeData(rawMessage);
    const props: Record<string, string> = {};
    for (const pair of (rawProps ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    if (name === 'add-mask') result.masks.push(message);
    else if (name === 'error' || name === 'warning' || name === 'notice') {
      result.annotations.push({
        kind: name,
        message,
        ...(props.file !== undefined ? { file: props.file } : {}),
        ...(props.line !== undefined ? { line: Number(props.line) } : {}),
        ...(props.col !== undefined ? { col: Number(props.col) } : {}),
        ...(props.title !== undefined ? { title: props.title } : {}),
      });
    } else result.other.push({ name, message });
  }
  return result;
}

/** The log as the runner shows it: every masked value (and its lines) replaced by `***`. */
export function applyMasks(log: string, masks: readonly string[]): string {
  let out = log;
  const values = masks.flatMap((m) => [m, ...m.split(/\r?\n/)]).filter((m) => m.trim() !== '');
  for (const value of values.sort((a, b) => b.length - a.length)) out = out.split(value).join('***');
  return out;
}
