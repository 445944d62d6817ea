// What may import what (ARCHITECTURE.md), checked by `npm run lint` (depcruise). The rooms of
// lib/ stand in floors, lowest first: a room imports only rooms below it and the shared files at
// the bottom (lib/*.ts), never one above it. A new room gets a floor here before its first import.
const FLOORS = [
  "db",
  "catalog",
  "limits",
  "session",
  "journeys",
  "mail",
  "cart",
  "checkout",
  "accounts",
  "admin",
  "sweep",
  "server",
];

const above = (floor) => FLOORS.slice(floor + 1).join("|");
const upward = FLOORS.slice(0, -1).map((room, floor) => ({
  name: `${room}-imports-upward`,
  comment: `lib/${room} sits below lib/{${above(floor).replaceAll("|", ",")}}: it may not import them.`,
  severity: "error",
  from: { path: `^lib/${room}/` },
  to: { path: `^lib/(${above(floor)})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import circles: a circle means two modules are one room's job, or a shape belongs lower.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-files-import-rooms",
      comment: "lib/*.ts is the bottom floor (settings, errors, ids, the security log): it imports no room.",
      severity: "error",
      from: { path: "^lib/[^/]+$" },
      to: { path: `^lib/(${FLOORS.join("|")})/` },
    },
    ...upward,
    {
      name: "only-lib-server-imports-next",
      comment: "Domain code runs without Next (tests, scripts): only lib/server reads the request.",
      severity: "error",
      from: { path: "^lib/", pathNot: "^lib/server/" },
      to: { path: "^node_modules/next/" },
    },
    {
      name: "lib-imports-what-is-above-it",
      comment: "lib/ is below the server actions, the components and the pages.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(actions|components|app)/" },
    },
    {
      name: "actions-import-pages-or-components",
      comment:
        "Server actions (actions/) are thin adapters over lib/: components and pages call them, never the reverse.",
      severity: "error",
      from: { path: "^actions/" },
      to: { path: "^(components|app)/" },
    },
    {
      name: "components-import-pages",
      comment: "Components import the actions they run from actions/, never anything of app/.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "client-reaches-the-database",
      comment: "A client component ships to the browser: it never reaches lib/db.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/db/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(lib/generated|\\.next|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
