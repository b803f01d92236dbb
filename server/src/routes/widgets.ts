import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WidgetRoutesOptions {
  /** components/dist: the built widget bundle. */
  dir: string;
  /** components/package.json version: `/widgets/<version>/` never changes, so it may be cached for a year. */
  version: string;
}

/** The moving alias for the current major version of the widget API; short cache so fixes reach pages soon. */
export const WIDGETS_MAJOR_ALIAS = 'v1';

/**
 * The widget files. Public code, so any page may load them (`Access-Control-Allow-Origin: *`, needed for
 * cross-origin module scripts); never personal data.
 */
export const widgetRoutes: FastifyPluginAsync<WidgetRoutesOptions> = async (app, { dir, version }) => {
  if (!existsSync(dir)) {
    app.log.warn({ dir }, 'widget bundle not built; /widgets/ will answer 404 (run `npm run build`)');
    return;
  }
  // Public code for every page: these routes skip the API's CORS allow-list (http/cors.ts) and send `*` themselves.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, cors: false }; // read by http/cors.ts
  });
  // RFC 9239: text/javascript is the JavaScript media type (the static server's mime table says application/).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/javascript')) {
      reply.header('Content-Type', 'text/javascript; charset=utf-8');
    }
    return payload;
  });
  // The alias entry is a one-line module re-exporting the versioned entry, so its chunks resolve against (and are
  // cached at) the immutable /widgets/<version>/ path: one cache entry per file, and a page never mixes two versions.
  app.get(`/widgets/${WIDGETS_MAJOR_ALIAS}/kunta-akkuna.js`, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('Cache-Control', 'public, max-age=300')
      .header('Access-Control-Allow-Origin', '*')
      .type('text/javascript; charset=utf-8')
      .send(`export * from '../${version}/kunta-akkuna.js';\n`),
  );
  const mounts = [
    { prefix: `/widgets/${version}/`, cacheControl: 'public, max-age=31536000, immutable' },
    { prefix: `/widgets/${WIDGETS_MAJOR_ALIAS}/`, cacheControl: 'public, max-age=300' },
  ];
  for (const [i, mount] of mounts.entries()) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: mount.prefix,
      decorateReply: i === 0,
      cacheControl: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      setHeaders: (res) => {
        res.setHeader('Cache-Control', mount.cacheControl);
        res.setHeader('Access-Control-Allow-Origin', '*');
      },
    });
  }
};
