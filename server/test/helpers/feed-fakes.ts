/**
 * Stand-ins for the feed's sources, built from the synthetic population (emulators/population/citizens.ts), for
 * tests that do not need the emulators over HTTP. Each records its calls so tests can prove what was not read.
 */
import type { FastifyBaseLogger } from 'fastify';
import { testCitizens, type TestCitizen } from '../../emulators/population/citizens.js';
import type {
  CasesProvider,
  CatalogueSnapshot,
  CitizenRef,
  FactsProvider,
  ServiceCatalogue,
} from '../../src/feed/ports.js';
import type { LifeSituationFacts } from '../../src/rules/facts.js';
import type { Case, SourceStatus } from '../../src/schemas/case.js';
import type { Service } from '../../src/schemas/service.js';

export function factsOf(citizen: TestCitizen): LifeSituationFacts {
  return {
    birthDate: citizen.birthDate,
    homeMunicipalityCode: citizen.municipalityCode,
    movedInAt: citizen.movedInAt,
    nonDisclosure: false,
    children: citizen.children.map((c) => ({
      ref: `ref-${c.key}`,
      givenName: c.givenName,
      birthDate: c.birthDate,
      restricted: c.nonDisclosure,
    })),
  };
}

const ok = (id: string, now: Date): SourceStatus => ({ id, status: 'ok', fetchedAt: now.toISOString() });

export class FakeFacts implements FactsProvider {
  calls: CitizenRef[] = [];
  failing = false;
  constructor(
    private readonly now: () => Date,
    private readonly edit: (facts: LifeSituationFacts, citizen: TestCitizen) => LifeSituationFacts = (f) => f,
  ) {}
  configured(): boolean {
    return true;
  }
  async facts(citizen: CitizenRef, _log: FastifyBaseLogger) {
    this.calls.push(citizen);
    if (this.failing)
      return { facts: null, source: { id: 'population', status: 'unavailable' as const, fetchedAt: null } };
    const person = testCitizens(this.now()).find((c) => c.hetu === citizen.identityCode);
    if (!person) throw new Error('unknown person');
    return { facts: this.edit(factsOf(person), person), source: ok('population', this.now()) };
  }
}

const text = (fi: string, sv: string, en: string) => ({ fi, sv, en });

function caseOf(
  fields: Partial<Case> & Pick<Case, 'id' | 'source' | 'type' | 'status' | 'sourceStatus'>,
  now: Date,
): Case {
  return {
    title: text('Hakemus', 'Ansökan', 'Application'),
    timeline: [],
    nextStep: null,
    actions: [{ label: text('Avaa', 'Öppna', 'Open'), href: `https://cases.test/${fields.id}` }],
    subject: { kind: 'self' },
    updatedAt: now.toISOString(),
    ...fields,
  };
}

/** Each test citizen's cases as the aggregation core would give them. */
export class FakeCases implements CasesProvider {
  calls: CitizenRef[] = [];
  constructor(private readonly now: () => Date) {}
  async cases(citizen: CitizenRef) {
    this.calls.push(citizen);
    const now = this.now();
    const person = testCitizens(now).find((c) => c.hetu === citizen.identityCode);
    const items: Case[] = [];
    if (person?.key === 'maija') {
      items.push(
        caseOf(
          {
            id: 'lupapiste:LP-535-2026-00012',
            source: 'lupapiste',
            type: 'building_permit',
            status: 'action_required',
            sourceStatus: 'complementNeeded',
            title: text('Omakotitalo', 'Egnahemshus', 'Detached house'),
            nextStep: text('Lisää puuttuvat liitteet.', 'Lägg till bilagorna.', 'Add the missing attachments.'),
          },
          now,
        ),
        caseOf(
          {
            id: 'evaka:0b6d1c5e',
            source: 'evaka',
            type: 'early_childhood_education',
            status: 'in_progress',
            sourceStatus: 'WAITING_DECISION',
            title: text('Varhaiskasvatushakemus: Helmi', 'Ansökan: Helmi', 'Daycare application: Helmi'),
            subject: { kind: 'child', ref: 'ref-helmi', givenName: 'Helmi' },
          },
          now,
        ),
      );
    }
    if (person?.key === 'juha') {
      items.push(
        caseOf(
          {
            id: 'lupapiste:LP-071-2026-00003',
            source: 'lupapiste',
            type: 'building_permit',
            status: 'decided',
            sourceStatus: 'verdictGiven',
            title: text('Vapaa-ajan asunto', 'Fritidsbostad', 'Holiday home'),
          },
          now,
        ),
      );
    }
    if (person?.key === 'aino') {
      items.push(
        caseOf(
          {
            id: 'generic:KH-2026-114',
            source: 'generic',
            type: 'home_care',
            status: 'submitted',
            sourceStatus: 'RECEIVED',
            title: text('Kotihoitohakemus', 'Ansökan om hemvård', 'Home care application'),
          },
          now,
        ),
      );
    }
    const sources = ['lupapiste', 'evaka', 'generic'].map((id) => ok(id, now));
    return { items, sources };
  }
}

const service = (id: string, name: [string, string, string], extra: Partial<Service>): Service => ({
  id,
  name: text(...name),
  summary: text(`${name[0]}: tiivistelmä`, `${name[1]}: sammandrag`, `${name[2]}: summary`),
  description: text('', '', ''),
  lifeEvents: [],
  targetGroups: [],
  serviceClasses: [],
  keywords: [],
  channels: [],
  ...extra,
});

/** A small catalogue that has every service the rule pack looks for, plus a few to feature. */
export function catalogueFor(municipalityId: string): Service[] {
  const web = (path: string) => [
    {
      id: `${path}-web`,
      type: 'WebPage' as const,
      name: text('Verkkosivu', 'Webbsida', 'Web page'),
      url: `https://${municipalityId}.test/${path}`,
    },
  ];
  const eservice = (path: string) => [
    {
      id: `${path}-e`,
      type: 'EChannel' as const,
      name: text('Asiointi', 'E-tjänst', 'E-service'),
      url: `https://asiointi.${municipalityId}.test/${path}`,
    },
    ...web(path),
  ];
  return [
    service('s-preschool', ['Esiopetus', 'Förskoleundervisning', 'Pre-primary education'], {
      serviceClasses: ['P6.1'],
      lifeEvents: ['KE1'],
      targetGroups: ['KR1.2'],
      keywords: ['esiopetus'],
      channels: eservice('esiopetus'),
    }),
    service('s-daycare', ['Varhaiskasvatus', 'Småbarnspedagogik', 'Early childhood education'], {
      serviceClasses: ['P3'],
      lifeEvents: ['KE1'],
      channels: eservice('varhaiskasvatus'),
    }),
    service('s-maternity', ['Neuvola', 'Rådgivning', 'Child health clinic'], {
      serviceClasses: ['P5'],
      lifeEvents: ['KE1'],
      channels: web('neuvola'),
    }),
    service('s-waste', ['Jätehuolto', 'Avfallshantering', 'Waste management'], {
      serviceClasses: ['P23'],
      lifeEvents: ['KE4'],
      channels: eservice('jatehuolto'),
    }),
    service('s-library', ['Kirjastokortti', 'Bibliotekskort', 'Library card'], {
      serviceClasses: ['P25'],
      lifeEvents: ['KE4.2'],
      channels: web('kirjasto'),
    }),
    service('s-health', ['Terveysasema', 'Hälsostation', 'Health centre'], {
      serviceClasses: ['P5'],
      channels: eservice('terveysasema'),
    }),
    service('s-welcome', ['Tervetuloa uudet asukkaat', 'Välkommen nya invånare', 'Welcome, new residents'], {
      serviceClasses: ['P9'],
      lifeEvents: ['KE4'],
      channels: web('tervetuloa'),
    }),
    service('s-homecare', ['Kotihoito', 'Hemvård', 'Home care'], {
      serviceClasses: ['P4'],
      targetGroups: ['KR1.1'],
      lifeEvents: ['KE10'],
      channels: web('kotihoito'),
    }),
    service('s-transport', ['Kuljetuspalvelu', 'Färdtjänst', 'Transport service'], {
      serviceClasses: ['P4'],
      targetGroups: ['KR1.1'],
      channels: eservice('kuljetus'),
    }),
    service('s-meals', ['Ateriapalvelu', 'Måltidsservice', 'Meal service'], {
      serviceClasses: ['P4'],
      targetGroups: ['KR1.1'],
      channels: web('ateria'),
    }),
    service('s-voucher', ['Kesätyöseteli', 'Sommarjobbssedel', 'Summer job voucher'], {
      serviceClasses: ['P28'],
      targetGroups: ['KR1.3'],
      channels: eservice('kesatyo'),
    }),
    service('s-building', ['Rakennusvalvonta', 'Byggnadstillsyn', 'Building control'], {
      serviceClasses: ['P2'],
      lifeEvents: ['KE6'],
      keywords: ['aloitusilmoitus', 'katselmus'],
      channels: eservice('rakennusvalvonta'),
    }),
  ];
}

export class FakeCatalogue implements ServiceCatalogue {
  status: SourceStatus['status'] = 'ok';
  constructor(private readonly now: () => Date) {}
  async forMunicipality(municipalityId: string): Promise<CatalogueSnapshot | null> {
    if (this.status === 'unavailable') {
      return { services: [], status: { id: 'ptv', status: 'unavailable', fetchedAt: null } };
    }
    return {
      services: catalogueFor(municipalityId),
      status: { id: 'ptv', status: this.status, fetchedAt: this.now().toISOString() },
    };
  }
}
