// Images: a local PNG, JPEG or GIF next to the source is embedded at its own size (shrunk to the
// text width); anything else (a remote URL, a missing file) becomes its alt text linked to the
// URL, so the reader still learns what was there.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ExternalHyperlink, ImageRun, TextRun, type ParagraphChild } from 'docx';
import type { Image } from 'mdast';
import type { Theme } from '../../templates/types.ts';

type ImageType = 'png' | 'jpg' | 'gif';

interface Size {
  width: number;
  height: number;
}

function pngSize(data: Uint8Array): Size | undefined {
  if (data.length < 24 || data[0] !== 0x89 || data[1] !== 0x50) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gifSize(data: Uint8Array): Size | undefined {
  if (data.length < 10 || data[0] !== 0x47 || data[1] !== 0x49) return undefined;
  return { width: data[6] | (data[7] << 8), height: data[8] | (data[9] << 8) };
}

function jpegSize(data: Uint8Array): Size | undefined {
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < data.length) {
    if (data[i] !== 0xff) return undefined;
    const marker = data[i + 1];
    const length = (data[i + 2] << 8) | data[i + 3];
    // SOF0-SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (data[i + 5] << 8) | data[i + 6], width: (data[i + 7] << 8) | data[i + 8] };
    }
    i += 2 + length;
  }
  return undefined;
}

function imageType(path: string): ImageType | undefined {
  const ext = path.toLowerCase().split('.').pop();
  if (ext === 'png') return 'png';
  if (ext === 'jpg' || ext === 'jpeg') return 'jpg';
  if (ext === 'gif') return 'gif';
  return undefined;
}

const sizeOf: Record<ImageType, (data: Uint8Array) => Size | undefined> = { png: pngSize, jpg: jpegSize, gif: gifSize };

function localPath(url: string, sourceDir: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const path = decodeURI(url.split(/[?#]/)[0]);
  return isAbsolute(path) ? undefined : join(sourceDir, path);
}

export function imageRuns(node: Image, theme: Theme, sourceDir: string, hyperlinkStyle: string): ParagraphChild[] {
  const alt = node.alt ?? '';
  const path = localPath(node.url, sourceDir);
  const type = path ? imageType(path) : undefined;
  if (path && type && existsSync(path)) {
    const data = readFileSync(path);
    const size = sizeOf[type](data);
    if (size && size.width > 0 && size.height > 0) {
      // Pixels at 96 to the inch, no wider than the text column.
      const maxWidth = ((theme.page.width - theme.page.margin.left - theme.page.margin.right) * 96) / 72;
      const scale = Math.min(1, maxWidth / size.width);
      return [
        new ImageRun({
          type,
          data,
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: alt || node.url, description: alt, title: node.title ?? alt },
        }),
      ];
    }
  }
  const label = alt || node.title || node.url;
  if (path) return [new TextRun({ text: `[${label}]` })];
  return [new ExternalHyperlink({ link: node.url, children: [new TextRun({ text: `[${label}]`, style: hyperlinkStyle })] })];
}
