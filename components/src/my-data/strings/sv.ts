// The strings only <kunta-my-data> shows, in Swedish: loaded with that widget, so other pages do not carry them.
import type { MyDataPart } from '../../i18n/translation.js';

const sv: MyDataPart = {
  myData: {
    heading: 'Dina uppgifter',
    loading: 'Dina uppgifter laddas…',
    loadFailed: 'Dina uppgifter kunde inte laddas.',
    signedOut: 'Logga in för att se vem som har använt dina uppgifter och vad som har sparats om dig.',
    refresh: 'Uppdatera',
    logHeading: 'Vem har använt dina uppgifter',
    logIntro:
      'Varje användning av dina uppgifter loggas (lagen om informationshantering inom den offentliga förvaltningen 906/2019, 17 §). Nyaste först.',
    logEmpty: 'Dina uppgifter har ännu inte använts i den här tjänsten.',
    logShown: (count) => (count === 1 ? '1 användning visas.' : `${count} användningar visas.`),
    showMore: 'Visa äldre',
    loadingMore: 'Äldre laddas…',
    category: {
      cases: 'status för dina ansökningar och ärenden',
      case_events: 'ändringar i dina ärenden',
      life_situation: 'dina befolkningsuppgifter (familj och hemkommun)',
      consent: 'ditt samtycke',
      access_log: 'den här listan över användningen av dina uppgifter',
      my_data: 'uppgifter som sparats om dig',
      my_data_export: 'en kopia av dina uppgifter',
      dismissals: 'förslag du har dolt',
      saved_copies: 'sparade kopior',
      other: 'andra uppgifter',
    },
    purposeShown: {
      citizen_own_data: 'visades för dig i den här tjänsten',
      proactive_feed: 'användes för förslag till dig',
      data_subject_rights: 'visades för dig när du granskade dina uppgifter',
      other: 'användes',
    },
    purposeUsed: {
      live_updates: 'kontrollerades för ändringar medan din sida var öppen, visades inte',
      citizen_own_data: 'användes för att behandla din begäran, visades inte',
      proactive_feed: 'användes för att dölja ett förslag, visades inte',
      data_subject_rights: 'användes för att behandla din begäran, visades inte',
      other: 'användes, visades inte',
    },
    deleted: 'raderades på din begäran',
    partly: 'en del av systemen svarade inte',
    thisService: 'Kunta-Akkuna',
    onBehalfOfGuardian: 'på vårdnadshavarens begäran',
    holdingsHeading: 'Vad har sparats om dig',
    consentsHeading: 'Samtycken',
    consentNone: 'Du har inte gett något samtycke.',
    consentGranted: (version, date) => `Samtycke gäller från ${date} (textversion ${version}).`,
    consentWithdrawn: 'Samtycket har återkallats.',
    consentHistory: 'Samtyckets historik',
    historyGranted: (date, version) => `${date}: givet (version ${version})`,
    historyWithdrawn: (date) => `${date}: återkallat`,
    dismissalsHeading: 'Dolda förslag',
    dismissalsNone: 'Du har inte dolt några förslag.',
    dismissalsCount: (count) => (count === 1 ? '1 dolt förslag.' : `${count} dolda förslag.`),
    savedCopiesHeading: 'Sparade kopior av systemens svar',
    savedCopiesNone: 'Inga kopior har sparats.',
    savedCopy: (source, until) => `${source}, sparas till ${until}`,
    settingsHeading: 'Inställningar',
    settingsNone: 'Inga inställningar för aviseringar eller uppdateringar har sparats.',
    retention: {
      accessLog: (days) => `Loggen sparas i ${days} dagar.`,
      consent: (days) =>
        `Historiken för ett gällande samtycke sparas; för ett återkallat samtycke i ${days} dagar efter återkallandet.`,
      dismissals: (days) => `Dolda förslag sparas i ${days} dagar.`,
      savedCopies:
        'Kopiorna sparas krypterade endast för att vi ska kunna visa dina uppgifter när ett system inte svarar; de raderas vid tiden ovan.',
    },
    actionsHeading: 'Ta med dig uppgifterna eller radera dem',
    downloadJson: 'Ladda ner uppgifterna (JSON)',
    downloadSummary: 'Ladda ner sammandraget (text)',
    downloading: 'Nedladdningen förbereds…',
    downloadFailed: 'Nedladdningen kunde inte göras.',
    downloaded: 'Nedladdningen är klar.',
    removeDismissals: 'Radera dolda förslag',
    removeSavedCopies: 'Radera sparade kopior',
    withdrawConsent: 'Återkalla samtycket',
    removing: 'Raderas…',
    removed: {
      dismissals: (count) => `Dolda förslag raderade (${count}).`,
      saved_copies: (count) => `Sparade kopior raderade (${count}).`,
      consent: () => 'Samtycket har återkallats. Dess historik sparas, som lagen kräver.',
    },
    removeFailed: 'Raderingen lyckades inte.',
    keptHeading: 'Vad kan inte raderas och varför',
    keptAccessLog: (days) =>
      `Loggen över användningen av dina uppgifter kan inte raderas. Den sparas i ${days} dagar så att det går att visa vem som har använt dina uppgifter och varför.`,
    keptWhy:
      'Lagen om informationshantering inom den offentliga förvaltningen (906/2019, 17 §) kräver att användning och utlämnande av uppgifter loggas. Historiken för ett återkallat samtycke sparas av samma skäl: den visar vad du hade samtyckt till.',
    keptBackends:
      'Dina ansökningar och ärenden finns i kommunens system (till exempel Lupapiste och eVaka); kommunen bestämmer över dem, och du kan begära dem av kommunen.',
    summaryTitle: (date) => `Dina uppgifter i Kunta-Akkuna, ${date}`,
    summaryIntro:
      'Detta är ett sammandrag av de uppgifter som Kunta-Akkuna har sparat om dig och av loggen över användningen av dina uppgifter.',
  },
};

export default sv;
