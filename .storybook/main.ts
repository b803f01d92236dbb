// Storybook 10 for the widgets: stories in stories/ (a fake API, no server), docs from the Custom Elements Manifest
// (components/custom-elements.json, written by `npm run analyze -w components`, which the npm scripts run first).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(vite) {
    // The SDK from source, as in the bundle and the tests (package.json "kunta-source" export condition).
    const { defaultClientConditions } = await import('vite');
    vite.resolve ??= {};
    vite.resolve.conditions = ['kunta-source', ...defaultClientConditions];
    // Storybook's own manager and docs bundles are large; the widgets' weight is measured by `npm run bench:size`.
    vite.build = { ...vite.build, chunkSizeWarningLimit: 1500 };
    return vite;
  },
};
export default config;
