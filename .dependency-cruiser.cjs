/**
 * Import rules: dependencies run one way, so a part can be read, tested and changed without the
 * parts that use it. `npm run lint:imports` (part of `npm test`) fails on any import that breaks one.
 *
 *   core  ←  shared  ←  models, video, env, pipeline  ←  app, store  ←  ui
 *
 * src/core is pure TypeScript; src/shared holds the types several layers exchange (reports, view
 * types, the ensemble file's schema, both worker protocols) and depends on src/core only.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-self-contained',
      comment:
        'src/core is pure TypeScript (no DOM, no tfjs) unit-tested in Node: it imports nothing outside itself ' +
        'but pure maths packages (listed here, so adding one is a decision) and, in tests, vitest.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/(fft\\.js|meyda|ml-hclust|ml-matrix)/', '^node_modules/vitest/'] },
    },
    {
      name: 'core-tests-only-use-vitest',
      comment: 'Only tests may import the test runner.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '\\.test\\.ts$' },
      to: { path: '^node_modules/vitest/' },
    },
    {
      name: 'shared-depends-on-core-only',
      comment: 'src/shared holds types every layer exchanges; it may read src/core and nothing else of ours.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/(core|shared)/' },
    },
    {
      name: 'models-below-pipeline',
      comment: 'Networks know nothing of the pipeline, the app, the store or the UI that use them.',
      severity: 'error',
      from: { path: '^src/models/' },
      to: { path: '^src/(pipeline|app|store|ui)/' },
    },
    {
      name: 'store-below-app',
      comment: 'The store holds plain results; actions (src/app) write it and the UI reads it, never the reverse.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(app|ui)/' },
    },
    {
      name: 'ui-reads-store-and-calls-app',
      comment: 'React components render the store and call actions; networks, workers, training and Node code stay out of them.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/(models|pipeline|training|node)/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: neither can be understood or tested alone.',
      severity: 'error',
      from: {},
      // Type-only cycles are erased at compile time; the zustand slices pattern needs one (each
      // slice is typed against the whole store it is part of).
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
