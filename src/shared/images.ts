// Images of an edition, for every writer: a relative URL names a file beside the edition's
// source; Folio publishes PNG, JPEG and GIF (the formats the web, PDF and Word all take).
// An image is published only once it has been decoded in full, within limits, by pure-JavaScript
// decoders whose work is bounded by the file's size and pixel count: a truncated, oversized or
// malformed file is refused with a reason here, before any writer (pdf-lib's PNG decoder loops
// forever on a truncated file) meets it.
import { decode as decodePng, encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { GifReader } from 'omggif';
import { imageSize } from 'image-size';
import { readContained } from './files.ts';
import { localPath } from './url.ts';
import { RecentMap } from './recent.ts';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { closest } from './suggest.ts';

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

/** Larger than any chart or photograph a report needs. */
export const maxImageBytes = 20 * 1024 * 1024;
/** 40 megapixels (8000 × 5000): decoding holds 4 bytes a pixel in memory. */
export const maxImagePixels = 40_000_000;

const mediaTypes: Record<ImageType, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' };

/** The file a relative image URL names, or undefined for a remote or absolute URL. */
export function localImagePath(url: string, sourceDir: string): string | undefined {
  return localPath(url, sourceDir);
}

/** What to do about an image that is not there: link the file by its name. */
const LINK_BY_NAME = 'put the PNG, JPEG or GIF file beside the edition and link it by its name';

/** Why a local image cannot be published, with what to do about it, or undefined when it can. A
 * file not found is looked for among the folder's images under a name close to the one written. */
export function imageProblem(url: string, sourceDir: string): { message: string; hint: string } | undefined {
  const path = localImagePath(url, sourceDir);
  if (path === undefined) return { message: `Image "${clip(url)}" is not a file inside the report's folder`, hint: LINK_BY_NAME };
  const result = examine(path, dirname(sourceDir));
  if (!('problem' in result)) return undefined;
  const message = `Image "${clip(url)}" ${result.problem}`;
  if (result.hint !== LINK_BY_NAME) return { message, hint: result.hint };
  const near = closest(basename(path), imagesIn(dirname(path)));
  return { message, hint: near ? `did you mean "${near}"?` : LINK_BY_NAME };
}

/** The PNG, JPEG and GIF files of a folder, by name (none when it cannot be read). */
function imagesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.(png|jpe?g|gif)$/i.test(name));
  } catch {
    return [];
  }
}

/** The latest images looked up, at most 64 and 32 MB: enough for every writer of an edition and
 * its translations to read each once, while a build of a whole collection (or `folio watch` over
 * hours) does not keep every image it ever read. */
const cache = new RecentMap<string, LocalImage | { problem: string; hint: string }>(64, (r) => ('data' in r ? r.data.byteLength : 0), 32 * 1024 * 1024);

/** The image, or why it cannot be published: read safely, its header read, then decoded in full. */
function examine(path: string, root: string): LocalImage | { problem: string; hint: string } {
  // Keyed by the file's identity and time, so an image replaced or removed (watch mode, tests)
  // is read again.
  let key: string;
  try {
    const stat = statSync(path);
    key = `${path}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return inspect(path, root);
  }
  const known = cache.get(key);
  if (known) return known;
  const result = inspect(path, root);
  cache.set(key, result);
  return result;
}

/** What to do about a file that is not a picture Folio can read. */
const SAVE_AGAIN = 'open it in an image editor and save it again as PNG or JPEG';

function inspect(path: string, root: string): LocalImage | { problem: string; hint: string } {
  // Images stay inside the source folder (the report's parent), links followed.
  const read = readContained(path, root, maxImageBytes, 'file');
  if ('problem' in read) {
    if (/cannot be read/.test(read.problem) && !existsSync(path)) return { problem: 'not found beside the edition', hint: LINK_BY_NAME };
    return { problem: read.problem.replace(/^file /, ''), hint: read.hint };
  }
  const data = read.data;
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(data);
  } catch {
    return { problem: 'is not a PNG, JPEG or GIF file', hint: SAVE_AGAIN };
  }
  const type = size.type === 'jpg' || size.type === 'png' || size.type === 'gif' ? size.type : undefined;
  if (!type) return { problem: 'is not a PNG, JPEG or GIF file', hint: SAVE_AGAIN };
  const { width, height } = size;
  if (!width || !height) return { problem: `is a ${type.toUpperCase()} file without a size`, hint: SAVE_AGAIN };
  if (width * height > maxImagePixels) {
    return { problem: `is ${width} × ${height} pixels, expected at most ${maxImagePixels / 1_000_000} megapixels`, hint: `scale it down to ${maxImagePixels / 1_000_000} megapixels or fewer` };
  }
  const orientation = type === 'jpg' && size.orientation !== undefined && size.orientation >= 2 && size.orientation <= 8 ? size.orientation : undefined;
  // A photo to turn is decoded once, for the check and the turn alike: a 40-megapixel photo's
  // pixels are 160 MB.
  const decoded = orientation === undefined ? decodes(type, data, width, height) : decodeJpeg(data);
  if (typeof decoded === 'string') return { problem: `is a damaged ${type === 'jpg' ? 'JPEG' : type.toUpperCase()} file (${decoded})`, hint: SAVE_AGAIN };
  if (orientation !== undefined && decoded) return { path, type, mediaType: mediaTypes[type], ...upright(decoded, orientation) };
  return { path, type, mediaType: mediaTypes[type], data, width, height };
}

/** A JPEG whose EXIF orientation (2–8) says how to turn it for display (a phone's photo, stored
 * as the sensor saw it), turned so: browsers turn it, but a PDF's image and, in many versions, a
 * Word file's are drawn as stored, sideways. Re-encoded at quality 92 (jpeg-js, deterministic),
 * without the EXIF block, so every writer gets the photo as the web page shows it. */
function upright(stored: RgbaImage, orientation: number): { data: Uint8Array; width: number; height: number } {
  const { width: w, height: h } = stored;
  const turned = orientation >= 5;
  const width = turned ? h : w;
  const height = turned ? w : h;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The stored pixel shown at (x, y), for each orientation (EXIF 2.3, tag 0x0112).
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break;
      }
      const from = (sy * w + sx) * 4;
      const to = (y * width + x) * 4;
      out[to] = stored.data[from]!;
      out[to + 1] = stored.data[from + 1]!;
      out[to + 2] = stored.data[from + 2]!;
      out[to + 3] = 255;
    }
  }
  return { data: new Uint8Array(jpeg.encode({ data: out, width, height }, 92).data), width, height };
}

interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A JPEG's pixels, four bytes each, or why it does not decode. */
function decodeJpeg(data: Uint8Array): RgbaImage | string {
  try {
    return jpeg.decode(data, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxImagePixels / 1_000_000, maxMemoryUsageInMB: 512 });
  } catch (error) {
    return failure(error);
  }
}

function failure(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 80);
}

/** Why the file does not decode to the size its header claims, or undefined when it does. */
function decodes(type: ImageType, data: Uint8Array, width: number, height: number): string | undefined {
  try {
    if (type === 'png') {
      const png = decodePng(data);
      const expected = Math.ceil((png.width * png.channels * png.depth) / 8) * png.height;
      if (png.width !== width || png.height !== height) return 'its size does not match its header';
      if (png.data.byteLength * (png.data instanceof Uint16Array ? 2 : 1) < expected) return 'its pixel data is cut short';
      if (!endsWithIend(data)) return 'it is cut short';
      return undefined;
    }
    if (type === 'jpg') {
      const decoded = decodeJpeg(data);
      return typeof decoded === 'string' ? decoded : undefined;
    }
    const gif = new GifReader(data);
    const pixels = new Uint8Array(gif.width * gif.height * 4);
    for (let frame = 0; frame < gif.numFrames(); frame++) gif.decodeAndBlitFrameRGBA(frame, pixels);
    return undefined;
  } catch (error) {
    return failure(error);
  }
}

/** A PNG ends with its IEND chunk: without it the file was cut short. */
function endsWithIend(data: Uint8Array): boolean {
  const n = data.length;
  return n >= 12 && data[n - 8] === 0x49 && data[n - 7] === 0x45 && data[n - 6] === 0x4e && data[n - 5] === 0x44;
}

/** An image already looked up by loadImage (the PDF serializer reads it again by path). */
export function readImage(path: string, root = dirname(dirname(path))): LocalImage | undefined {
  const result = examine(path, root);
  return 'problem' in result ? undefined : result;
}

export function loadImage(url: string, sourceDir: string): LocalImage | undefined {
  const path = localImagePath(url, sourceDir);
  return path === undefined ? undefined : readImage(path, dirname(sourceDir));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** GIFs converted to PNG, the latest few: a collection's GIFs are converted once per edition that shows them. */
const pngs = new RecentMap<string, Uint8Array>(16);

/** A GIF's first frame as PNG bytes, for formats that take no GIF (pdf-lib embeds PNG and JPEG
 * only); a PNG or JPEG is returned as it is. Decoded within the limits readImage checked. */
export function embeddable(image: LocalImage): { type: 'png' | 'jpg'; data: Uint8Array } {
  if (image.type !== 'gif') return { type: image.type, data: image.data };
  let data = pngs.get(image.path);
  if (!data) {
    const gif = new GifReader(image.data);
    const pixels = new Uint8Array(gif.width * gif.height * 4);
    gif.decodeAndBlitFrameRGBA(0, pixels);
    data = encodePng({ width: gif.width, height: gif.height, data: pixels, channels: 4, depth: 8 });
    pngs.set(image.path, data);
  }
  return { type: 'png', data };
}
