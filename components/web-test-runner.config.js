// Component tests in a real Chromium (Debian's /usr/bin/chromium; test tools cannot download a browser here).
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';

export default {
  files: ['src/**/*.test.ts'],
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  nodeResolve: { exportConditions: ['kunta-source', 'browser', 'development'] },
  // The plugin reads the tsconfig file raw (no "extends"), so give it the base file that holds
  // experimentalDecorators and useDefineForClassFields: false.
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('../tsconfig.base.json', import.meta.url)) }),
    // Tests read roles and accessible names from the browser's accessibility tree.
    a11ySnapshotPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  concurrency: 1,
};
