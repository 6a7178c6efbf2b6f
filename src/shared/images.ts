// Images of an edition, for every writer: a relative URL names a file beside the edition's
// source; Folio publishes PNG, JPEG and GIF (the formats the web, PDF and Word all take).
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { imageSize } from 'image-size';

export type ImageType = 'png' | 'jpg' | 'gif';

export interface LocalImage {
  path: string;
  type: ImageType;
  mediaType: string;
  data: Uint8Array;
  /** Pixels. */
  width: number;
  height: number;
}

const mediaTypes: Record<ImageType, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' };

/** The file a relative image URL names, or undefined for a remote or absolute URL. */
export function localImagePath(url: string, sourceDir: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  let path: string;
  try {
    path = decodeURI(url.split(/[?#]/)[0]);
  } catch {
    path = url;
  }
  if (isAbsolute(path) || normalize(path).startsWith('..')) return undefined;
  return join(sourceDir, path);
}

/** Why a local image cannot be published, or undefined when it can. */
export function imageProblem(url: string, sourceDir: string): string | undefined {
  const path = localImagePath(url, sourceDir);
  if (path === undefined) {
    return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') ? undefined : `Image "${url}" is outside the report's folder`;
  }
  if (!existsSync(path)) return `Image "${url}" not found beside the edition`;
  return readImage(path) ? undefined : `Image "${url}" is not a PNG, JPEG or GIF file`;
}

const cache = new Map<string, LocalImage | undefined>();

export function readImage(path: string): LocalImage | undefined {
  if (cache.has(path)) return cache.get(path);
  let image: LocalImage | undefined;
  try {
    const data = new Uint8Array(readFileSync(path));
    const size = imageSize(data);
    const type = size.type === 'jpg' || size.type === 'png' || size.type === 'gif' ? size.type : undefined;
    if (type && size.width && size.height) {
      image = { path, type, mediaType: mediaTypes[type], data, width: size.width, height: size.height };
    }
  } catch {
    image = undefined;
  }
  cache.set(path, image);
  return image;
}

export function loadImage(url: string, sourceDir: string): LocalImage | undefined {
  const path = localImagePath(url, sourceDir);
  return path === undefined ? undefined : readImage(path);
}
