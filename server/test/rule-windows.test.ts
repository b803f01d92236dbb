// What each rule's dates say: the real window of what is suggested, and when the wording stops being true.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testCitizens } from '../emulators/population/citizens.js';
import { addToDate, daysBetween, helsinkiDate } from '../src/lib/calendar.js';
import { evaluateRules, type RuleMatch } from '../src/rules/evaluate.js';
import type { RuleFacts } from '../src/rules/facts.js';
import { loadRulePack } from '../src/rules/load-rule-pack.js';
import { applyOverrides } from '../src/rules/overrides.js';
import type { Case } from '../src/schemas/case.js';
import { FakeCases, factsOf } from './helpers/feed-fakes.js';
import { NIVALA, child, on, person } from './helpers/rule-facts.js';
import { isReachable, matchToItem } from '../src/feed/build-feed.js';

const pack = loadRulePack();
const rules = applyOverrides(pack.rules, undefined);
function run(facts: Partial<RuleFacts>, day: string): RuleMatch[] {
  return evaluateRules({ municipality: NIVALA, person: null, cases: [], ...facts }, rules, on(day));
}
const one = (matches: RuleMatch[], ruleId: string) => {
  const found = matches.filter((m) => m.rule.id === ruleId);
  assert.ok(found.length <= 1, ruleId);
  return found[0];
};

describe('pre-school enrolment: the window is 1.1.–28.2. of the year pre-school starts', () => {
  const preschool = (birthDate: string, day: string) =>
    one(run({ person: person({ children: [child(birthDate)] }) }, day), 'preschool-enrolment');

  test('before enrolment opens it names the whole window, not a date that ends when enrolment opens', () => {
    const match = preschool('2020-06-15', '2025-10-01')!;
    assert.equal(match.phaseId, 'upcoming');
    assert.deepEqual(match.window, { kind: 'enrolment', opens: '2026-01-01', closes: '2026-02-28' });
  });

  test('while open, the same window', () => {
    assert.deepEqual(preschool('2020-06-15', '2026-01-15')!.window, {
      kind: 'enrolment',
      opens: '2026-01-01',
      closes: '2026-02-28',
    });
  });

  test('in a leap year it closes on 29 February', () => {
    assert.deepEqual(preschool('2022-03-10', '2028-02-01')!.window, {
      kind: 'enrolment',
      opens: '2028-01-01',
      closes: '2028-02-29',
    });
  });

  test('late enrolment: the last day is the day before pre-school starts', () => {
    const match = preschool('2020-06-15', '2026-04-01')!;
    assert.equal(match.phaseId, 'late');
    assert.deepEqual(match.window, { kind: 'enrolment', opens: null, closes: '2026-07-31' });
    assert.equal(match.validUntil, '2026-08-01');
  });
});

describe('summer job voucher: the application period is 1.3.–31.8.', () => {
  const voucher = (birthDate: string, day: string) =>
    one(run({ person: person({ children: [child(birthDate)] }) }, day), 'summer-job-voucher');

  test('in season: this year’s period', () => {
    const match = voucher('2010-01-10', '2026-05-01')!;
    assert.equal(match.phaseId, 'open');
    assert.deepEqual(match.window, { kind: 'application', opens: '2026-03-01', closes: '2026-08-31' });
    assert.equal(match.validUntil, '2026-09-01');
  });

  test('out of season: "haku alkaa 1.3.2027", and the wording is valid until then, not until the 18th birthday', () => {
    const match = voucher('2010-01-10', '2026-10-01')!;
    assert.equal(match.phaseId, 'upcoming');
    assert.match(match.title.fi, /haku alkaa 1\.3\.2027/);
    assert.deepEqual(match.window, { kind: 'application', opens: '2027-03-01', closes: '2027-08-31' });
    assert.equal(match.validUntil, '2027-03-01');
  });

  test('in February the period that is about to open', () => {
    assert.deepEqual(voucher('2010-01-10', '2026-02-15')!.window, {
      kind: 'application',
      opens: '2026-03-01',
      closes: '2026-08-31',
    });
  });

  test('an application the child will be too old for is not announced', () => {
    // Turns 18 on 10 January 2027, before the 2027 period opens.
    assert.equal(voucher('2009-01-10', '2026-10-01'), undefined);
    assert.ok(voucher('2009-01-10', '2026-05-01'), 'this year’s period is still his');
  });
});

describe('rules without a window', () => {
  test('newcomer services apply for 90 days from the move, with no window shown', () => {
    const matches = run({ person: person({ movedInAt: '2026-03-10' }) }, '2026-04-01');
    const newcomer = matches.filter((m) => m.rule.id.startsWith('newcomer-'));
    assert.equal(newcomer.length, 4);
    for (const match of newcomer) {
      assert.equal(match.window, null, match.rule.id);
      assert.equal(match.validUntil, addToDate('2026-03-10', { days: 90 }), match.rule.id);
    }
  });

  test('senior services and tasks are open-ended', () => {
    const matches = run({ person: person({ birthDate: '1948-01-01' }) }, '2026-04-01');
    for (const match of matches) {
      assert.equal(match.window, null, match.rule.id);
      assert.equal(match.validUntil, null, match.rule.id);
    }
  });
});

describe('nothing is suggested that is already under way', () => {
  const homeCareCase = (status: Case['status']): Case => ({
    id: `generic:HC-${status}`,
    source: 'generic',
    type: 'home_care',
    title: { fi: 'Kotihoitohakemus', sv: 'Ansökan om hemvård', en: 'Home care application' },
    status,
    sourceStatus: status,
    timeline: [],
    nextStep: null,
    actions: [],
    subject: { kind: 'self' },
    updatedAt: '2026-03-01T10:00:00Z',
  });
  const homeCare = (cases: Case[] | null, casesComplete?: boolean) =>
    one(
      evaluateRules(
        {
          municipality: NIVALA,
          person: person({ birthDate: '1948-01-01' }),
          cases,
          ...(casesComplete === undefined ? {} : { casesComplete }),
        },
        rules,
        on('2026-04-01'),
      ),
      'senior-home-care',
    );

  test('a pending home-care application: no "apply for home care"', () => {
    for (const status of ['draft', 'submitted', 'in_progress', 'action_required'] as const) {
      assert.equal(homeCare([homeCareCase(status)]), undefined, status);
    }
  });

  test('no application, or a decided one: home care is suggested', () => {
    assert.ok(homeCare([]));
    assert.ok(homeCare([homeCareCase('decided')]));
  });

  test('cases unknown (the case systems are down): not suggested rather than maybe wrong', () => {
    assert.equal(homeCare(null), undefined);
  });

  test('cases incomplete (a case system down or partial, rows left out): not suggested either', () => {
    assert.equal(homeCare([], false), undefined);
    assert.ok(homeCare([], true));
  });
});

describe('every rule’s dates, for every test citizen, on every day of a year', () => {
  test('a window never lies in the past, opens before it closes, and the wording is valid past today', async () => {
    const start = '2026-01-01';
    const seen = new Set<string>();
    for (let offset = 0; offset < 366; offset += 3) {
      const day = addToDate(start, { days: offset });
      const now = on(day);
      const cases = new FakeCases(() => now);
      for (const citizen of testCitizens(now)) {
        const { items } = await cases.cases({ municipalityId: citizen.municipality, identityCode: citizen.hetu });
        const matches = evaluateRules(
          { municipality: NIVALA, person: { ...factsOf(citizen), homeMunicipalityCode: '535' }, cases: items },
          rules,
          now,
        );
        for (const match of matches) {
          const what = `${match.rule.id} for ${citizen.key} on ${day}`;
          seen.add(match.rule.id);
          const today = helsinkiDate(now);
          if (match.validUntil) assert.ok(match.validUntil > today, `${what}: validUntil ${match.validUntil}`);
          if (match.window) {
            const { opens, closes } = match.window;
            assert.ok(opens || closes, what);
            if (closes) assert.ok(closes >= today, `${what}: closed on ${closes}`);
            if (opens && closes) assert.ok(opens <= closes, what);
            // The wording may end at a phase boundary, but never outlives the window it names by a year or more.
            if (match.validUntil && closes) assert.ok(daysBetween(closes, match.validUntil) <= 1, what);
          }
        }
      }
    }
    for (const id of ['preschool-enrolment', 'summer-job-voucher']) assert.ok(seen.has(id), id);
  });
});

describe('a suggestion is shown only with a way to act on it', () => {
  test('without a service in the catalogue, a link or a case, a suggestion is not reachable; with any one it is', () => {
    const [match] = run({ person: person({ birthDate: '1948-01-01' }) }, '2026-04-01').filter(
      (m) => m.rule.id === 'senior-home-care',
    );
    assert.ok(match);
    const withoutCatalogue = matchToItem(match, [], pack);
    assert.equal(withoutCatalogue.action, null);
    assert.equal(isReachable(withoutCatalogue), false);
    assert.equal(isReachable({ ...withoutCatalogue, caseId: 'generic:H-1' }), true);
    assert.equal(
      isReachable({ ...withoutCatalogue, action: { label: withoutCatalogue.title, href: 'https://x.fi/' } }),
      true,
    );
  });
});
