// Images: a local PNG, JPEG or GIF next to the source is embedded at its own size (shrunk to the
// text width); anything else (a remote URL, a missing file) becomes its alt text linked to the
// URL, so the reader still learns what was there.
import { ExternalHyperlink, ImageRun, TextRun, type ParagraphChild } from 'docx';
import type { Image } from 'mdast';
import { columnWidth, type Theme } from '../../templates/types.ts';
import { loadImage, localImagePath } from '../../shared/images.ts';
import { asciiUrl, isSafeUrl } from '../../shared/url.ts';

export function imageRuns(node: Image, theme: Theme, sourceDir: string, hyperlinkStyle: string, widthPoints = columnWidth(theme.page)): ParagraphChild[] {
  const alt = node.alt ?? '';
  const image = loadImage(node.url, sourceDir);
  if (image) {
    // Pixels at 96 to the inch, no wider than the text column, or than a table cell's column:
    // Word and LibreOffice would otherwise squeeze a wide picture into the cell's width alone.
    const maxWidth = (widthPoints * 96) / 72;
    const scale = Math.min(1, maxWidth / image.width);
    return [
      new ImageRun({
        type: image.type,
        data: image.data,
        transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
        altText: { name: alt || node.url, description: alt, title: node.title ?? alt },
      }),
    ];
  }
  const label = alt || node.title || node.url;
  if (localImagePath(node.url, sourceDir)) return [new TextRun({ text: `[${label}]` })];
  if (!isSafeUrl(node.url)) return [new TextRun({ text: `[${label}]` })];
  return [new ExternalHyperlink({ link: asciiUrl(node.url), children: [new TextRun({ text: `[${label}]`, style: hyperlinkStyle })] })];
}
