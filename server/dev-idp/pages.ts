/**
 * HTML of the dev identity provider's own pages: the test-citizen chooser, the sign-out confirmation, the
 * signed-out page and the error page. Each page is in the language the client asked for (`ui_locales`, OIDC Core
 * 3.1.2.1): Finnish, Swedish or English, Finnish when none of those is asked for. No inline script or style (the
 * pages are served with a CSP that forbids both), styles from /dev-idp.css.
 */

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export type PageLanguage = 'fi' | 'sv' | 'en';

/** The first of the client's `ui_locales` (space-separated BCP 47 tags, most preferred first) that we have. */
export function pageLanguage(uiLocales: unknown): PageLanguage {
  if (typeof uiLocales !== 'string') return 'fi';
  for (const tag of uiLocales.split(/\s+/)) {
    const primary = tag.split('-')[0]?.toLowerCase();
    if (primary === 'fi' || primary === 'sv' || primary === 'en') return primary;
  }
  return 'fi';
}

const TEXT = {
  fi: {
    product: 'Kunta-Akkuna, kehitystunnistus',
    chooseTitle: 'Valitse testihenkilö',
    devNotice: 'Tämä on kehitysympäristön tunnistuspalvelu. Henkilöt ja henkilötunnukset ovat keksittyjä testitietoja.',
    signingInTo: 'Kirjautuminen palveluun',
    people: 'Testihenkilöt',
    cancel: 'Peruuta',
    chooseError: 'Valitse testihenkilö.',
    logoutTitle: 'Kirjaudu ulos',
    logoutQuestion: 'Kirjaudutaanko ulos?',
    logout: 'Kirjaudu ulos',
    stay: 'Pysy kirjautuneena',
    signedOutTitle: 'Uloskirjautuminen onnistui',
    signedOut: 'Olet kirjautunut ulos',
    closePage: 'Voit sulkea tämän sivun.',
    errorTitle: 'Virhe',
    failed: 'Tunnistus ei onnistunut',
  },
  sv: {
    product: 'Kunta-Akkuna, utvecklingsidentifiering',
    chooseTitle: 'Välj en testperson',
    devNotice:
      'Det här är utvecklingsmiljöns identifieringstjänst. Personerna och personbeteckningarna är påhittade testuppgifter.',
    signingInTo: 'Inloggning i tjänsten',
    people: 'Testpersoner',
    cancel: 'Avbryt',
    chooseError: 'Välj en testperson.',
    logoutTitle: 'Logga ut',
    logoutQuestion: 'Vill du logga ut?',
    logout: 'Logga ut',
    stay: 'Förbli inloggad',
    signedOutTitle: 'Utloggningen lyckades',
    signedOut: 'Du har loggat ut',
    closePage: 'Du kan stänga den här sidan.',
    errorTitle: 'Fel',
    failed: 'Identifieringen misslyckades',
  },
  en: {
    product: 'Kunta-Akkuna, development sign-in',
    chooseTitle: 'Choose a test person',
    devNotice: 'This is a development identity provider. The people and identity codes are made-up test data.',
    signingInTo: 'Signing in to',
    people: 'Test people',
    cancel: 'Cancel',
    chooseError: 'Choose a test person.',
    logoutTitle: 'Sign out',
    logoutQuestion: 'Sign out?',
    logout: 'Sign out',
    stay: 'Stay signed in',
    signedOutTitle: 'Signed out',
    signedOut: 'You have signed out',
    closePage: 'You can close this page.',
    errorTitle: 'Error',
    failed: 'Sign-in failed',
  },
} satisfies Record<PageLanguage, Record<string, string>>;

function layout(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – ${escapeHtml(TEXT[lang].product)}</title>
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
  /** Citizens, or the staff client's staff members. */
  citizens: readonly { key: string; givenName: string; familyName: string; municipalityName: string }[];
  lang: PageLanguage;
  /** Shown above the buttons when the previous submission was not accepted. */
  error?: boolean;
}

/** The citizen chooser: one submit button per test citizen, plus a cancel button (answered with access_denied). */
export function chooserPage({ uid, clientId, citizens, lang, error }: ChooserPageInput): string {
  const t = TEXT[lang];
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
    lang,
    t.chooseTitle,
    `<h1>${escapeHtml(t.chooseTitle)}</h1>
<p class="notice">${escapeHtml(t.devNotice)}</p>
<p>${escapeHtml(t.signingInTo)} <code>${escapeHtml(clientId)}</code></p>
${error ? `<p class="notice" role="alert">${escapeHtml(t.chooseError)}</p>` : ''}
<form method="post" action="${action}/login">
<ul class="choices" aria-label="${escapeHtml(t.people)}">
${buttons}
</ul>
</form>
<form method="post" action="${action}/abort" class="actions">
<button class="secondary" type="submit">${escapeHtml(t.cancel)}</button>
</form>`,
  );
}

/** RP-initiated logout confirmation; `form` is oidc-provider's hidden form (`id="op.logoutForm"`). */
export function logoutPage(form: string, lang: PageLanguage): string {
  const t = TEXT[lang];
  return layout(
    lang,
    t.logoutTitle,
    `<h1>${escapeHtml(t.logoutQuestion)}</h1>
${form}
<div class="actions">
<button class="citizen" type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(t.logout)}</button>
<button class="secondary" type="submit" form="op.logoutForm">${escapeHtml(t.stay)}</button>
</div>`,
  );
}

export function signedOutPage(lang: PageLanguage): string {
  const t = TEXT[lang];
  return layout(
    lang,
    t.signedOutTitle,
    `<h1>${escapeHtml(t.signedOut)}</h1>
<p>${escapeHtml(t.closePage)}</p>`,
  );
}

export function errorPage(error: string, description: string | undefined, lang: PageLanguage): string {
  const t = TEXT[lang];
  return layout(
    lang,
    t.errorTitle,
    `<h1>${escapeHtml(t.failed)}</h1>
<p role="alert"><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>`,
  );
}
