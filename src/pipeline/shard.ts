// `--shard k/n`: which editions one job of a CI matrix builds. An edition's shard is a hash of its
// name modulo n, so it depends on nothing else: adding a report moves no other edition, and the
// n jobs of a matrix never need to agree on a list.
import { createHash } from 'node:crypto';
import { FolioError } from '../shared/errors.ts';

export interface Shard {
  /** 1-based: the k of k/n. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new FolioError(`--shard must be k/n with 1 ≤ k ≤ n, such as 2/4; got "${text}"`);
  return { index, count };
}

/** The shard (1-based) an edition `slug/lang` belongs to among `count`. */
export function shardOf(edition: string, count: number): number {
  return (createHash('sha256').update(edition).digest().readUInt32BE(0) % count) + 1;
}

export function inShard(edition: string, shard: Shard): boolean {
  return shardOf(edition, shard.count) === shard.index;
}
