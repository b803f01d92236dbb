// The Custom Elements Manifest (custom-elements.json), generated from the elements' JSDoc (@summary, @slot, @event,
// @csspart, @cssproperty) in `npm run build`; Storybook reads it for its docs and controls.

/** Tags come from the folder convention (src/<name>/<name>.ts exports Kunta<Name> as <kunta-<name>>), as in the autoloader. */
function tagsByFolderConvention() {
  return {
    name: 'kunta-tags-by-folder',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        const match = /^src\/([a-z][a-z0-9-]*)\/\1\.ts$/.exec(module.path);
        if (!match) continue;
        const name = match[1];
        const className = `Kunta${name.replace(/(^|-)([a-z])/g, (_m, _dash, letter) => letter.toUpperCase())}`;
        const declaration = module.declarations?.find((candidate) => candidate.name === className);
        if (!declaration) continue;
        declaration.customElement = true;
        declaration.tagName = `kunta-${name}`;
        module.exports ??= [];
        if (!module.exports.some((entry) => entry.kind === 'custom-element-definition')) {
          module.exports.push({
            kind: 'custom-element-definition',
            name: `kunta-${name}`,
            declaration: { name: className, module: module.path },
          });
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: [
    'src/**/*.test.ts',
    'src/**/*.styles.ts',
    'src/**/*.stories.ts',
    'src/internal/testing.ts',
    'src/**/*.d.ts',
  ],
  outdir: '.',
  litelement: true,
  dependencies: false,
  plugins: [tagsByFolderConvention()],
};
