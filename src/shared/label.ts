// Fills the `{name}` placeholders of a label ("Page {page} of {pages}"). A placeholder with no
// value stays as written, so a missing value shows rather than vanishing.
export function label(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z-]+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
