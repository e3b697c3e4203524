/**
 * `--only`: comma-separated terms, all of which a run must match. A term is
 * `key=value` (task, size, method or seed; value names are checked) or else a
 * substring of the run id.
 */
import { ConfigError, METHOD_NAMES, SIZE_NAMES, TASK_NAMES, checkName, runId, type RunConfig } from './config.js';

type Term = (run: RunConfig) => boolean;

function parseTerm(term: string): Term {
  const eq = term.indexOf('=');
  if (eq < 0) return (run) => runId(run).includes(term);
  const key = term.slice(0, eq);
  const value = term.slice(eq + 1);
  switch (key) {
    case 'task':
      checkName('task', value, TASK_NAMES);
      return (run) => run.task === value;
    case 'size':
      checkName('size', value, SIZE_NAMES);
      return (run) => run.size === value;
    case 'method':
      checkName('method', value, METHOD_NAMES);
      return (run) => run.method === value;
    case 'seed':
      if (!/^\d+$/.test(value)) throw new ConfigError(`--only: seed must be an integer, got '${value}'`);
      return (run) => run.seed === Number(value);
    default:
      throw new ConfigError(`--only: unknown key '${key}'; use task=, size=, method=, seed= or a run-id substring`);
  }
}

export function parseFilter(text: string | undefined): (run: RunConfig) => boolean {
  if (text === undefined || text.trim() === '') return () => true;
  const terms = text.split(',').map((t) => t.trim()).filter(Boolean).map(parseTerm);
  return (run) => terms.every((term) => term(run));
}
