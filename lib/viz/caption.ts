/**
 * The caption line under every figure, built from the rows it plots so that it
 * cannot drift from the data: tasks, sizes, methods, seeds, and what was measured.
 */
import { distinct, type VizRow } from './rows.js';
import { METHOD_ORDER, SIZE_ORDER, methodLabel, taskLabel } from './style.js';

/** "0–2" for consecutive seeds, "0, 3, 7" otherwise. */
export function seedRange(seeds: readonly number[]): string {
  const s = distinct(seeds);
  if (s.length === 0) return 'none';
  const consecutive = s.every((v, i) => i === 0 || v === s[i - 1] + 1);
  return consecutive && s.length > 2 ? `${s[0]}–${s[s.length - 1]}` : s.join(', ');
}

export function caption(rows: readonly VizRow[], measured: string): string {
  const tasks = distinct(rows.map((r) => r.task)).map(taskLabel).join(', ');
  const sizes = distinct(rows.map((r) => r.size), SIZE_ORDER).join(', ');
  const methods = distinct(rows.map((r) => r.method), METHOD_ORDER).map(methodLabel).join(', ');
  const seeds = distinct(rows.map((r) => r.seed));
  const runs = new Set(rows.map((r) => r.run)).size;
  return [
    tasks,
    `size${sizes.includes(',') ? 's' : ''} ${sizes}`,
    methods,
    `seed${seeds.length > 1 ? 's' : ''} ${seedRange(seeds)} (${runs} run${runs === 1 ? '' : 's'})`,
    measured,
  ].join(' · ');
}
