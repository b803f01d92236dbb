// Generated at build time by the `kunta:widgets` plugin in rollup.config.js from the folder convention:
// tag `kunta-<name>` → a loader importing src/<name>/<name>.ts and resolving to its `Kunta<Name>` class; and
// language code → a loader importing that language's strings (src/i18n/<code>.ts).
declare module 'kunta:widgets' {
  const widgets: Readonly<Record<string, () => Promise<CustomElementConstructor>>>;
  export const strings: Readonly<Record<string, () => Promise<unknown>>>;
  export default widgets;
}
