// One ES module for the script tag: components/dist/kunta-akkuna.js (served at /widgets/<version>/kunta-akkuna.js).
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
  output: {
    file: fileURLToPath(new URL('./dist/kunta-akkuna.js', import.meta.url)),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['kunta-source', 'production'] }),
    typescript({
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      noEmit: false,
      declaration: false,
      sourceMap: true,
      // The SDK is compiled from source (kunta-source condition) as part of this bundle.
      include: ['src/**/*.ts', '../sdk/src/**/*.ts'],
      exclude: ['src/**/*.test.ts', 'src/internal/testing.ts'],
    }),
    terser({ format: { comments: false } }),
  ],
};
