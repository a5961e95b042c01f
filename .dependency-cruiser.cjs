// `npm run lint`: the layers of docs/architecture.md, checked. Each layer imports only
// itself and the layers below it; no import cycle anywhere, type-only imports counted
// (tsPreCompilationDeps), so a cycle cannot hide behind `import type`.
//
// Bottom to top. Folders on one line are one layer; the services are ordered among
// themselves too, so no two service folders import each other.
const layers = [
  ['lib/core', 'lib/i18n'], // leaf types and helpers: draft, finding, e-mail, errors, clock, calendar, regions
  ['lib/store'], // IndexedDB schema, typed records, settings, the stored-state change signal
  ['lib/guardrails', 'lib/ramp'], // the pure domains: guardrail rules, ramp plan and state, health
  ['lib/aws'], // SES, SQS and Cognito: clients, credentials, sign-in, errors, AWS's clock
  ['lib/suppression'], // the services, each above the ones before it
  ['lib/account'],
  ['lib/send'],
  ['lib/feedback'],
  ['lib/dashboard'],
  ['lib/protocol'], // the messages between the extension's pages and the background
  ['components', 'entrypoints'], // React components; entrypoints' wiring (Gmail's with the content script)
];

const re = (folders) => `^(${folders.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/`;

const upward = layers.slice(0, -1).map((folders, i) => ({
  name: `layer-${folders[0].replace('lib/', '')}`,
  comment: `${folders.join(', ')} may import only ${i === 0 ? 'within their layer' : 'their layer and the ones below'}`,
  severity: 'error',
  from: { path: re(folders) },
  to: { path: re(layers.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'an import cycle, type-only imports included', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'no-loose-lib-files',
      comment: 'lib/ holds folders only: each file in the folder of its layer',
      severity: 'error',
      from: { path: '^lib/[^/]+\\.tsx?$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(#imports|wxt/|virtual:)' },
    },
    {
      name: 'no-loose-lib-files-imported',
      severity: 'error',
      from: {},
      to: { path: '^lib/[^/]+\\.tsx?$' },
    },
    {
      name: 'no-loose-lib-files-orphan',
      severity: 'error',
      from: { path: '^lib/[^/]+\\.tsx?$', orphan: true },
      to: {},
    },
    {
      name: 'components-react-only',
      comment: 'components/ holds React components and their styles; wiring lives with its entrypoint',
      severity: 'error',
      from: { path: '^components/.+\\.(ts|js|mjs)$' },
      to: {},
    },
    {
      name: 'emulator-independent',
      comment: 'the local AWS emulator shares no code with the extension or the CDK app: it checks them, it does not follow them',
      severity: 'error',
      from: { path: '^dev/local-aws/' },
      to: { path: '^(lib|components|entrypoints|infra)/' },
    },
    {
      name: 'no-tests-in-production',
      severity: 'error',
      from: { path: '^(lib|components|entrypoints)/' },
      to: { path: '^(test|dev)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
