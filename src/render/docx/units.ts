// Word measures lengths in twentieths of a point (twips) and font sizes in half-points; the theme
// gives points. Colours lose their `#`.

export function twips(points: number): number {
  return Math.round(points * 20);
}

export function halfPoints(points: number): number {
  return Math.round(points * 2);
}

export function colour(hex: string): string {
  return hex.replace(/^#/, '').toUpperCase();
}
