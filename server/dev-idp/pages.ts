/**
 * HTML of the dev identity provider's own pages: the test-citizen chooser, the sign-out confirmation, the
 * signed-out page and the error page. Finnish first with English alongside; no inline script or style (the
 * pages are served with a CSP that forbids both), styles from /dev-idp.css.
 */
import type { TestCitizen } from '../emulators/population/citizens.js';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Two-language text: Finnish shown first, English marked with `lang="en"`. */
function bilingual(fi: string, en: string): string {
  return `${escapeHtml(fi)} <span class="translation" lang="en">${escapeHtml(en)}</span>`;
}

function layout(titleFi: string, body: string): string {
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(titleFi)} – Kunta-Akkuna, kehitystunnistus</title>
<link rel="stylesheet" href="/dev-idp.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface ChooserPageInput {
  uid: string;
  clientId: string;
  citizens: readonly TestCitizen[];
  /** Shown above the buttons when the previous submission was not accepted. */
  error?: string;
}

/** The citizen chooser: one submit button per test citizen, plus a cancel button. */
export function chooserPage({ uid, clientId, citizens, error }: ChooserPageInput): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const buttons = citizens
    .map(
      (c) =>
        `<li><button class="citizen" type="submit" name="citizen" value="${escapeHtml(c.key)}">` +
        `<span class="name">${escapeHtml(`${c.givenName} ${c.familyName}`)}</span> ` +
        `<span class="municipality">${escapeHtml(c.municipalityName)}</span></button></li>`,
    )
    .join('\n');
  return layout(
    'Valitse testihenkilö',
    `<h1>${bilingual('Valitse testihenkilö', 'Choose a test person')}</h1>
<p class="notice">${bilingual(
      'Tämä on kehitysympäristön tunnistuspalvelu. Henkilöt ja henkilötunnukset ovat keksittyjä testitietoja.',
      'This is a development identity provider. The people and identity codes are made-up test data.',
    )}</p>
<p>Kirjautuminen palveluun <code>${escapeHtml(clientId)}</code> <span class="translation" lang="en">Signing in to <code>${escapeHtml(clientId)}</code></span></p>
${error ? `<p class="notice" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${action}/login">
<ul class="choices" aria-label="Testihenkilöt / Test people">
${buttons}
</ul>
</form>
<form method="post" action="${action}/abort" class="actions">
<button class="secondary" type="submit">${bilingual('Peruuta', 'Cancel')}</button>
</form>`,
  );
}

/** RP-initiated logout confirmation; `form` is oidc-provider's hidden form (`id="op.logoutForm"`). */
export function logoutPage(form: string): string {
  return layout(
    'Kirjaudu ulos',
    `<h1>${bilingual('Kirjaudutaanko ulos?', 'Sign out?')}</h1>
${form}
<div class="actions">
<button class="citizen" type="submit" form="op.logoutForm" name="logout" value="yes">${bilingual('Kirjaudu ulos', 'Sign out')}</button>
<button class="secondary" type="submit" form="op.logoutForm">${bilingual('Pysy kirjautuneena', 'Stay signed in')}</button>
</div>`,
  );
}

export function signedOutPage(): string {
  return layout(
    'Uloskirjautuminen onnistui',
    `<h1>${bilingual('Olet kirjautunut ulos', 'You have signed out')}</h1>
<p>${bilingual('Voit sulkea tämän sivun.', 'You can close this page.')}</p>`,
  );
}

export function errorPage(error: string, description: string | undefined): string {
  return layout(
    'Virhe',
    `<h1>${bilingual('Tunnistus ei onnistunut', 'Sign-in failed')}</h1>
<p role="alert"><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>`,
  );
}
