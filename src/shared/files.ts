// Reading a file named by the sources without trusting it: it must be a regular file (not a
// folder, a device such as /dev/zero, or a pipe that would block forever), inside the folder it
// belongs to once symbolic links are followed, and no larger than its limit.
import { closeSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';

export type SafeRead = { data: Uint8Array } | { problem: string; hint: string };

/** The bytes of `file`, or why Folio will not read it. `root` is the folder it must stay in. */
export function readContained(file: string, root: string, maxBytes: number, what: string): SafeRead {
  let real: string;
  let size: number;
  try {
    // The file's own entry first: a file that is not a symbolic link is in its folder's real
    // place (found once a build, by the native realpath); only a link is resolved whole. A build
    // reads every edition's bytes, and resolving each path (a look-up per folder on the way) was
    // most of reading a small file.
    const entry = lstatSync(file);
    let stat: Stats;
    if (entry.isSymbolicLink()) {
      real = realpathSync.native(file);
      stat = statSync(real);
    } else {
      real = join(realFolderOf(dirname(file)), basename(file));
      stat = entry;
    }
    if (!stat.isFile()) {
      return { problem: `${what} is ${stat.isDirectory() ? 'a folder' : 'a device or pipe'}, expected a file`, hint: 'replace it with the file itself' };
    }
    size = stat.size;
  } catch {
    return { problem: `${what} cannot be read (a symbolic link to nothing, or no permission)`, hint: 'replace it with the file itself' };
  }
  const realRoot = realFolderOf(root);
  if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
    return { problem: `${what} is a symbolic link to a file outside the source folder`, hint: 'copy the file into the report folder; Folio reads nothing outside the sources' };
  }
  if (size > maxBytes) {
    return { problem: `${what} is ${sizeText(size)}, expected at most ${sizeText(maxBytes, true)}`, hint: 'make it smaller' };
  }
  // Read at most the limit, even if the file grew since it was measured.
  const data = new Uint8Array(Math.min(size, maxBytes));
  const fd = openSync(real, 'r');
  try {
    let read = 0;
    while (read < data.length) {
      const n = readSync(fd, data, read, data.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { data: read === data.length ? data : data.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** The real paths of the folders files were read from and in, in this build: a build reads
 * thousands of files from a few folders. Forgotten when a build starts (forgetRealFolders), so a
 * long-running watch never trusts an earlier build's answer. */
const realFolders = new Map<string, string>();

function realFolderOf(folder: string): string {
  let real = realFolders.get(folder);
  if (real === undefined) {
    try {
      real = realpathSync.native(folder);
    } catch {
      real = folder;
    }
    realFolders.set(folder, real);
  }
  return real;
}

/** Forgets the folders' real paths: a folder may have been moved or linked elsewhere since. */
export function forgetRealFolders(): void {
  realFolders.clear();
}

/** `5.0 MB`, `300 KB`; a limit (a round number) without decimals: `2 MB`. */
function sizeText(bytes: number, limit = false): string {
  if (bytes < 1048576) return `${Math.ceil(bytes / 1024)} KB`;
  return limit ? `${Math.round(bytes / 1048576)} MB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
