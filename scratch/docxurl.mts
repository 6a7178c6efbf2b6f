import { Document, Packer, Paragraph, ExternalHyperlink, TextRun } from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.org/a"b<c&d>(e) ж\\x', children: [new TextRun('x')] })] })] }] });
const buf = await Packer.toBuffer(doc);
const files = unzipSync(new Uint8Array(buf));
console.log(strFromU8(files['word/_rels/document.xml.rels']).match(/Target="[^"]*example[^>]*/)?.[0]);
