// Folio's total-fit breaker (src/render/pdf/total-fit.ts) against tex-linebreak's, whose
// algorithm it repeats with less allocation: on paragraphs of the items Folio makes (words and
// syllables, spaces, hyphens, forced breaks, an emergency pass's letter breaks, words wider than
// the line), at measures from roomy to impossible, both give the same breaks, or both find none.
import texLinebreak from 'tex-linebreak';
import { describe, expect, it } from 'vitest';
import type { Item } from '../src/render/pdf/pieces.ts';
import { totalFit } from '../src/render/pdf/total-fit.ts';

const { breakLines, MaxAdjustmentExceededError, MIN_COST } = texLinebreak;
const WEIGHTS = { doubleHyphenPenalty: 360_000, adjacentLooseTightPenalty: 10_000 };

/** A small deterministic generator (mulberry32), so a failure is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const piece = undefined as never;

function paragraph(rand: () => number, words: number, space: number): Item[] {
  const items: Item[] = [];
  const glue = (): Item => ({ type: 'glue', width: space, stretch: space * 0.6, shrink: space / 3, level: 0 });
  for (let w = 0; w < words; w++) {
    const roll = rand();
    if (w > 0) {
      if (roll < 0.03) {
        // A forced line break, as Folio makes it.
        items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
        items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
      } else if (roll < 0.06) items.push({ type: 'penalty', width: 0, cost: 50, flagged: true });
      else items.push(glue());
    }
    const syllables = 1 + Math.floor(rand() * 4);
    for (let s = 0; s < syllables; s++) {
      if (s > 0) {
        if (rand() < 0.2) {
          // An emergency letter break: a penalty and a trace of stretch.
          items.push({ type: 'penalty', width: 0, cost: 600, flagged: false });
          items.push({ type: 'glue', width: 0, stretch: 0.05, shrink: 0, level: 0 });
        } else items.push({ type: 'penalty', width: space * 1.1, cost: 300, flagged: true });
      }
      // Now and then a word wider than most lines.
      const width = rand() < 0.01 ? 200 + rand() * 400 : 4 + rand() * 30;
      items.push({ type: 'box', width, piece });
    }
  }
  items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0, level: 0 });
  items.push({ type: 'penalty', width: 0, cost: MIN_COST, flagged: false });
  return items;
}

function library(items: Item[], measure: number, tolerance: number | null): number[] | undefined {
  try {
    return breakLines(items, measure, { ...WEIGHTS, initialMaxAdjustmentRatio: tolerance ?? 3, maxAdjustmentRatio: tolerance });
  } catch (error) {
    if (error instanceof MaxAdjustmentExceededError) return undefined;
    throw error;
  }
}

describe('total-fit breaking', () => {
  it('gives tex-linebreak’s breaks on 1,000 paragraphs of Folio’s items', () => {
    const rand = random(20240607);
    let multiLine = 0;
    let none = 0;
    let fallback = 0;
    for (let k = 0; k < 1000; k++) {
      const words = 1 + Math.floor(rand() * (k % 10 === 0 ? 200 : 60));
      const space = 2 + rand() * 3;
      const items = paragraph(rand, words, space);
      const measure = [450, 300, 160, 90, 40][k % 5]! * (0.8 + rand() * 0.4);
      const tolerance = k % 3 === 0 ? null : 1.7;
      const mine = totalFit(items, measure, WEIGHTS, tolerance ?? 3, tolerance);
      expect(mine, `paragraph ${k}`).toEqual(library(items, measure, tolerance));
      if (mine === undefined) none++;
      else if (mine.length > 2) multiLine++;
      if (mine && items.some((item) => item.type === 'box' && item.width > measure)) fallback++;
    }
    // The cases were all met: paragraphs of many lines, none set within the tolerance, and words
    // wider than the line (the breaker's fallback).
    expect(multiLine).toBeGreaterThan(300);
    expect(none).toBeGreaterThan(30);
    expect(fallback).toBeGreaterThan(10);
  });

  it('weighs a hyphen after a hyphen, and a loose line after a tight one, as tex-linebreak does', () => {
    const rand = random(7);
    for (let k = 0; k < 300; k++) {
      const items = paragraph(rand, 30 + Math.floor(rand() * 60), 3);
      const measure = 120 + rand() * 80;
      for (const weights of [WEIGHTS, { doubleHyphenPenalty: 0, adjacentLooseTightPenalty: 0 }, { doubleHyphenPenalty: 1e7, adjacentLooseTightPenalty: 1e6 }]) {
        let theirs: number[] | undefined;
        try {
          theirs = breakLines(items, measure, { ...weights, initialMaxAdjustmentRatio: 1.7, maxAdjustmentRatio: 1.7 });
        } catch (error) {
          if (!(error instanceof MaxAdjustmentExceededError)) throw error;
        }
        expect(totalFit(items, measure, weights, 1.7, 1.7)).toEqual(theirs);
      }
    }
  });

  it('refuses items that do not end with a forced break, and breaks nothing in no items', () => {
    expect(totalFit([], 100, WEIGHTS, 1.7, 1.7)).toEqual([]);
    expect(() => totalFit([{ type: 'box', width: 10, piece }], 100, WEIGHTS, 1.7, 1.7)).toThrow(/forced break/);
  });
});
