// The itemize stage of paragraph setting: a paragraph's atoms become Knuth–Plass items — boxes of
// shaped pieces, glue for spaces, penalties at Unicode line-break opportunities (`linebreak`) and
// at hyphenation points (`hyphen`). The emergency items, for a paragraph that cannot be set
// otherwise, add break points: every word may be hyphenated (names too) and a URL or code may
// break after its punctuation.
import LineBreaker from 'linebreak';
import texLinebreak from 'tex-linebreak';
import type { Node } from 'unist';
import { blockDirection } from '../../model/direction.ts';
import { embeddingLevels } from './bidi.ts';
import { syllables } from './hyphenate.ts';
import type { Atom, ImageAtom, InlineStyle, RefAtom, TextAtom } from './inline.ts';
import { hyphenPiece, imagePiece, shapePieces, spaceGlue, type GlueItem, type Item, type Paragraph, type Piece, type SetOptions } from './pieces.ts';
import type { PlacedGlyph } from './types.ts';

const { MAX_COST, MIN_COST } = texLinebreak;

interface Builder {
  opts: SetOptions;
  items: Item[];
  para: Paragraph;
  emergency: boolean;
  /** A piece wider than the line had to be cut between letters. */
  overfull: boolean;
  /** The word being itemized holds a soft hyphen before this segment. */
  softWord: boolean;
  /** The word cache's table for each style met, without and with hyphenation. */
  tables: [Map<InlineStyle, Map<string, ShapedWord>>, Map<InlineStyle, Map<string, ShapedWord>>];
  /** The paragraph's interword glue of each style met, by bidi level: the same for every space of
   * that style, and never changed once made. */
  spaces: Map<InlineStyle, GlueItem[]>;
}

/** The cost of breaking at a hyphenation point. Higher than TeX's \hyphenpenalty of 50 because
 * tex-linebreak adds costs inside the square of the badness rather than beside it: measured on an
 * 80-page edition of the seed (npm run bench:pdf), 50 hyphenates 18% of line ends, 300 about 7%
 * (with the double-hyphen weight of breaking.ts). 450 or more hyphenates fewer still only by
 * spacing more lines out to the tolerance's limit (spaces of 0.52 em, twice as many lines with a
 * space over 0.45 em). */
export const HYPHEN_COST = 300;
/** A break inside a URL or code after its punctuation (emergency items only), no hyphen printed. */
const URL_BREAK_COST = 200;
/** A break between two letters of a URL (emergency items only). */
const LETTER_BREAK_COST = 600;
/** A break between two letters of a piece wider than the line. */
const CLUSTER_BREAK_COST = 900;
const SOFT_HYPHEN = '\u00ad';

/** Breaks a piece wider than the line into boxes of at most this share of the line: fine enough
 * that the lines it fills end close to the measure, coarse enough that a 100,000-letter word makes
 * a few thousand items, not a hundred thousand (the breaker weighs every break against every other
 * within a line's reach). */
const SLICE = 1 / 24;

function shaped(b: Builder, text: string, style: InlineStyle, extra: Partial<Piece>, node: Node, offset: number, at: number): Piece[] {
  return shapePieces(b.opts, b.para, text, style, extra, node, offset, at);
}

function pushPieces(b: Builder, list: Piece[]): void {
  // Indexed loops in what runs once a word: unoptimised (a fresh process sets its first pages in
  // V8's baseline tiers), a for…of allocates at every step.
  for (let i = 0; i < list.length; i++) {
    const piece = list[i]!;
    if (piece.width <= b.opts.measure) {
      b.items.push({ type: 'box', width: piece.width, piece });
      continue;
    }
    // Wider than the line (a long URL, a string of letters): it may break between clusters, at a
    // cost, rather than run off the page. Only the emergency items cut it: a paragraph holding
    // such a piece goes straight to them (breaking.ts), and the first items are never used.
    b.overfull = true;
    if (b.emergency) pushSlices(b.items, piece, b.opts.measure, false);
    else b.items.push({ type: 'box', width: piece.width, piece });
  }
}

/** Pushes `piece` cut into slices of the line, its clusters grouped, with a break point between
 * slices (and before the first when `breakBefore`). */
function pushSlices(items: Item[], piece: Piece, measure: number, breakBefore: boolean): void {
  const slice = Math.max(measure * SLICE, 1);
  const groups: { glyphs: PlacedGlyph[]; width: number }[] = [];
  let current: { glyphs: PlacedGlyph[]; width: number } | undefined;
  for (let k = 0; k < piece.glyphs.length; k++) {
    const g = piece.glyphs[k]!;
    // A glyph without text continues its cluster; a new cluster may start a new slice.
    if (!current || (g.text !== '' && current.width + g.advance > slice)) groups.push((current = { glyphs: [], width: 0 }));
    current.glyphs.push(g);
    current.width += g.advance;
  }
  const rtl = piece.level % 2 === 1;
  if (rtl) groups.reverse();
  // Each slice has its own text, in reading order: a line's text for extractors (LineBox.text)
  // holds the slices on that line, not the whole word again. The piece's text is cut in slices as
  // long as what their glyphs stand for, in reading order: reversing a right-to-left slice's
  // glyphs would put a mark before its letter (HarfBuzz keeps a mark after its base).
  const lengths = groups.map((group) => group.glyphs.reduce((n, g) => n + g.text.length, 0));
  const byLength = lengths.reduce((a, b) => a + b, 0) === piece.text.length;
  let at = 0;
  groups.forEach((group, k) => {
    // No stretch here (see pushLetterBreak): with it every slice is a feasible line end and the
    // breaker keeps thousands of them alive at once; without, it sets such a word slice by
    // slice in its fallback, in time linear in the word's length.
    if (k > 0 || breakBefore) items.push({ type: 'penalty', width: 0, cost: CLUSTER_BREAK_COST, flagged: false });
    let text: string;
    if (byLength) text = piece.text.slice(at, (at += lengths[k]!));
    else {
      const texts = group.glyphs.map((g) => g.text);
      text = (rtl ? texts.reverse() : texts).join('');
    }
    items.push({ type: 'box', width: group.width, piece: { ...piece, text, glyphs: group.glyphs, width: group.width } });
  });
}

/** Emergency items: a stretch with no break point that is wider than the line, though each of its
 * pieces fits (letters either side of a sign, shaped apart: "wwww*wwww…"; a word in two styles),
 * is cut into slices as one piece wider than the line is. */
function sliceWideStretches(b: Builder): void {
  const measure = b.opts.measure;
  const out: Item[] = [];
  // The stretch since the last break point: where it starts in `out`, and its width.
  let from = 0;
  let width = 0;
  const end = (extra: number): void => {
    if (width + extra <= measure + 0.01) return;
    b.overfull = true;
    const stretch = out.splice(from);
    let boxes = 0;
    for (const item of stretch) {
      if (item.type !== 'box') out.push(item);
      else if (item.piece.image) {
        // A picture is never cut (it has no glyphs to cut between): a line may end before it.
        if (boxes++ > 0) out.push({ type: 'penalty', width: 0, cost: CLUSTER_BREAK_COST, flagged: false });
        out.push(item);
      } else pushSlices(out, item.piece, measure, boxes++ > 0);
    }
  };
  for (const item of b.items) {
    const last = out[out.length - 1];
    const legal = item.type === 'glue' ? last?.type === 'box' : item.type === 'penalty' && item.cost < MAX_COST;
    if (legal) {
      end(item.type === 'penalty' ? item.width : 0);
      out.push(item);
      from = out.length;
      width = 0;
    } else {
      out.push(item);
      if (item.type !== 'penalty') width += item.width;
    }
  }
  b.items = out;
}

/** A break point between two letters, with a trace of stretch after it (not drawn: at most a few
 * points at the line's end). A line made only of a URL's letters has no space to
 * stretch; without it the breaker finds such a line infinitely bad, however close to the measure
 * it ends. Glue after a penalty is no break point of its own and is dropped at a line's start. */
function pushLetterBreak(b: Builder, cost: number, stretch: number): void {
  b.items.push({ type: 'penalty', width: 0, cost, flagged: false });
  b.items.push({ type: 'glue', width: 0, stretch, shrink: 0, level: 0 });
}

/** The hyphen printed after each piece, made once a piece: pieces of cached words recur, and
 * pieces are never changed once made (see shapedWords). */
const hyphens = new WeakMap<Piece, Piece>();

function pushHyphen(b: Builder): void {
  const last = b.items[b.items.length - 1];
  if (last?.type !== 'box') return;
  let hyphen = hyphens.get(last.piece);
  if (!hyphen) hyphens.set(last.piece, (hyphen = hyphenPiece(last.piece)));
  b.items.push({ type: 'penalty', width: hyphen.width, cost: HYPHEN_COST, flagged: true, hyphen });
}

/** Emits a stretch of one text atom inside a word, with hyphenation points between syllables. */
function emitText(b: Builder, atom: TextAtom | ImageAtom, from: number, to: number, atomStart: number): void {
  if (atom.kind === 'image') {
    pushPieces(b, [imagePiece(b.opts, b.para, atom, atomStart, atom.link)]);
    return;
  }
  const full = atom.text.slice(from, to);
  if (full.includes(SOFT_HYPHEN)) {
    // A soft hyphen typed in the source is a hyphenation point the author chose: honoured even
    // where Folio would not hyphenate, with a printed hyphen when the line breaks there; as in
    // TeX, the word's own points are then the only ones (no patterns, even in an emergency).
    let at = from;
    full.split(SOFT_HYPHEN).forEach((part, k) => {
      if (k > 0) {
        pushHyphen(b);
        at += 1;
      }
      if (part) emitPart(b, atom, at, at + part.length, atomStart, false);
      at += part.length;
    });
    return;
  }
  emitPart(b, atom, from, to, atomStart, !b.softWord);
}

const NO_EXTRA: Partial<Piece> = Object.freeze({});

/** Looks like a URL, a path or an address: breaks after its punctuation read better than hyphens. */
const URL_LIKE = /:\/\/|^www\.|[/\\@]|\.[a-z]{2,}\//iu;

function emitPart(b: Builder, atom: TextAtom, from: number, to: number, atomStart: number, patterns = true): void {
  const text = atom.text.slice(from, to);
  const extra: Partial<Piece> = atom.link ? { link: atom.link } : NO_EXTRA;
  const mono = atom.style.role === 'mono';
  if (b.emergency && (mono || URL_LIKE.test(text))) {
    // Emergency: a URL or code breaks after its punctuation, or failing that between any two of
    // its letters, with no hyphen (one printed would read as part of the address). Its line has
    // few spaces to stretch, so it needs break points this close together to end near the measure.
    let offset = from;
    const parts = text.split(/(?<=[/.?&=#_~:\\-])(?=.)/u);
    parts.forEach((part, k) => {
      const letters = /^[\p{L}\p{N}]+$/u.test(part.slice(0, -1)) ? Array.from(part) : [part];
      letters.forEach((letter, n) => {
        pushPieces(b, shaped(b, letter, atom.style, extra, atom.node, offset, atomStart + offset));
        offset += letter.length;
        if (n < letters.length - 1) pushLetterBreak(b, LETTER_BREAK_COST, 0.05);
      });
      if (k < parts.length - 1) b.items.push({ type: 'penalty', width: 0, cost: URL_BREAK_COST, flagged: false });
    });
    return;
  }
  // A link's words hyphenate as any others do; an address shown as its text never (URL_LIKE).
  const canHyphenate = patterns && (b.opts.hyphenate || b.emergency) && !mono && !(atom.link && URL_LIKE.test(text));
  // Words are cut into letter and non-letter stretches, each shaped on its own, so combining
  // marks (Arabic vowels, shadda) and joiners belong to the letters: cut at a mark, the letters
  // either side lose their joining forms and the mark is set apart from its base.
  // In a paragraph all left to right a word's pieces depend on its text and style alone: words
  // recur, so they are shaped once (a word cache, as browsers keep). Positions matter only for a
  // missing glyph's message, and a word with one is never cached (shaping it throws).
  const table = b.para.levels || atom.link ? undefined : wordTable(b, atom.style, canHyphenate);
  let word = table?.get(text);
  if (!word) {
    word = [];
    const tokens = canHyphenate ? text.match(/[\p{L}\p{M}\u200c\u200d]+|[^\p{L}\p{M}\u200c\u200d]+/gu) ?? [] : [text];
    let offset = from;
    for (const token of tokens) {
      const parts = canHyphenate ? syllables(token, b.opts.lang, b.emergency) : [token];
      parts.forEach((part, k) => {
        const pieces = shaped(b, part, atom.style, extra, atom.node, offset, atomStart + offset);
        offset += part.length;
        word!.push({ pieces, hyphen: k < parts.length - 1 && pieces.length > 0 });
      });
    }
    if (table !== undefined) {
      // Bounded, so a process building many reports does not keep every word it ever set.
      if (wordsKept >= WORDS_KEPT) {
        shapedWords.clear();
        wordsKept = 0;
        b.tables[0].clear();
        b.tables[1].clear();
        wordTable(b, atom.style, canHyphenate).set(text, word);
      } else table.set(text, word);
      wordsKept++;
    }
  }
  for (let i = 0; i < word.length; i++) {
    pushPieces(b, word[i]!.pieces);
    if (word[i]!.hyphen) pushHyphen(b);
  }
}

/** A word's syllables, shaped, each with whether a hyphenation point follows it. */
type ShapedWord = { pieces: Piece[]; hyphen: boolean }[];

/** About 1.5 KB a word (the seed's six editions and the stress report: 6,300 words, 9.5 MB), so
 * at most some 15 MB. */
const WORDS_KEPT = 10_000;
/** Shaped words: a table for each theme, style and hyphenation settings, of words by their text.
 * Pieces are never changed once made (the line builder copies what it places), so paragraphs share
 * them. Two levels rather than one key of style and text: the style's part is made once a
 * paragraph, not once a word, and a word is looked up by its own text. */
const shapedWords = new Map<string, Map<string, ShapedWord>>();
let wordsKept = 0;
const themeIds = new WeakMap<object, number>();
let themes = 0;

function wordTable(b: Builder, style: InlineStyle, canHyphenate: boolean): Map<string, ShapedWord> {
  const tables = b.tables[canHyphenate ? 1 : 0];
  let table = tables.get(style);
  if (!table) {
    const key = styleKey(b, style, canHyphenate);
    table = shapedWords.get(key);
    if (!table) shapedWords.set(key, (table = new Map()));
    tables.set(style, table);
  }
  return table;
}

function styleKey(b: Builder, style: InlineStyle, canHyphenate: boolean): string {
  let theme = themeIds.get(b.opts.theme);
  if (theme === undefined) themeIds.set(b.opts.theme, (theme = themes++));
  const { role, bold, italic, size, colour, strike } = style;
  const hyphenation = canHyphenate ? `${b.opts.lang}${b.emergency ? '+' : ''}` : '';
  return `${theme}\u0000${role}${bold ? 'b' : ''}${italic ? 'i' : ''}${strike ? 's' : ''}${b.opts.rtl ? 'r' : ''}\u0000${size}\u0000${colour}\u0000${hyphenation}`;
}

/** A note reference's number, after the text before it. Its digits are not in the paragraph's
 * text, so they take no levels from it: they are European numbers after that text's last
 * character, one level up from a right-to-left level, as the bidi algorithm raises digits (rule
 * I2), so "12" is set left to right in any paragraph. (Read from the paragraph's levels at their
 * own positions, a number ending a right-to-left paragraph had digits past its end, of no level,
 * and its line was never put in order: the build hung.) */
function emitRef(b: Builder, ref: RefAtom, at: number): void {
  const digits = String(ref.number);
  const { levels } = b.para;
  const before = levels && levels.length > 0 ? levels[Math.min(Math.max(0, at - 1), levels.length - 1)]! : 0;
  const level = before % 2 === 1 ? before + 1 : before;
  const style = { ...ref.style, colour: b.opts.theme.colours.link };
  const rise = ref.style.size * 0.36;
  // After another reference, the separator: raised as the numbers are, a mark of the reference as
  // they are (left out of a right-to-left line's text with them: paragraph.ts), and no part of the
  // link to the note. It takes the direction of the text before the references, so that notes
  // cited together read as the words do: in Arabic the first note's number is the rightmost (as
  // LibreOffice sets the Word file's), each number itself left to right.
  if (ref.separator) {
    const text = ref.separator;
    const para: Paragraph = { text, levels: levels ? new Uint8Array(text.length).fill(before) : null };
    pushPieces(b, shapePieces(b.opts, para, text, style, { rise, note: ref.noteId }, ref.node, 0, 0));
  }
  const para: Paragraph = { text: digits, levels: levels ? new Uint8Array(digits.length).fill(level) : null };
  const made = shapePieces(b.opts, para, digits, style, {
    rise,
    link: { dest: ref.noteId },
    anchor: ref.refId,
    note: ref.noteId,
  }, ref.node, 0, 0);
  pushPieces(b, made);
}

/** The glue of a space of `style` at `at` in the paragraph, made once a paragraph for each style
 * and bidi level. */
function space(b: Builder, style: InlineStyle, at: number): GlueItem {
  const level = b.para.levels ? b.para.levels[at]! : 0;
  let byLevel = b.spaces.get(style);
  if (!byLevel) b.spaces.set(style, (byLevel = []));
  return (byLevel[level] ??= spaceGlue(b.opts, b.para, style, at));
}

/** The Knuth–Plass items of a paragraph, and whether a piece had to be cut between letters. */
export interface Itemized {
  items: Item[];
  overfull: boolean;
  /** Whether the paragraph reads right to left (blockDirection): the edition's direction, or the
   * other one for a paragraph written wholly in the other direction's scripts. */
  rtl: boolean;
}

/** Builds the Knuth–Plass items of a paragraph; `emergency` adds the break points of the
 * emergency pass (see the head of this file). */
export function itemsOf(atoms: Atom[], opts: SetOptions, emergency = false): Itemized {
  let text = '';
  const texts: { atom: TextAtom | ImageAtom; start: number }[] = [];
  const refs: { atom: RefAtom; at: number }[] = [];
  // Inline code, set as a left-to-right isolate (see embeddingLevels).
  const code: [number, number][] = [];
  // What the paragraph's direction is not judged by, as inlineDirection judges the model's inline
  // content for the other formats (the atoms are what is set, not the model's nodes): its code,
  // and the alt text printed for a picture.
  const unjudged: [number, number][] = [];
  for (const atom of atoms) {
    if (atom.kind === 'text' || atom.kind === 'image') {
      texts.push({ atom, start: text.length });
      if (atom.node.type === 'inlineCode' && atom.text.length > 0) code.push([text.length, text.length + atom.text.length]);
      if ((atom.node.type === 'inlineCode' || atom.node.type === 'image') && atom.text.length > 0) unjudged.push([text.length, text.length + atom.text.length]);
      text += atom.text;
    } else if (atom.kind === 'ref') refs.push({ atom, at: text.length });
    else {
      texts.push({ atom: { kind: 'text', text: '\n', style: texts[texts.length - 1]?.atom.style ?? (refs[0]?.atom.style as InlineStyle), node: { type: 'break' } }, start: text.length });
      text += '\n';
    }
  }
  // The paragraph's own direction: its lines stay where the edition sets its blocks (opts.rtl),
  // but one written wholly in the other direction's scripts reads in that direction.
  const own = blockDirection(withoutStretches(text, unjudged), opts.rtl ? 'rtl' : 'ltr') === 'rtl';
  const b: Builder = { opts, items: [], para: { text, levels: embeddingLevels(text, own, code) }, emergency, overfull: false, softWord: false, tables: [new Map(), new Map()], spaces: new Map() };
  const breaker = new LineBreaker(text);
  const contentEnd = text.trimEnd().length;
  let start = 0;
  let refIndex = 0;
  let textIndex = 0;
  let lastStyle: InlineStyle | undefined = texts[0]?.atom.style ?? refs[0]?.atom.style;
  for (let brk = breaker.nextBreak(); brk; brk = breaker.nextBreak()) {
    const end = brk.position;
    const segment = text.slice(start, end);
    const word = segment.replace(/[\s]+$/u, '');
    const wordEnd = start + word.length;
    // Word content: each text atom overlapping [start, wordEnd), refs inside or right after it.
    while (textIndex < texts.length && texts[textIndex]!.start + texts[textIndex]!.atom.text.length <= start) textIndex++;
    for (let t = textIndex; t < texts.length && texts[t]!.start < wordEnd; t++) {
      const { atom, start: atomStart } = texts[t]!;
      const from = Math.max(start, atomStart);
      const to = Math.min(wordEnd, atomStart + atom.text.length);
      while (refIndex < refs.length && refs[refIndex]!.at <= from && (refs[refIndex]!.at > start || start === 0)) {
        emitRef(b, refs[refIndex]!.atom, refs[refIndex]!.at);
        refIndex++;
      }
      if (to > from) emitText(b, atom, from - atomStart, to - atomStart, atomStart);
      lastStyle = atom.style;
    }
    while (refIndex < refs.length && refs[refIndex]!.at <= end) {
      emitRef(b, refs[refIndex]!.atom, refs[refIndex]!.at);
      lastStyle = refs[refIndex]!.atom.style;
      refIndex++;
    }
    const style = lastStyle!;
    if (end >= text.length) break;
    if (brk.required) {
      // A line break with only spaces after it (a code span ending in a newline) would leave an
      // empty last line, which tex-linebreak finds infeasible: it then retries with ever looser
      // tolerances, each pass slower, taking minutes on a long paragraph. The paragraph's own end
      // breaks there anyway.
      if (end >= contentEnd && refIndex >= refs.length) break;
      b.items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
      b.items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
    } else if (segment.length > word.length) {
      // The space takes the style of the text it is in: a space after inline code is the
      // sentence's space, not a wide monospaced one.
      let t = textIndex;
      while (t < texts.length - 1 && texts[t]!.start + texts[t]!.atom.text.length <= wordEnd) t++;
      const around = texts[t]!.start <= wordEnd && texts[t]!.start + texts[t]!.atom.text.length > wordEnd ? texts[t]!.atom.style : style;
      b.items.push(space(b, around, wordEnd));
    } else if (!word.endsWith(SOFT_HYPHEN)) {
      // A break inside a word: after a hyphen or dash, or a slash. (After a soft hyphen the
      // break, with its printed hyphen, is already there.)
      const hyphenated = /[-\u2010]$/u.test(word);
      b.items.push({ type: 'penalty', width: 0, cost: hyphenated ? 50 : 100, flagged: hyphenated });
    }
    // The rest of a word cut by a soft hyphen is no more hyphenated by patterns than its start.
    b.softWord = word.endsWith(SOFT_HYPHEN) || (b.softWord && !(segment.length > word.length));
    start = end;
  }
  while (refIndex < refs.length) emitRef(b, refs[refIndex++]!.atom, text.length);
  b.items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
  b.items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
  if (emergency) sliceWideStretches(b);
  return { items: b.items, overfull: b.overfull, rtl: own };
}

/** `text` without the stretches [start, end) given, in order and apart. */
function withoutStretches(text: string, stretches: readonly (readonly [number, number])[]): string {
  if (stretches.length === 0) return text;
  let kept = '';
  let from = 0;
  for (const [start, end] of stretches) {
    kept += text.slice(from, start);
    from = end;
  }
  return kept + text.slice(from);
}
