// Generated at build time by the `kunta:widgets` plugin in rollup.config.js from the folder convention:
// tag `kunta-<name>` → a loader importing src/<name>/<name>.ts and resolving to its `Kunta<Name>` class.
declare module 'kunta:widgets' {
  const widgets: Readonly<Record<string, () => Promise<CustomElementConstructor>>>;
  export default widgets;
}
