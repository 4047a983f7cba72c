/**
 * Dependency rules, checked by `npm run lint` (dependency-cruiser): imports point one way.
 * lib/ folders form no cycle (neither between files nor between folders), and neither lib/ nor
 * components/ imports from app/ (app/ holds routes only and is what depends on the rest).
 */
module.exports = {
  forbidden: [
    {
      name: "no-file-cycle",
      severity: "error",
      comment: "A module must not depend on itself through others.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycle",
      severity: "error",
      comment: "lib folders depend on each other one way; a cycle between folders means one of them holds two ideas.",
      scope: "folder",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
    {
      name: "no-app-imports",
      severity: "error",
      comment: "app/ holds routes only: lib/ and components/ never import from it.",
      from: { path: "^(lib|components)/" },
      to: { path: "^app/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^(node_modules|\\.next|lib/db/generated)/", "\\.test\\.ts$", "^lib/rating/testing/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
