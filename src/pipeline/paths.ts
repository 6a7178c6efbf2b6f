// Paths as Folio shows them in messages (src/shared/display.ts, where the template loader finds it too).
export { display } from '../shared/display.ts';
