import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { testCitizens } from '../emulators/population/citizens.js';
import { addToDate, ageOn, helsinkiDate, helsinkiMidnight } from '../src/lib/calendar.js';
import { evaluateRules, type RuleMatch } from '../src/rules/evaluate.js';
import type { RuleFacts } from '../src/rules/facts.js';
import { DEFAULT_RULE_PACK_FILE, loadRulePack, parseRulePack } from '../src/rules/load-rule-pack.js';
import { applyOverrides, overrideProblem } from '../src/rules/overrides.js';
import type { Case } from '../src/schemas/case.js';
import { FakeCases, factsOf } from './helpers/feed-fakes.js';
import { NIVALA, child, municipalityFacts, on, person } from './helpers/rule-facts.js';

const pack = loadRulePack();
const rules = applyOverrides(pack.rules, undefined);

function run(facts: Partial<RuleFacts>, day: string | Date, ruleSet = rules): RuleMatch[] {
  return evaluateRules(
    { municipality: NIVALA, person: null, cases: null, ...facts },
    ruleSet,
    typeof day === 'string' ? on(day) : day,
  );
}

const ruleIds = (matches: RuleMatch[]) => matches.map((m) => m.rule.id).sort();
const only = (matches: RuleMatch[], ruleId: string) => matches.filter((m) => m.rule.id === ruleId);

describe('calendar arithmetic in Europe/Helsinki', () => {
  test('a leap-day child comes of age on 1 March in a common year, on 29 February in a leap year', () => {
    assert.equal(ageOn('2012-02-29', '2027-02-28'), 14);
    assert.equal(ageOn('2012-02-29', '2027-03-01'), 15);
    assert.equal(ageOn('2012-02-29', '2028-02-29'), 16);
    assert.equal(addToDate('2012-02-29', { years: 15 }), '2027-03-01');
    assert.equal(addToDate('2012-02-29', { years: 16 }), '2028-02-29');
  });

  test('the Helsinki day, not the UTC day, decides', () => {
    assert.equal(helsinkiDate(new Date('2025-12-31T22:30:00Z')), '2026-01-01');
    assert.equal(helsinkiDate(new Date('2026-06-30T21:30:00Z')), '2026-07-01');
    assert.equal(helsinkiMidnight('2026-01-01').toISOString(), '2025-12-31T22:00:00.000Z');
    assert.equal(helsinkiMidnight('2026-07-01').toISOString(), '2026-06-30T21:00:00.000Z');
  });
});

describe('pre-school enrolment', () => {
  const preschool = (birthDate: string, day: string | Date) =>
    only(run({ person: person({ children: [child(birthDate)] }) }, day), 'preschool-enrolment');

  test('a child turning 6 on 31 December starts that August; one turning 6 on 1 January a year later', () => {
    // Turns 6 on 31.12.2026 → starts August 2026; the window opens in August 2025.
    assert.equal(preschool('2020-12-31', '2025-07-31').length, 0);
    assert.equal(preschool('2020-12-31', '2025-08-01')[0]?.phaseId, 'upcoming');
    // Turns 6 on 1.1.2027 → starts August 2027: nothing yet in autumn 2025 or spring 2026.
    assert.equal(preschool('2021-01-01', '2025-08-01').length, 0);
    assert.equal(preschool('2021-01-01', '2026-07-31').length, 0);
    assert.equal(preschool('2021-01-01', '2026-08-01')[0]?.phaseId, 'upcoming');
  });

  test('the wording follows the January–February enrolment period: upcoming, open, late', () => {
    const phase = (day: string | Date) => preschool('2020-06-15', day)[0]?.phaseId;
    assert.equal(phase('2025-12-31'), 'upcoming');
    assert.equal(phase(new Date('2025-12-31T21:59:00Z')), 'upcoming', '23:59 in Helsinki');
    assert.equal(phase(new Date('2025-12-31T22:00:00Z')), 'open', 'midnight in Helsinki is already January');
    assert.equal(phase('2026-01-01'), 'open');
    assert.equal(phase('2026-02-28'), 'open');
    assert.equal(phase('2026-03-01'), 'late');
    assert.equal(phase('2026-07-31'), 'late');
    assert.equal(phase('2026-08-01'), undefined, 'pre-school has started');
    const [upcoming] = preschool('2020-06-15', '2025-10-01');
    assert.match(upcoming!.body.fi, /elokuussa 2026.*1\.1\.2026/);
    assert.match(upcoming!.body.en, /1 January 2026/);
    assert.equal(upcoming!.validUntil, '2026-01-01');
    const [late] = preschool('2020-06-15', '2026-04-01');
    assert.match(late!.title.sv, /sent/);
    assert.equal(late!.validUntil, '2026-08-01');
  });

  test('in a leap year, 29 February is still open and 1 March is late', () => {
    const phase = (day: string) => preschool('2022-03-10', day)[0]?.phaseId;
    assert.equal(phase('2028-02-29'), 'open');
    assert.equal(phase('2028-03-01'), 'late');
  });

  test('a child born on 29 February is treated as turning 6 on 1 March that year', () => {
    assert.equal(preschool('2020-02-29', '2026-02-15')[0]?.phaseId, 'open');
  });

  test('a restricted child never produces a suggestion', () => {
    const facts = { person: person({ children: [child('2020-06-15', true)] }) };
    for (const day of ['2025-10-01', '2026-01-15', '2026-04-01']) {
      assert.deepEqual(run(facts, day), []);
    }
  });

  test('a family living in another municipality gets no suggestion from this one', () => {
    const facts = { person: person({ homeMunicipalityCode: '208', children: [child('2020-06-15')] }) };
    assert.deepEqual(run(facts, '2026-01-15'), []);
  });
});

describe('newcomer services', () => {
  const NEWCOMER = ['newcomer-health-centre', 'newcomer-library-card', 'newcomer-waste-management', 'newcomer-welcome'];
  const newcomers = (day: string) => ruleIds(run({ person: person({ movedInAt: '2025-12-20' }) }, day));

  test('from the day of moving in for 90 days', () => {
    assert.deepEqual(newcomers('2025-12-19'), []);
    assert.deepEqual(newcomers('2025-12-20'), NEWCOMER);
    assert.deepEqual(newcomers('2026-03-19'), NEWCOMER, 'day 89, across the year boundary');
    assert.deepEqual(newcomers('2026-03-20'), [], 'day 90');
  });

  test('the explanation says when the citizen moved in', () => {
    const [welcome] = only(run({ person: person({ movedInAt: '2025-12-20' }) }, '2026-01-05'), 'newcomer-welcome');
    assert.match(welcome!.explanation.fi, /20\.12\.2025/);
    assert.equal(welcome!.title.en, 'Welcome to Nivala!');
  });
});

describe('senior services', () => {
  const SENIOR = ['senior-home-care', 'senior-meal-service', 'senior-transport-service'];
  const seniors = (day: string) => ruleIds(run({ person: person({ birthDate: '1951-05-20' }), cases: [] }, day));

  test('from the 75th birthday on', () => {
    assert.deepEqual(seniors('2026-05-19'), []);
    assert.deepEqual(seniors('2026-05-20'), SENIOR);
    assert.deepEqual(seniors('2029-05-20'), SENIOR, 'age 78');
  });

  test('a 78-year-old is told her age', () => {
    const [homeCare] = only(
      run({ person: person({ birthDate: '1951-05-20' }), cases: [] }, '2029-06-01'),
      'senior-home-care',
    );
    assert.match(homeCare!.explanation.en, /you are 78/);
  });
});

describe('summer job voucher', () => {
  const voucher = (birthDate: string, day: string) =>
    only(run({ person: person({ children: [child(birthDate)] }) }, day), 'summer-job-voucher');

  test('from the 15th birthday until the 18th', () => {
    assert.equal(voucher('2011-06-15', '2026-06-14').length, 0, 'aged 14');
    assert.equal(voucher('2011-06-15', '2026-06-15').length, 1, 'turns 15');
    assert.equal(voucher('2011-06-15', '2029-06-14').length, 1, 'aged 17');
    assert.equal(voucher('2011-06-15', '2029-06-15').length, 0, 'turns 18');
  });

  test('a leap-day child turns 15 on 1 March in a common year', () => {
    assert.equal(voucher('2012-02-29', '2027-02-28').length, 0);
    assert.equal(voucher('2012-02-29', '2027-03-01').length, 1);
  });

  test('out of season it says when applications open rather than disappearing', () => {
    const [february] = voucher('2010-01-10', '2026-02-28');
    assert.equal(february!.phaseId, 'upcoming');
    assert.match(february!.title.fi, /1\.3\.2026/);
    assert.equal(voucher('2010-01-10', '2026-03-01')[0]?.phaseId, 'open');
    assert.equal(voucher('2010-01-10', '2026-08-31')[0]?.phaseId, 'open');
    const [september] = voucher('2010-01-10', '2026-09-01');
    assert.equal(september!.phaseId, 'upcoming');
    assert.match(september!.title.en, /1 March 2027/);
  });
});

describe('tasks and next steps from cases', () => {
  const base = {
    title: { fi: 'Omakotitalo', sv: 'Egnahemshus', en: 'House' },
    timeline: [],
    nextStep: null,
    actions: [{ label: { fi: 'a', sv: 'a', en: 'a' }, href: 'https://cases.test/1' }],
    subject: { kind: 'self' as const },
    updatedAt: '2026-01-10T10:00:00.000Z',
  };
  const c = (fields: Pick<Case, 'id' | 'source' | 'type' | 'status' | 'sourceStatus'> & Partial<Case>): Case => ({
    ...base,
    ...fields,
  });

  test('an action-required case is a task; a permit verdict suggests the next construction steps', () => {
    const matches = run(
      {
        cases: [
          c({
            id: 'lupapiste:A',
            source: 'lupapiste',
            type: 'building_permit',
            status: 'action_required',
            sourceStatus: 'complementNeeded',
          }),
          c({
            id: 'lupapiste:B',
            source: 'lupapiste',
            type: 'building_permit',
            status: 'decided',
            sourceStatus: 'verdictGiven',
          }),
          c({
            id: 'lupapiste:C',
            source: 'lupapiste',
            type: 'building_permit',
            status: 'in_progress',
            sourceStatus: 'sent',
          }),
        ],
      },
      '2026-01-12',
    );
    assert.deepEqual(ruleIds(matches), ['building-next-steps', 'task-action-required']);
    const next = only(matches, 'building-next-steps')[0]!;
    assert.equal(next.case?.id, 'lupapiste:B');
    // A verdict is a decision, not an approval (it may be a refusal), and not every permit is for building.
    assert.match(next.title.en, /a decision has been made/i);
    for (const lang of ['fi', 'sv', 'en'] as const) {
      assert.doesNotMatch(`${next.title[lang]} ${next.body[lang]}`, /myönnet|beviljat|granted|katselm|syn|inspection/i);
    }
  });

  test('a pending eVaka decision and a home-care application are tasks', () => {
    const matches = run(
      {
        cases: [
          c({
            id: 'evaka:1',
            source: 'evaka',
            type: 'early_childhood_education',
            status: 'in_progress',
            sourceStatus: 'WAITING_DECISION',
          }),
          c({ id: 'generic:2', source: 'generic', type: 'home_care', status: 'submitted', sourceStatus: 'RECEIVED' }),
        ],
      },
      '2026-01-12',
    );
    assert.deepEqual(ruleIds(matches), ['task-decision-pending', 'task-home-care-application']);
    assert.ok(matches.every((m) => m.rule.kind === 'task'));
  });

  test("a restricted child's case is not turned into a task", () => {
    const facts = { person: person({ children: [{ ...child('2024-01-01', true), ref: 'hidden' }] }) };
    const cases = [
      c({
        id: 'evaka:1',
        source: 'evaka',
        type: 'early_childhood_education',
        status: 'in_progress',
        sourceStatus: 'WAITING_DECISION',
        subject: { kind: 'child', ref: 'hidden', givenName: 'X' },
      }),
    ];
    assert.deepEqual(run({ ...facts, cases }, '2026-01-12'), []);
  });
});

describe('item ids', () => {
  test('are stable across days and phases, and carry no personal data', () => {
    const facts = { person: person({ children: [child('2020-06-15')] }) };
    const october = only(run(facts, '2025-10-01'), 'preschool-enrolment')[0]!;
    const january = only(run(facts, '2026-01-15'), 'preschool-enrolment')[0]!;
    assert.equal(october.itemId, january.itemId);
    assert.match(october.itemId, /^preschool-enrolment\.[A-Za-z0-9_-]{16}$/);
    assert.ok(!october.itemId.includes('2020') && !october.itemId.includes('ref-'));
  });
});

describe('municipality overrides', () => {
  const facts = { person: person({ movedInAt: '2026-01-01' }) };

  test('turn a rule off, change its window, set a local link and text', () => {
    const overridden = applyOverrides(pack.rules, {
      'newcomer-library-card': { enabled: false },
      'newcomer-waste-management': {
        window: { fromDays: 0, toDays: 29 },
        link: 'https://nivala.test/jate',
        text: { fi: 'Oma teksti' },
      },
    });
    assert.ok(!ruleIds(run(facts, '2026-01-10', overridden)).includes('newcomer-library-card'));
    const [waste] = only(run(facts, '2026-01-30', overridden), 'newcomer-waste-management');
    assert.equal(waste!.rule.localLink, 'https://nivala.test/jate');
    assert.equal(waste!.body.fi, 'Oma teksti');
    assert.notEqual(waste!.body.sv, 'Oma teksti');
    assert.equal(only(run(facts, '2026-01-31', overridden), 'newcomer-waste-management').length, 0, 'day 30');
    assert.equal(pack.rules.find((r) => r.id === 'newcomer-library-card') !== undefined, true, 'the pack is unchanged');
  });

  test('an override of a rule that does not exist is named', () => {
    assert.match(
      overrideProblem(pack.rules, { 'no-such-rule': { enabled: false } }) ?? '',
      /\/rules\/overrides\/no-such-rule is not a rule/,
    );
    assert.match(
      overrideProblem(pack.rules, { 'task-action-required': { window: { fromDays: 1 } } }) ?? '',
      /has no trigger date/,
    );
  });
});

describe('the rule pack file', () => {
  const text = readFileSync(DEFAULT_RULE_PACK_FILE, 'utf8');
  const edit = (change: (raw: { rules: Array<Record<string, unknown>> } & Record<string, unknown>) => void) => {
    const raw = JSON.parse(text);
    change(raw);
    return JSON.stringify(raw);
  };

  test('has every text in Finnish, Swedish and English, and a version per rule', () => {
    assert.ok(pack.rules.length >= 12);
    for (const rule of pack.rules) assert.match(rule.version, /^\d+/);
  });

  test('a missing translation is named by its path', () => {
    const bad = edit((raw) => {
      delete ((raw.rules[0]!.phases as Array<{ title: Record<string, string> }>)[1]!.title as Record<string, string>)
        .sv;
    });
    assert.throws(() => parseRulePack(bad), /rule-pack\.json: \/rules\/0\/phases\/1\/title\/sv is required/);
  });

  test('an unknown field, a bad date reference, an unknown placeholder and a duplicate id are named', () => {
    assert.throws(
      () => parseRulePack(edit((raw) => void (raw.rules[1]!.colour = 'red'))),
      /\/rules\/1\/colour is not a known field/,
    );
    assert.throws(
      () => parseRulePack(edit((raw) => void (raw.rules[0]!.window = { from: { ref: 'thisYear', days: 3 } }))),
      /\/rules\/0\/window\/from needs month and day/,
    );
    assert.throws(
      () => parseRulePack(edit((raw) => void (raw.rules[1]!.explanation = { fi: '{nope}', sv: 'x', en: 'x' }))),
      /\/rules\/1\/explanation\/fi uses \{nope\}/,
    );
    assert.throws(
      () => parseRulePack(edit((raw) => void (raw.rules[2]!.id = raw.rules[1]!.id))),
      /\/rules\/2\/id "newcomer-waste-management" is used by another rule/,
    );
  });
});

describe('every test citizen sees their situation on any day of the year', () => {
  const expected: Record<string, string[]> = {
    maija: ['preschool-enrolment', 'task-action-required', 'task-decision-pending'],
    matti: ['newcomer-health-centre', 'newcomer-library-card', 'newcomer-waste-management', 'newcomer-welcome'],
    // Her home-care application is under way, so home care is not suggested to her.
    aino: ['senior-meal-service', 'senior-transport-service', 'task-home-care-application'],
    juha: ['building-next-steps', 'summer-job-voucher'],
    liisa: [],
  };
  // Every month, plus the year boundary and leap day.
  const days = [
    ...Array.from({ length: 12 }, (_, i) => new Date(`2026-${String(i + 1).padStart(2, '0')}-15T12:00:00+02:00`)),
    new Date('2025-12-31T21:30:00Z'),
    new Date('2028-02-29T12:00:00+02:00'),
    new Date('2026-07-31T12:00:00+03:00'),
    new Date('2026-08-01T12:00:00+03:00'),
  ];
  for (const day of days) {
    test(`on ${helsinkiDate(day)}`, async () => {
      const cases = new FakeCases(() => day);
      for (const citizen of testCitizens(day)) {
        const { items } = await cases.cases({ municipalityId: citizen.municipality, identityCode: citizen.hetu });
        const matches = evaluateRules(
          {
            municipality: municipalityFacts(citizen.municipality),
            person: factsOf(citizen),
            cases: items,
          },
          rules,
          day,
        );
        assert.deepEqual(ruleIds(matches), expected[citizen.key], citizen.key);
        if (citizen.key === 'maija') {
          const month = Number(helsinkiDate(day).slice(5, 7));
          const phase = only(matches, 'preschool-enrolment')[0]?.phaseId;
          assert.equal(phase, month >= 8 ? 'upcoming' : month <= 2 ? 'open' : 'late');
        }
      }
    });
  }
});
