import type { FastifyPluginAsync } from 'fastify';
import { parseHttpUrl } from '../config/formats.js';

/**
 * The staff page for notices, `/admin/`: a small HTML document that loads the widget bundle and its
 * `<kunta-notice-admin>` element (the same Lit and SDK stack as the citizen widgets). The staff sign-in settings of
 * each municipality that has them are given to the element; nothing else is on the page.
 */
export const adminPageRoutes: FastifyPluginAsync<{ version: string }> = async (app, { version }) => {
  const municipalities = app.tenants.all
    .filter((m) => m.staff)
    .map((m) => ({
      id: m.id,
      name: { fi: m.name.fi, sv: m.name.sv },
      languages: [...m.languages],
      authority: m.staff!.issuer,
      clientId: m.staff!.clientId,
      scope: m.staff!.scope,
      resource: m.staff!.audience,
    }));
  const issuers = [...new Set(municipalities.map((m) => parseHttpUrl(m.authority)?.origin).filter(Boolean))];
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src 'self' ${issuers.join(' ')}`.trim(),
    "img-src 'self' data:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
  const settings = JSON.stringify(municipalities);

  // After the API-wide headers (http/security-headers.ts), which forbid documents to load anything.
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('Content-Security-Policy', csp);
    done(null, payload);
  });

  app.get('/admin', { schema: { hide: true } }, (_request, reply) => reply.redirect('/admin/', 301));
  app.get<{ Querystring: { lang?: string } }>('/admin/', { schema: { hide: true } }, async (request, reply) => {
    const lang = request.query.lang === 'sv' ? 'sv' : request.query.lang === 'en' ? 'en' : 'fi';
    const title = { fi: 'Tiedotteet – Kunta-Akkuna', sv: 'Meddelanden – Kunta-Akkuna', en: 'Notices – Kunta-Akkuna' }[
      lang
    ];
    reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').type('text/html; charset=utf-8');
    // The settings go in an attribute; escapeAttribute keeps them data.
    return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script type="module" src="/widgets/${version}/kunta-akkuna.js"></script>
</head>
<body>
<main>
<kunta-notice-admin lang="${lang}" api="" settings="${escapeAttribute(settings)}"></kunta-notice-admin>
</main>
</body>
</html>
`;
  });
};

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
