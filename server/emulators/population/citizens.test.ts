import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hetuBirthDate, isTestHetu } from '../../src/identity/hetu.js';
import { ageOn, helsinkiIsoDate, testCitizens, type TestCitizen } from './citizens.js';

// Instants chosen around the year boundary, a leap day and the Helsinki/UTC date difference.
const DAYS = [
  new Date('2026-01-01T00:30:00+02:00'),
  new Date('2025-12-31T23:30:00+02:00'),
  new Date('2025-12-31T22:30:00Z'), // already 1 Jan 2026 in Helsinki
  new Date('2024-02-29T12:00:00+02:00'),
  new Date('2028-02-29T12:00:00+02:00'),
  new Date('2026-03-01T09:00:00+02:00'),
  new Date('2026-06-15T12:00:00+03:00'),
  new Date('2026-07-31T12:00:00+03:00'),
  new Date('2027-10-01T08:00:00+03:00'),
  new Date(),
];

function byKey(citizens: TestCitizen[], key: string): TestCitizen {
  const found = citizens.find((c) => c.key === key);
  assert.ok(found, `citizen ${key}`);
  return found;
}

function daysBetween(fromIso: string, toIso: string): number {
  return (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000;
}

describe('testCitizens', () => {
  for (const today of DAYS) {
    const todayIso = helsinkiIsoDate(today);
    const year = Number(todayIso.slice(0, 4));

    it(`every situation in DESIGN.md holds on ${todayIso} (${today.toISOString()})`, () => {
      const citizens = testCitizens(today);
      assert.deepEqual(
        citizens.map((c) => c.key),
        ['maija', 'matti', 'aino', 'juha', 'liisa'],
      );

      for (const person of [...citizens, ...citizens.flatMap((c) => c.children)]) {
        assert.equal(isTestHetu(person.hetu), true, `${person.givenName}: ${person.hetu} is a valid test code`);
        assert.equal(hetuBirthDate(person.hetu), person.birthDate, `${person.givenName}: code matches birth date`);
        assert.ok(person.birthDate <= todayIso, `${person.givenName} is born`);
      }
      for (const citizen of citizens) {
        assert.ok(ageOn(citizen.birthDate, todayIso) >= 18, `${citizen.givenName} is an adult`);
        assert.ok(citizen.movedInAt <= todayIso, `${citizen.givenName} moved in in the past`);
        assert.ok(!citizen.sub.includes(citizen.hetu.slice(0, 6)), 'sub does not contain the code');
      }

      const maija = byKey(citizens, 'maija');
      assert.equal(maija.municipality, 'nivala');
      assert.equal(maija.municipalityCode, '535');
      assert.equal(maija.children.length, 2);
      const [preschooler, toddler] = maija.children as [TestCitizen['children'][0], TestCitizen['children'][0]];
      const nextAugustYear = Number(todayIso.slice(5, 7)) >= 8 ? year + 1 : year;
      assert.equal(Number(preschooler.birthDate.slice(0, 4)) + 6, nextAugustYear, 'turns 6 in the year of next August');
      assert.ok([1, 2].includes(ageOn(toddler.birthDate, todayIso)), `toddler aged 1–2, born ${toddler.birthDate}`);

      const matti = byKey(citizens, 'matti');
      assert.equal(matti.municipalityCode, '208');
      assert.equal(matti.children.length, 0);
      const since = daysBetween(matti.movedInAt, todayIso);
      assert.ok(since >= 0 && since <= 59, `moved in ${since} days ago`);

      const aino = byKey(citizens, 'aino');
      assert.equal(aino.municipalityCode, '977');
      assert.equal(ageOn(aino.birthDate, todayIso), 78);

      const juha = byKey(citizens, 'juha');
      assert.equal(juha.municipalityCode, '071');
      assert.equal(juha.children.length, 1);
      assert.equal(ageOn(juha.children[0]!.birthDate, todayIso), 15);

      const liisa = byKey(citizens, 'liisa');
      assert.equal(liisa.municipalityCode, '746');
      assert.equal(liisa.children.length, 0);

      const codes = [...citizens, ...citizens.flatMap((c) => c.children)].map((p) => p.hetu);
      assert.equal(new Set(codes).size, codes.length, 'codes are unique');
    });
  }

  it('is deterministic for a day and keeps the pseudonymous sub stable across days', () => {
    const a = testCitizens(new Date('2026-05-05T10:00:00Z'));
    const b = testCitizens(new Date('2026-05-05T18:00:00Z'));
    assert.deepEqual(a, b);
    const later = testCitizens(new Date('2031-11-20T10:00:00Z'));
    assert.deepEqual(
      later.map((c) => c.sub),
      a.map((c) => c.sub),
    );
    assert.equal(new Set(a.map((c) => c.sub)).size, 5);
  });

  it('gives a different population for a different seed', () => {
    const today = new Date('2026-05-05T10:00:00Z');
    assert.notDeepEqual(
      testCitizens(today, 'other-seed').map((c) => c.hetu),
      testCitizens(today).map((c) => c.hetu),
    );
  });
});
