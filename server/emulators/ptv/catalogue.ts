/**
 * The emulated PTV catalogue: for each of the eleven municipalities, its services and channels in the v11 OUT
 * shapes (reference/backends.md §1.4–1.6), built from templates. It carries the real-world messiness of §1.9b:
 * `value: null` descriptions (DeadLine, ProcessingTime), fi-only texts in some municipalities, classifications in
 * both URI forms (with `code: null` in the old urn form), areas with a null code and the municipality list filled.
 */
import { uuidFrom } from '../ids.js';
import { PTV_MUNICIPALITIES, type PtvMunicipality } from './municipalities.js';

type Lang = 'fi' | 'sv' | 'en';
type Texts = Partial<Record<Lang, string>> & { fi: string };
type ChannelType = 'EChannel' | 'WebPage' | 'Phone' | 'ServiceLocation' | 'PrintableForm';

interface ChannelTemplate {
  key: string;
  type: ChannelType;
  names: Texts;
  /** Path under the municipality's domain, or a full URL. */
  url?: string;
  /**
   * The channel's own number (synthetic, national form), else the municipality's switchboard. Phone and
   * ServiceLocation channels carry it in `phoneNumbers` with its `type`; the others as a support phone.
   */
  phone?: string;
  /** Weekly service hours (Phone) or opening hours (ServiceLocation): [first weekday, last weekday, from, to]. */
  hours?: [Weekday, Weekday, string, string];
}

type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
const OFFICE_HOURS: [Weekday, Weekday, string, string] = ['Monday', 'Friday', '09:00', '15:00'];

interface ServiceTemplate {
  key: string;
  type: 'Service' | 'PermitOrObligation';
  names: Texts;
  summary: Texts;
  description: Texts;
  lifeEvents: string[];
  targetGroups: string[];
  serviceClasses: string[];
  keywords: string[];
  chargeType: 'Chargeable' | 'FreeOfCharge' | 'Other';
  channels: ChannelTemplate[];
  /** Municipality codes that do not offer it. */
  except?: string[];
  /** Municipality codes that publish it in Finnish only. */
  fiOnlyIn?: string[];
  /** Produced by the wellbeing services county rather than the municipality. */
  county?: boolean;
}

const LIFE_EVENTS: Record<string, Texts> = {
  KE1: { fi: 'Lapsen saaminen', sv: 'Att få barn', en: 'Having a child' },
  KE3: {
    fi: 'Kokoaikaisen opiskelun aloittaminen',
    sv: 'Att börja studera på heltid',
    en: 'Beginning full-time studies',
  },
  KE4: { fi: 'Muuttaminen', sv: 'Flytta', en: 'Moving' },
  'KE4.2': { fi: 'Suomen sisällä muuttaminen', sv: 'Flytta inom Finland', en: 'Moving to new home within Finland' },
  KE5: { fi: 'Maahanmuuttajana Suomeen', sv: 'Invandrare till Finland', en: 'Immigrating to Finland' },
  KE6: { fi: 'Talon rakentaminen', sv: 'Bygga hus', en: 'Building a home' },
  KE10: { fi: 'Eläkkeelle siirtyminen', sv: 'Gå i pension', en: 'Retirement' },
  KE11: { fi: 'Vakava sairastuminen', sv: 'Att insjukna allvarligt', en: 'Falling seriously ill' },
  KE13: { fi: 'Omaishoitajana toimiminen', sv: 'Att vara närståendevårdare', en: 'Giving informal care' },
};
const TARGET_GROUPS: Record<string, Texts> = {
  KR1: { fi: 'Kansalaiset', sv: 'Medborgare', en: 'Citizens' },
  'KR1.1': { fi: 'Ikäihmiset', sv: 'Äldre', en: 'Seniors' },
  'KR1.2': { fi: 'Lapset ja lapsiperheet', sv: 'Barn och barnfamiljer', en: 'Children and families with children' },
  'KR1.3': { fi: 'Nuoret', sv: 'Unga', en: 'Young people' },
  'KR1.6': { fi: 'Vammaiset', sv: 'Personer med funktionsnedsättning', en: 'Disabled people' },
  'KR2.6': { fi: 'Työnantajat', sv: 'Arbetsgivare', en: 'Employers' },
};
const SERVICE_CLASSES: Record<string, Texts> = {
  P1: { fi: 'Asuminen', sv: 'Boende', en: 'Housing' },
  P2: { fi: 'Rakennettu ympäristö', sv: 'Byggd miljö', en: 'Built environment' },
  P3: { fi: 'Perheiden palvelut', sv: 'Familjetjänster', en: 'Services for families' },
  P4: { fi: 'Sosiaalipalvelut', sv: 'Socialtjänster', en: 'Social services' },
  P5: {
    fi: 'Terveydenhuolto, sairaanhoito ja ravitsemus',
    sv: 'Hälso- och sjukvård samt nutrition',
    en: 'Health and medical care',
  },
  P6: { fi: 'Koulutus', sv: 'Utbildning', en: 'Education' },
  P9: {
    fi: 'Yleiset tieto- ja hallintopalvelut',
    sv: 'Allmänna informations- och förvaltningstjänster',
    en: 'General information and administrative services',
  },
  P10: { fi: 'Työ ja työttömyys', sv: 'Arbete och arbetslöshet', en: 'Work and unemployment' },
  P23: { fi: 'Ympäristö', sv: 'Miljö', en: 'Environment' },
  P25: { fi: 'Kulttuuri', sv: 'Kultur', en: 'Culture' },
  P28: { fi: 'Nuorisopalvelut', sv: 'Ungdomstjänster', en: 'Youth services' },
};

const TEMPLATES: readonly ServiceTemplate[] = [
  {
    key: 'preschool-enrolment',
    type: 'Service',
    names: {
      fi: 'Esiopetukseen ilmoittautuminen',
      sv: 'Anmälan till förskoleundervisning',
      en: 'Pre-school enrolment',
    },
    summary: {
      fi: 'Ilmoita lapsesi esiopetukseen sitä vuotta edeltävänä talvena, jona hän täyttää kuusi vuotta.',
      sv: 'Anmäl ditt barn till förskoleundervisningen vintern före det år då barnet fyller sex år.',
      en: 'Enrol your child in pre-school in the winter before the year the child turns six.',
    },
    description: {
      fi: 'Esiopetus on maksutonta ja velvoittavaa. {Kunta} järjestää esiopetusta päiväkodeissa ja kouluilla. Ilmoittautuminen on tammi–helmikuussa sähköisesti.',
      sv: 'Förskoleundervisningen är avgiftsfri och obligatorisk. {Kunta} ordnar förskoleundervisning i daghem och skolor. Anmälan sker elektroniskt i januari–februari.',
      en: 'Pre-school education is free and compulsory. {Kunta} provides it at day-care centres and schools. Enrolment is online in January–February.',
    },
    lifeEvents: ['KE1'],
    targetGroups: ['KR1.2'],
    serviceClasses: ['P6', 'P3'],
    keywords: ['esiopetus', 'eskari', 'ilmoittautuminen'],
    chargeType: 'FreeOfCharge',
    channels: [
      {
        key: 'preschool-e',
        type: 'EChannel',
        names: {
          fi: 'Esiopetukseen ilmoittautuminen verkossa',
          sv: 'Anmälan till förskoleundervisning på nätet',
          en: 'Online pre-school enrolment',
        },
        url: 'https://evaka.{domain}/applications',
      },
      {
        key: 'preschool-web',
        type: 'WebPage',
        names: { fi: 'Esiopetus', sv: 'Förskoleundervisning', en: 'Pre-school education' },
        url: '/kasvatus-ja-opetus/esiopetus',
      },
      {
        key: 'ece-phone',
        type: 'Phone',
        names: {
          fi: 'Varhaiskasvatuksen palveluohjaus',
          sv: 'Servicehandledning inom småbarnspedagogik',
          en: 'Early childhood education service guidance',
        },
      },
    ],
  },
  {
    key: 'daycare',
    type: 'Service',
    names: {
      fi: 'Varhaiskasvatus päiväkodissa',
      sv: 'Småbarnspedagogik i daghem',
      en: 'Early childhood education in day-care centres',
    },
    summary: {
      fi: 'Kunnallinen varhaiskasvatus alle kouluikäisille lapsille. Hae paikkaa neljä kuukautta ennen tarvetta.',
      sv: 'Kommunal småbarnspedagogik för barn under skolåldern. Ansök om plats fyra månader före behovet.',
      en: 'Municipal early childhood education for children under school age. Apply four months before you need a place.',
    },
    description: {
      fi: 'Varhaiskasvatusta järjestetään päiväkodeissa ja perhepäivähoidossa. Asiakasmaksu määräytyy perheen tulojen ja hoitoajan mukaan.',
      sv: 'Småbarnspedagogik ordnas i daghem och familjedagvård. Klientavgiften bestäms enligt familjens inkomster och vårdtiden.',
      en: 'Early childhood education is provided in day-care centres and family day care. The fee depends on family income and hours of care.',
    },
    lifeEvents: ['KE1'],
    targetGroups: ['KR1.2'],
    serviceClasses: ['P3', 'P6'],
    keywords: ['päivähoito', 'varhaiskasvatus', 'päiväkoti'],
    chargeType: 'Chargeable',
    channels: [
      {
        key: 'daycare-e',
        type: 'EChannel',
        names: {
          fi: 'Varhaiskasvatushakemus',
          sv: 'Ansökan om småbarnspedagogik',
          en: 'Early childhood education application',
        },
        url: 'https://evaka.{domain}/applications',
      },
      {
        key: 'daycare-location',
        type: 'ServiceLocation',
        names: { fi: 'Päiväkoti Pikkukarhu', sv: 'Daghemmet Pikkukarhu', en: 'Pikkukarhu day-care centre' },
      },
      {
        key: 'ece-phone',
        type: 'Phone',
        names: {
          fi: 'Varhaiskasvatuksen palveluohjaus',
          sv: 'Servicehandledning inom småbarnspedagogik',
          en: 'Early childhood education service guidance',
        },
      },
    ],
  },
  {
    key: 'summer-job-voucher',
    type: 'Service',
    names: { fi: 'Kesätyöseteli', sv: 'Sommarjobbssedel', en: 'Summer job voucher' },
    summary: {
      fi: 'Kesätyöseteli on nuorelle työnantajalle vietävä tuki kesätyöpaikan saamiseen.',
      sv: 'Sommarjobbssedeln är ett stöd som den unga tar med sig till arbetsgivaren.',
      en: 'A summer job voucher is support that a young person takes to an employer.',
    },
    description: {
      fi: '{Kunta} myöntää kesätyöseteleitä 15–17-vuotiaille kotikuntansa nuorille. Seteli haetaan keväällä, ja työnantaja saa sen perusteella tukea palkkakuluihin.',
      sv: '{Kunta} beviljar sommarjobbssedlar till unga i åldern 15–17 år. Sedeln söks på våren.',
      en: '{Kunta} grants summer job vouchers to residents aged 15–17. Apply in spring; the employer receives a wage subsidy.',
    },
    lifeEvents: [],
    targetGroups: ['KR1.3', 'KR2.6'],
    serviceClasses: ['P10', 'P28'],
    keywords: ['kesätyö', 'nuoret', 'kesätyöseteli'],
    chargeType: 'FreeOfCharge',
    except: ['317', '625'],
    fiOnlyIn: ['009', '746', '563'],
    channels: [
      {
        key: 'summerjob-form',
        type: 'PrintableForm',
        names: { fi: 'Kesätyösetelihakemus', sv: 'Ansökan om sommarjobbssedel', en: 'Summer job voucher application' },
        url: '/lomakkeet/kesatyoseteli.pdf',
      },
      {
        key: 'youth-web',
        type: 'WebPage',
        names: { fi: 'Nuorisopalvelut', sv: 'Ungdomstjänster', en: 'Youth services' },
        url: '/vapaa-aika/nuoret',
      },
    ],
  },
  {
    key: 'waste-management',
    type: 'Service',
    names: { fi: 'Jätehuolto', sv: 'Avfallshantering', en: 'Waste management' },
    summary: {
      fi: 'Jätehuollon järjestäminen kiinteistöille: jäteastiat, tyhjennykset ja lajittelu.',
      sv: 'Avfallshantering för fastigheter: kärl, tömningar och sortering.',
      en: 'Waste management for properties: bins, collection and sorting.',
    },
    description: {
      fi: 'Kun muutat, tee kiinteistön jätehuoltosopimus tai päivitä se. Alueen jätehuollosta vastaa kuntien yhteinen jätelaitos.',
      sv: 'När du flyttar, gör eller uppdatera fastighetens avtal om avfallshantering.',
      en: 'When you move, make or update the waste collection contract for your property.',
    },
    lifeEvents: ['KE4', 'KE4.2'],
    targetGroups: ['KR1'],
    serviceClasses: ['P23', 'P1'],
    keywords: ['jäte', 'jäteastia', 'kierrätys'],
    chargeType: 'Chargeable',
    channels: [
      {
        key: 'waste-web',
        type: 'WebPage',
        names: { fi: 'Jätehuolto ja kierrätys', sv: 'Avfallshantering och återvinning', en: 'Waste and recycling' },
        url: '/asuminen/jatehuolto',
      },
      {
        key: 'waste-phone',
        type: 'Phone',
        names: {
          fi: 'Jätehuollon asiakaspalvelu',
          sv: 'Avfallshanteringens kundtjänst',
          en: 'Waste management customer service',
        },
      },
    ],
  },
  {
    key: 'library-card',
    type: 'Service',
    names: { fi: 'Kirjastokortti', sv: 'Bibliotekskort', en: 'Library card' },
    summary: {
      fi: 'Kirjastokortilla lainaat kirjoja ja muuta aineistoa koko alueen kirjastoista.',
      sv: 'Med bibliotekskortet lånar du böcker och annat material i hela regionens bibliotek.',
      en: 'With a library card you can borrow books and other material from the libraries of the region.',
    },
    description: {
      fi: 'Kirjastokortin saat kirjastosta henkilöllisyystodistusta vastaan. Kortti on maksuton.',
      sv: 'Du får ett bibliotekskort på biblioteket mot identitetsbevis. Kortet är avgiftsfritt.',
      en: 'Get a library card at the library with an identity document. The card is free of charge.',
    },
    lifeEvents: ['KE4.2', 'KE5'],
    targetGroups: ['KR1'],
    serviceClasses: ['P25'],
    keywords: ['kirjasto', 'lainaus'],
    chargeType: 'FreeOfCharge',
    channels: [
      {
        key: 'library-location',
        type: 'ServiceLocation',
        names: { fi: '{Kunta}n kirjasto', sv: '{Kunta} bibliotek', en: '{Kunta} library' },
      },
      {
        key: 'library-e',
        type: 'EChannel',
        names: { fi: 'Verkkokirjasto', sv: 'Nätbiblioteket', en: 'Online library' },
        url: 'https://outi.finna.fi',
      },
    ],
  },
  {
    key: 'health-centre-registration',
    type: 'Service',
    names: {
      fi: 'Terveysaseman asiakkaaksi rekisteröityminen',
      sv: 'Registrering som klient vid hälsostationen',
      en: 'Registering at a health centre',
    },
    summary: {
      fi: 'Uutena asukkaana ilmoittaudu oman alueesi terveysaseman asiakkaaksi.',
      sv: 'Som ny invånare anmäler du dig som klient vid hälsostationen i ditt område.',
      en: 'As a new resident, register as a client of the health centre in your area.',
    },
    description: {
      fi: 'Terveyspalvelut järjestää Pohjois-Pohjanmaan hyvinvointialue. Terveysaseman vaihtaminen tehdään ilmoituksella.',
      sv: 'Hälsotjänsterna ordnas av Norra Österbottens välfärdsområde.',
      en: 'Health services are provided by the North Ostrobothnia wellbeing services county.',
    },
    lifeEvents: ['KE4.2', 'KE5'],
    targetGroups: ['KR1'],
    serviceClasses: ['P5'],
    keywords: ['terveysasema', 'terveyskeskus'],
    chargeType: 'FreeOfCharge',
    county: true,
    channels: [
      {
        key: 'health-location',
        type: 'ServiceLocation',
        names: { fi: '{Kunta}n terveysasema', sv: '{Kunta} hälsostation', en: '{Kunta} health centre' },
      },
      {
        key: 'health-e',
        type: 'EChannel',
        names: { fi: 'Sähköinen asiointi', sv: 'E-tjänster', en: 'Online services' },
        url: 'https://pohde.fi/asiointi',
      },
    ],
  },
  {
    key: 'welcome',
    type: 'Service',
    names: { fi: 'Tervetuloa uudeksi asukkaaksi', sv: 'Välkommen som ny invånare', en: 'Welcome to {Kunta}' },
    summary: {
      fi: 'Tietoa uudelle asukkaalle: palvelut, asiointi ja vapaa-aika.',
      sv: 'Information för nya invånare: tjänster, ärenden och fritid.',
      en: 'Information for new residents: services, contacts and leisure.',
    },
    description: {
      fi: 'Uuden asukkaan tervetulopaketissa on tiedot kunnan palveluista, jätehuollosta, kirjastosta ja liikuntapaikoista.',
      sv: 'Välkomstpaketet innehåller information om tjänster, avfallshantering, bibliotek och idrottsplatser.',
      en: 'The welcome pack covers municipal services, waste management, the library and sports facilities.',
    },
    lifeEvents: ['KE4.2', 'KE5'],
    targetGroups: ['KR1'],
    serviceClasses: ['P9'],
    keywords: ['uusi asukas', 'muutto'],
    chargeType: 'FreeOfCharge',
    fiOnlyIn: ['317', '625'],
    channels: [
      {
        key: 'welcome-web',
        type: 'WebPage',
        names: { fi: 'Uudelle asukkaalle', sv: 'För nya invånare', en: 'For new residents' },
        url: '/uudelle-asukkaalle',
      },
      {
        key: 'service-point',
        type: 'ServiceLocation',
        names: { fi: 'Asiointipiste', sv: 'Servicepunkt', en: 'Service point' },
      },
    ],
  },
  {
    key: 'home-care',
    type: 'Service',
    names: { fi: 'Kotihoito', sv: 'Hemvård', en: 'Home care' },
    summary: {
      fi: 'Kotihoito tukee ikäihmisten kotona asumista sairaanhoidolla ja päivittäisissä toimissa avustamalla.',
      sv: 'Hemvården stöder äldre att bo hemma med sjukvård och hjälp i det dagliga.',
      en: 'Home care helps older people live at home with nursing and help in daily activities.',
    },
    description: {
      fi: 'Kotihoidon tarve arvioidaan kotikäynnillä. Palvelusta peritään kuukausimaksu.',
      sv: 'Behovet av hemvård bedöms vid ett hembesök.',
      en: 'The need for home care is assessed during a home visit. A monthly fee is charged.',
    },
    lifeEvents: ['KE10', 'KE11', 'KE13'],
    targetGroups: ['KR1.1'],
    serviceClasses: ['P4'],
    keywords: ['kotihoito', 'ikäihmiset', 'vanhuspalvelut'],
    chargeType: 'Chargeable',
    county: true,
    channels: [
      {
        key: 'senior-phone',
        type: 'Phone',
        names: { fi: 'Ikäihmisten palveluneuvonta', sv: 'Servicerådgivning för äldre', en: 'Senior services advice' },
        hours: OFFICE_HOURS,
      },
      {
        key: 'homecare-e',
        type: 'EChannel',
        names: { fi: 'Kotihoidon hakemus', sv: 'Ansökan om hemvård', en: 'Home care application' },
        url: 'https://asiointi.{domain}/hoiva',
      },
    ],
  },
  {
    key: 'transport-service',
    type: 'Service',
    names: { fi: 'Kuljetuspalvelu', sv: 'Färdtjänst', en: 'Transport service' },
    summary: {
      fi: 'Asiointi- ja virkistysmatkoja niille, jotka eivät voi käyttää julkista liikennettä.',
      sv: 'Ärende- och rekreationsresor för dem som inte kan använda kollektivtrafik.',
      en: 'Trips for errands and leisure for people who cannot use public transport.',
    },
    description: {
      fi: 'Kuljetuspalvelua haetaan hakemuksella. Matkoista peritään julkisen liikenteen mukainen omavastuu.',
    },
    lifeEvents: ['KE10'],
    targetGroups: ['KR1.1', 'KR1.6'],
    serviceClasses: ['P4'],
    keywords: ['kuljetuspalvelu', 'taksi'],
    chargeType: 'Chargeable',
    county: true,
    channels: [
      {
        key: 'transport-form',
        type: 'PrintableForm',
        names: { fi: 'Kuljetuspalveluhakemus', sv: 'Ansökan om färdtjänst', en: 'Transport service application' },
        url: 'https://pohde.fi/lomakkeet/kuljetuspalvelu.pdf',
      },
      {
        key: 'senior-phone',
        type: 'Phone',
        names: { fi: 'Ikäihmisten palveluneuvonta', sv: 'Servicerådgivning för äldre', en: 'Senior services advice' },
        hours: OFFICE_HOURS,
      },
    ],
  },
  {
    key: 'meal-service',
    type: 'Service',
    names: { fi: 'Ateriapalvelu', sv: 'Måltidsservice', en: 'Meal service' },
    summary: { fi: 'Lämpimät ateriat kotiin kuljetettuina ikäihmisille.' },
    description: { fi: 'Ateriat valmistetaan keskuskeittiössä ja kuljetetaan kotiin arkipäivisin.' },
    lifeEvents: [],
    targetGroups: ['KR1.1'],
    serviceClasses: ['P4', 'P5'],
    keywords: ['ateriat', 'kotiateria'],
    chargeType: 'Chargeable',
    channels: [
      {
        key: 'meal-phone',
        type: 'Phone',
        names: {
          fi: 'Ateriapalvelun tilaukset',
          sv: 'Beställning av måltidsservice',
          en: 'Meal service orders',
        },
        phone: '044 {meal}',
        hours: ['Monday', 'Friday', '08:00', '12:00'],
      },
      {
        key: 'senior-phone',
        type: 'Phone',
        names: { fi: 'Ikäihmisten palveluneuvonta', sv: 'Servicerådgivning för äldre', en: 'Senior services advice' },
        hours: OFFICE_HOURS,
      },
    ],
  },
  {
    key: 'start-notice',
    type: 'PermitOrObligation',
    names: {
      fi: 'Rakennustyön aloitusilmoitus',
      sv: 'Anmälan om påbörjande av byggarbete',
      en: 'Notice of start of construction',
    },
    summary: {
      fi: 'Ilmoita rakennusvalvontaan ennen rakennustyön aloittamista, kun lupa on lainvoimainen.',
      sv: 'Anmäl till byggnadstillsynen innan byggarbetet påbörjas.',
      en: 'Notify building control before construction starts, once the permit is final.',
    },
    description: {
      fi: 'Aloitusilmoitus tehdään Lupapisteessä. Ennen aloitusta tarvitaan hyväksytty vastaava työnjohtaja ja aloituskokous, jos se on määrätty.',
      sv: 'Anmälan görs i Lupapiste.',
      en: 'Submit the notice in Lupapiste. A responsible site manager must be approved first.',
    },
    lifeEvents: ['KE6'],
    targetGroups: ['KR1'],
    serviceClasses: ['P2'],
    keywords: ['aloitusilmoitus', 'rakennusvalvonta', 'rakentaminen'],
    chargeType: 'FreeOfCharge',
    channels: [
      {
        key: 'lupapiste-e',
        type: 'EChannel',
        names: { fi: 'Lupapiste.fi', sv: 'Lupapiste.fi', en: 'Lupapiste.fi' },
        url: 'https://www.lupapiste.fi',
      },
      {
        key: 'building-phone',
        type: 'Phone',
        names: { fi: 'Rakennusvalvonta', sv: 'Byggnadstillsyn', en: 'Building control' },
      },
    ],
  },
  {
    key: 'inspections',
    type: 'Service',
    names: { fi: 'Rakennusvalvonnan katselmukset', sv: 'Byggnadstillsynens syner', en: 'Building inspections' },
    summary: {
      fi: 'Tilaa lupapäätöksessä määrätyt katselmukset, kuten pohja- ja loppukatselmus.',
      sv: 'Beställ de syner som bestämts i lovbeslutet, t.ex. grund- och slutsyn.',
      en: 'Book the inspections required by the permit, such as the foundation and final inspection.',
    },
    description: {
      fi: 'Katselmukset tilataan Lupapisteessä vähintään viikkoa etukäteen.',
      sv: 'Syner beställs i Lupapiste minst en vecka i förväg.',
      en: 'Book inspections in Lupapiste at least a week in advance.',
    },
    lifeEvents: ['KE6'],
    targetGroups: ['KR1'],
    serviceClasses: ['P2'],
    keywords: ['katselmus', 'loppukatselmus'],
    chargeType: 'Chargeable',
    channels: [
      {
        key: 'lupapiste-e',
        type: 'EChannel',
        names: { fi: 'Lupapiste.fi', sv: 'Lupapiste.fi', en: 'Lupapiste.fi' },
        url: 'https://www.lupapiste.fi',
      },
      {
        key: 'building-phone',
        type: 'Phone',
        names: { fi: 'Rakennusvalvonta', sv: 'Byggnadstillsyn', en: 'Building control' },
      },
    ],
  },
  {
    key: 'building-permit',
    type: 'PermitOrObligation',
    names: { fi: 'Rakennuslupa', sv: 'Bygglov', en: 'Building permit' },
    summary: {
      fi: 'Rakennuslupa tarvitaan uuden rakennuksen rakentamiseen ja laajennukseen.',
      sv: 'Bygglov behövs för att bygga en ny byggnad eller bygga ut.',
      en: 'A building permit is needed to build a new building or an extension.',
    },
    description: {
      fi: 'Lupaa haetaan Lupapisteessä. Käsittely kestää tavallisesti 1–2 kuukautta.',
      sv: 'Lov söks i Lupapiste.',
      en: 'Apply in Lupapiste. Processing usually takes 1–2 months.',
    },
    lifeEvents: ['KE6'],
    targetGroups: ['KR1'],
    serviceClasses: ['P2'],
    keywords: ['rakennuslupa', 'lupa'],
    chargeType: 'Chargeable',
    channels: [
      {
        key: 'lupapiste-e',
        type: 'EChannel',
        names: { fi: 'Lupapiste.fi', sv: 'Lupapiste.fi', en: 'Lupapiste.fi' },
        url: 'https://www.lupapiste.fi',
      },
      {
        key: 'building-location',
        type: 'ServiceLocation',
        names: { fi: 'Rakennusvalvonta', sv: 'Byggnadstillsyn', en: 'Building control' },
      },
    ],
  },
  {
    key: 'youth-centre',
    type: 'Service',
    names: { fi: 'Nuorisotila', sv: 'Ungdomslokal', en: 'Youth centre' },
    summary: { fi: 'Avointa nuorisotoimintaa 13–17-vuotiaille.' },
    description: { fi: 'Nuorisotila on avoinna arki-iltaisin. Toiminta on maksutonta.' },
    lifeEvents: [],
    targetGroups: ['KR1.3'],
    serviceClasses: ['P28'],
    keywords: ['nuoret', 'nuorisotila'],
    chargeType: 'FreeOfCharge',
    channels: [
      {
        key: 'youth-web',
        type: 'WebPage',
        names: { fi: 'Nuorisopalvelut', sv: 'Ungdomstjänster', en: 'Youth services' },
        url: '/vapaa-aika/nuoret',
      },
    ],
  },
];

const NAME_TYPE = 'Name';

function genitive(municipality: PtvMunicipality): string {
  return municipality.organisation.split(' ')[0] ?? municipality.name;
}

function fill(text: string, municipality: PtvMunicipality): string {
  // "{Kunta}n" is the genitive form; "{Kunta}" alone the nominative.
  return text
    .replaceAll('{Kunta}n', genitive(municipality))
    .replaceAll('{Kunta}', municipality.name)
    .replaceAll('{domain}', municipality.domain);
}

function texts(values: Texts, municipality: PtvMunicipality, type: string, fiOnly: boolean) {
  return (['fi', 'sv', 'en'] as const)
    .filter((lang) => values[lang] !== undefined && (lang === 'fi' || !fiOnly))
    .map((language) => ({ language, value: fill(values[language]!, municipality), type }));
}

function nameList(values: Texts) {
  return (['fi', 'sv', 'en'] as const)
    .filter((lang) => values[lang] !== undefined)
    .map((language) => ({ value: values[language]!, language }));
}

/** v11 classification entries; every third service uses the older urn URIs with a null code (§1.9b). */
function classification(code: string, kind: 'ptvelti' | 'ptvkohderyhmat' | 'ptvserclass2', legacy: boolean) {
  const names = kind === 'ptvelti' ? LIFE_EVENTS : kind === 'ptvkohderyhmat' ? TARGET_GROUPS : SERVICE_CLASSES;
  return {
    name: nameList(names[code] ?? { fi: code }),
    code: legacy ? null : code,
    ontologyType: null,
    uri: legacy ? `http://urn.fi/URN:NBN:fi:au:ptvl:${code}` : `http://uri.suomi.fi/codelist/ptv/${kind}/code/${code}`,
    parentId: null,
    parentUri: '',
  };
}

function area(municipality: PtvMunicipality, nullCode: boolean) {
  const name = [
    { value: municipality.name, language: 'fi' },
    { value: municipality.name, language: 'sv' },
  ];
  return {
    type: 'Municipality',
    code: nullCode ? null : municipality.code,
    name: nullCode ? [] : name,
    municipalities: [{ code: municipality.code, name }],
  };
}

export interface PtvCatalogue {
  services: Record<string, unknown>[];
  channels: Map<string, Record<string, unknown>>;
}

function channelObject(template: ChannelTemplate, municipality: PtvMunicipality, fiOnly: boolean, modified: string) {
  const id = uuidFrom(`ptv-channel:${municipality.code}:${template.key}`);
  const orgId = uuidFrom(`ptv-org:${municipality.businessId}`);
  const url = template.url
    ? fill(
        template.url.startsWith('/') ? `https://www.${municipality.domain}${template.url}` : template.url,
        municipality,
      )
    : undefined;
  const languages = fiOnly ? ['fi'] : ['fi', 'sv', 'en'];
  const base: Record<string, unknown> = {
    id,
    sourceId: null,
    serviceChannelType: template.type,
    organizationId: orgId,
    serviceChannelNames: texts(template.names, municipality, NAME_TYPE, fiOnly),
    serviceChannelDescriptions: texts(template.names, municipality, 'Summary', fiOnly),
    areaType: 'LimitedType',
    areas: [area(municipality, false)],
    languages,
    webPages: url ? languages.map((language) => ({ url, value: null, language })) : [],
    serviceHours: [],
    services: [],
    serviceCollections: [],
    publishingStatus: 'Published',
    modified,
    responsibleSoteOrganization: null,
    ontologyTerms: [],
  };
  // A channel's own number, else the switchboard; `{meal}` makes a number of its own per municipality.
  const national = (template.phone ?? municipality.phone).replace(
    '{meal}',
    `${String((Number(municipality.code) % 90) + 10)}0 ${String(1000 + Number(municipality.code)).slice(-4)}`,
  );
  const phoneFields = {
    additionalInformation: null,
    serviceChargeType: 'Chargeable',
    chargeDescription: 'Puhelun hinta määräytyy operaattorin hinnaston mukaan.',
    prefixNumber: '+358',
    isFinnishServiceNumber: false,
    // Real PTV keeps the national number without its leading 0 and without spaces (Metatavu fixtures).
    number: national.replace(/^0/, '').replace(/\s/g, ''),
    language: 'fi',
  };
  // `phoneNumbers` entries carry their type (Phone, Sms, Fax); `supportPhones` have none (Metatavu fixtures).
  const phoneNumbers = [{ type: 'Phone', ...phoneFields }];
  const [dayFrom, dayTo, from, to] = template.hours ?? OFFICE_HOURS;
  const serviceHours =
    template.type === 'Phone' || template.type === 'ServiceLocation'
      ? [
          {
            serviceHourType: 'DaysOfTheWeek',
            validFrom: null,
            validTo: null,
            isClosed: false,
            validForNow: true,
            isAlwaysOpen: false,
            isReservation: false,
            additionalInformation: [{ value: null, language: 'fi' }],
            openingHour: weekdaysBetween(dayFrom, dayTo).map((day) => ({
              dayFrom: day,
              dayTo: '',
              from: `${from}:00`,
              to: `${to}:00`,
            })),
          },
        ]
      : [];
  base.serviceHours = serviceHours;
  switch (template.type) {
    case 'EChannel':
      return {
        ...base,
        signatureQuantity: null,
        requiresSignature: false,
        requiresAuthentication: true,
        attachments: [],
        supportPhones: [phoneFields],
        supportEmails: [{ value: `kirjaamo@${municipality.domain}`, language: 'fi' }],
        accessibilityClassification: [],
      };
    case 'Phone':
      return { ...base, phoneNumbers, supportEmails: [] };
    case 'WebPage': {
      // A recorded WebPage channel has no areas, and support contacts like an e-service.
      const { areaType: _areaType, areas: _areas, ...rest } = base;
      return {
        ...rest,
        supportPhones: [phoneFields],
        supportEmails: [{ value: `kirjaamo@${municipality.domain}`, language: 'fi' }],
        accessibilityClassification: [],
      };
    }
    case 'PrintableForm':
      // Real PTV keeps the form in `channelUrls` (with its file type) and leaves `webPages` empty.
      return {
        ...base,
        webPages: [],
        formIdentifier: [{ value: null, language: 'fi' }],
        deliveryAddresses: [
          {
            subType: 'Street',
            postOfficeBoxAddress: null,
            streetAddress: streetAddress(municipality),
            deliveryAddressInText: null,
            receiver: [{ value: municipality.organisation, language: 'fi' }],
          },
        ],
        channelUrls: url ? languages.map((language) => ({ language, value: url, type: 'PDF' })) : [],
        attachments: [],
        supportPhones: [phoneFields],
        supportEmails: [{ value: `kirjaamo@${municipality.domain}`, language: 'fi' }],
      };
    case 'ServiceLocation':
      return {
        ...base,
        oid: null,
        displayNameType: [{ type: 'Name', language: 'fi' }],
        phoneNumbers,
        emails: [{ value: `kirjaamo@${municipality.domain}`, language: 'fi' }],
        addresses: [
          {
            type: 'Location',
            subType: 'Single',
            postOfficeBoxAddress: null,
            streetAddress: streetAddress(municipality),
            otherAddress: null,
            locationAbroad: [],
            entrances: [],
            country: 'FI',
          },
        ],
      };
    default:
      return base;
  }
}

function streetAddress(municipality: PtvMunicipality) {
  const both = (value: string) => [
    { value, language: 'fi' },
    { value, language: 'sv' },
  ];
  return {
    street: both(municipality.street),
    streetNumber: municipality.streetNumber,
    postalCode: municipality.postalCode,
    postOffice: both(municipality.name.toUpperCase()),
    municipality: { code: municipality.code, name: [{ value: municipality.name, language: 'fi' }] },
    additionalInformation: [],
    latitude: null,
    longitude: null,
    coordinateState: 'NotReceived',
  };
}

const WEEK: readonly Weekday[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One `openingHour` row per day, as the recorded PTV answers have them (`dayTo` empty). */
function weekdaysBetween(first: Weekday, last: Weekday): Weekday[] {
  return WEEK.slice(WEEK.indexOf(first), WEEK.indexOf(last) + 1);
}

/** The whole emulated catalogue of one municipality (deterministic: the same ids every run). */
export function buildCatalogue(municipality: PtvMunicipality, modified = '2025-11-03T08:14:52.317'): PtvCatalogue {
  const services: Record<string, unknown>[] = [];
  const channels = new Map<string, Record<string, unknown>>();
  const orgId = uuidFrom(`ptv-org:${municipality.businessId}`);
  TEMPLATES.forEach((template, index) => {
    if (template.except?.includes(municipality.code)) return;
    const fiOnly = template.fiOnlyIn?.includes(municipality.code) ?? false;
    const legacy = index % 3 === 2;
    const serviceChannels = template.channels.map((ct) => {
      const channel = channelObject(ct, municipality, fiOnly, modified);
      channels.set(channel.id as string, channel);
      return {
        serviceChannel: { id: channel.id, name: fill(ct.names.fi, municipality) },
        serviceChargeType: null,
        description: [],
        extraTypes: [],
        serviceHours: [],
        contactDetails: null,
        digitalAuthorizations: [],
        modified,
      };
    });
    services.push({
      id: uuidFrom(`ptv-service:${municipality.code}:${template.key}`),
      sourceId: `${municipality.code}-${template.key}`,
      generalDescriptionId: null,
      type: template.type,
      subType: null,
      fundingType: 'PubliclyFunded',
      serviceNames: texts(template.names, municipality, NAME_TYPE, fiOnly),
      serviceDescriptions: [
        ...texts(template.summary, municipality, 'Summary', fiOnly),
        ...texts(template.description, municipality, 'Description', fiOnly),
        // Real answers carry empty optional texts as `value: null` (§1.9b).
        { language: 'fi', value: null, type: 'DeadLine' },
        { language: 'fi', value: null, type: 'ProcessingTime' },
      ],
      serviceChargeType: template.chargeType,
      areaType: 'LimitedType',
      areas: [area(municipality, index % 4 === 1)],
      languages: fiOnly ? ['fi'] : ['fi', 'sv', 'en'],
      serviceClasses: template.serviceClasses.map((c) => ({
        ...classification(c, 'ptvserclass2', legacy),
        description: [],
      })),
      ontologyTerms: [],
      targetGroups: template.targetGroups.map((c) => classification(c, 'ptvkohderyhmat', legacy)),
      lifeEvents: template.lifeEvents.map((c) => classification(c, 'ptvelti', legacy)),
      industrialClasses: [],
      legislation: [],
      keywords: template.keywords.map((value) => ({ value, language: 'fi' })),
      requirements: [],
      serviceChannels,
      organizations: [
        {
          organization: {
            id: template.county ? uuidFrom('ptv-org:pohde') : orgId,
            name: template.county ? 'Pohjois-Pohjanmaan hyvinvointialue' : municipality.organisation,
          },
          roleType: 'Responsible',
          provisionType: null,
          additionalInformation: [],
        },
      ],
      serviceVouchersInUse: false,
      serviceVouchers: [],
      serviceCollections: [],
      publishingStatus: 'Published',
      modified,
      responsibleSoteOrganization: null,
    });
  });
  return { services, channels };
}

export function buildAllCatalogues(): Map<string, PtvCatalogue> {
  return new Map(PTV_MUNICIPALITIES.map((m) => [m.code, buildCatalogue(m)]));
}
