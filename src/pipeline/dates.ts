// The date an edition is published with: when its text last changed, so a reader sees a true
// date and two builds of the same sources still agree byte for byte. SOURCE_DATE_EPOCH, when set,
// overrides everything; else `date:` in report.yaml; else the time of the last git commit that
// touched the edition; else the fixed epoch of reproducible builds (1980-01-01).
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import type { Report } from '../model/types.ts';

const commits = new Map<string, Date | undefined>();

/** The time of the last commit touching `file`, or undefined outside a git work tree. */
export function lastCommitDate(file: string): Date | undefined {
  const path = resolve(file);
  if (commits.has(path)) return commits.get(path);
  let date: Date | undefined;
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', path], { cwd: dirname(path), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    date = /^\d+$/.test(out) ? new Date(Number(out) * 1000) : undefined;
  } catch {
    date = undefined;
  }
  commits.set(path, date);
  return date;
}

/** The date of one edition's outputs; `fallback` is the build's date (SOURCE_DATE_EPOCH or 1980). */
export function editionDate(report: Report, fallback: Date, env: NodeJS.ProcessEnv = process.env): Date {
  if (env.SOURCE_DATE_EPOCH) return fallback;
  if (report.meta.date) return new Date(`${report.meta.date}T00:00:00Z`);
  return lastCommitDate(report.sourcePath) ?? fallback;
}
