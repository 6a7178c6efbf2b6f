// The worker entry when Folio runs from its TypeScript sources (tests, FOLIO_TSX=1): a worker
// thread does not inherit the parent's module hooks, so it registers tsx itself first.
import { register } from 'tsx/esm/api';

register();
const { default: render } = await import('./worker.ts');
export default render;
