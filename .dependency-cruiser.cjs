// Folio's layers, each importing only from those below it (DESIGN.md, "The pipeline"):
//
//   cli/  →  pipeline/  →  render/  →  checks/  →  model/  →  parse/, templates/, shared/
//
// model/ imports nothing of Folio's but itself; shared/ is the floor. A writer gets labels and
// font paths through its context, so render/ never calls the template loader, and writers do
// not reach into one another (they share render/fragment/ instead). `npm test` runs these rules
// (test/architecture.test.ts), so a change that breaks them fails there.
const layer = (name) => `^src/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A cycle ties layers together.', from: {}, to: { circular: true } },
    {
      name: 'model-is-self-contained',
      severity: 'error',
      comment: 'The model imports nothing of Folio but its own modules.',
      from: { path: layer('model') },
      to: { path: '^src/', pathNot: layer('model') },
    },
    {
      name: 'shared-is-the-floor',
      severity: 'error',
      comment: 'Shared helpers import only each other.',
      from: { path: layer('shared') },
      to: { path: '^src/', pathNot: layer('shared') },
    },
    {
      name: 'parse-and-templates-stay-low',
      severity: 'error',
      comment: 'Parsing and templates sit beside the model, under the checks.',
      from: { path: '^src/(parse|templates)/' },
      to: { path: '^src/(checks|render|pipeline|cli)/' },
    },
    {
      name: 'checks-below-render',
      severity: 'error',
      comment: 'Checks never import from writers, the pipeline or the CLI.',
      from: { path: layer('checks') },
      to: { path: '^src/(render|pipeline|cli)/' },
    },
    {
      name: 'render-below-pipeline',
      severity: 'error',
      comment: 'Writers never import the pipeline or the CLI.',
      from: { path: layer('render') },
      to: { path: '^src/(pipeline|cli)/' },
    },
    {
      name: 'writers-use-their-context',
      severity: 'error',
      comment: 'A writer gets labels, theme and font paths through its context, not from the template loader.',
      from: { path: layer('render') },
      to: { path: '^src/templates/load\\.ts$' },
    },
    {
      name: 'writers-stay-apart',
      severity: 'error',
      comment: 'A writer does not reach into another writer; shared pieces live in render/fragment/.',
      from: { path: '^src/render/([^/]+)/' },
      to: { path: '^src/render/([^/]+)/', pathNot: ['^src/render/$1/', '^src/render/fragment/'] },
    },
    {
      name: 'pipeline-below-cli',
      severity: 'error',
      comment: 'Nothing but the CLI imports the CLI.',
      from: { path: '^src/', pathNot: layer('cli') },
      to: { path: layer('cli') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
