// The strings only <kunta-my-data> shows, in Finnish: loaded with that widget, so other pages do not carry them.
import type { MyDataPart } from '../../i18n/translation.js';

const fi: MyDataPart = {
  myData: {
    heading: 'Omat tietosi',
    loading: 'Ladataan tietojasi…',
    loadFailed: 'Tietojasi ei voitu ladata.',
    signedOut: 'Kirjaudu sisään nähdäksesi, kuka on käyttänyt tietojasi ja mitä sinusta on tallennettu.',
    refresh: 'Päivitä',
    logHeading: 'Kuka on käyttänyt tietojasi',
    logIntro:
      'Jokainen tietojesi käyttö kirjataan lokiin (laki julkisen hallinnon tiedonhallinnasta 906/2019, 17 §). Uusin ensin.',
    logEmpty: 'Tietojasi ei ole vielä käytetty tässä palvelussa.',
    logShown: (count) => (count === 1 ? 'Näytetään 1 käyttökerta.' : `Näytetään ${count} käyttökertaa.`),
    showMore: 'Näytä vanhempia',
    loadingMore: 'Ladataan vanhempia…',
    category: {
      cases: 'hakemustesi ja asioidesi tilat',
      case_events: 'asioidesi tilamuutokset',
      life_situation: 'väestötietosi (perhe ja kotikunta)',
      consent: 'suostumuksesi',
      access_log: 'tämä luettelo tietojesi käytöstä',
      my_data: 'sinusta tallennetut tiedot',
      my_data_export: 'kopio tiedoistasi',
      dismissals: 'piilottamasi ehdotukset',
      saved_copies: 'tallennetut kopiot',
      other: 'muut tiedot',
    },
    purposeShown: {
      citizen_own_data: 'näytettiin sinulle tässä palvelussa',
      proactive_feed: 'käytettiin ehdotuksiin sinulle',
      data_subject_rights: 'näytettiin sinulle, kun tarkastit tietojasi',
      other: 'käytettiin',
    },
    purposeUsed: {
      live_updates: 'tarkistettiin muutosten varalta sivusi ollessa auki, ei näytetty',
      citizen_own_data: 'käytettiin pyyntösi käsittelyyn, ei näytetty',
      proactive_feed: 'käytettiin ehdotuksen piilottamiseen, ei näytetty',
      data_subject_rights: 'käytettiin pyyntösi käsittelyyn, ei näytetty',
      other: 'käytettiin, ei näytetty',
    },
    deleted: 'poistettiin pyynnöstäsi',
    partly: 'osa järjestelmistä ei vastannut',
    thisService: 'Kunta-Akkuna',
    onBehalfOfGuardian: 'huoltajan pyynnöstä',
    holdingsHeading: 'Mitä sinusta on tallennettu',
    consentsHeading: 'Suostumukset',
    consentNone: 'Et ole antanut suostumusta.',
    consentGranted: (version, date) => `Suostumus voimassa ${date} alkaen (tekstin versio ${version}).`,
    consentWithdrawn: 'Suostumus peruttu.',
    consentHistory: 'Suostumuksen historia',
    historyGranted: (date, version) => `${date}: annettu (versio ${version})`,
    historyWithdrawn: (date) => `${date}: peruttu`,
    dismissalsHeading: 'Piilotetut ehdotukset',
    dismissalsNone: 'Et ole piilottanut ehdotuksia.',
    dismissalsCount: (count) => (count === 1 ? '1 piilotettu ehdotus.' : `${count} piilotettua ehdotusta.`),
    savedCopiesHeading: 'Tallennetut kopiot järjestelmien vastauksista',
    savedCopiesNone: 'Kopioita ei ole tallennettu.',
    savedCopy: (source, until) => `${source}, säilytetään ${until} asti`,
    settingsHeading: 'Asetukset',
    settingsNone: 'Ilmoitus- tai päivitysasetuksia ei ole tallennettu.',
    retention: {
      accessLog: (days) => `Loki säilytetään ${days} päivää.`,
      consent: (days) =>
        `Voimassa olevan suostumuksen historia säilytetään; perutun suostumuksen historia ${days} päivää perumisesta.`,
      dismissals: (days) => `Piilotukset säilytetään ${days} päivää.`,
      savedCopies:
        'Kopiot säilytetään salattuina vain, jotta voimme näyttää tietosi, kun järjestelmä ei vastaa; ne poistetaan yllä kerrottuna aikana.',
    },
    actionsHeading: 'Ota tiedot mukaasi tai poista ne',
    downloadJson: 'Lataa tiedot (JSON)',
    downloadSummary: 'Lataa yhteenveto (teksti)',
    downloading: 'Valmistellaan latausta…',
    downloadFailed: 'Latausta ei voitu tehdä.',
    downloaded: 'Lataus on valmis.',
    removeDismissals: 'Poista piilotukset',
    removeSavedCopies: 'Poista tallennetut kopiot',
    withdrawConsent: 'Peru suostumus',
    removing: 'Poistetaan…',
    removed: {
      dismissals: (count) => `Piilotukset poistettu (${count}).`,
      saved_copies: (count) => `Tallennetut kopiot poistettu (${count}).`,
      consent: () => 'Suostumus peruttu. Sen historia säilyy, kuten laki edellyttää.',
    },
    removeFailed: 'Poistaminen ei onnistunut.',
    keptHeading: 'Mitä ei voi poistaa ja miksi',
    keptAccessLog: (days) =>
      `Lokia tietojesi käytöstä ei voi poistaa. Se säilytetään ${days} päivää, jotta voidaan osoittaa, kuka tietojasi on käyttänyt ja miksi.`,
    keptWhy:
      'Laki julkisen hallinnon tiedonhallinnasta (906/2019, 17 §) velvoittaa kirjaamaan tietojen käytön ja luovutukset. Perutun suostumuksen historia säilyy samasta syystä: sillä osoitetaan, mihin olit suostunut.',
    keptBackends:
      'Hakemuksesi ja asiasi ovat kunnan järjestelmissä (esimerkiksi Lupapiste ja eVaka); niiden tiedoista päättää kunta, ja niitä voit pyytää kunnalta.',
    summaryTitle: (date) => `Omat tietosi Kunta-Akkunassa, ${date}`,
    summaryIntro:
      'Tämä on yhteenveto tiedoista, jotka Kunta-Akkuna on tallentanut sinusta, ja lokista tietojesi käytöstä.',
  },
};

export default fi;
