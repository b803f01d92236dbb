import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hetuBirthDate, isTestHetu, isValidHetu, makeTestHetu } from '../../src/identity/hetu.js';

describe('isValidHetu', () => {
  it('accepts the Suomi.fi test identities and DVV new-sign examples (backends.md §2.4–2.5)', () => {
    for (const code of [
      '010280-952L',
      '010469-999W',
      '010675-9981',
      '261298-998X',
      '040265-9985',
      '260991-999R',
      '020365-999P',
      '010180-9026',
      '010594Y9032',
      '010594Y9021',
      '020594X903P',
      '010516B903X',
      '030516D9037',
    ]) {
      assert.equal(isValidHetu(code), true, code);
    }
  });

  it('rejects the TELP illustration whose check character is wrong', () => {
    assert.equal(isValidHetu('010190-999K'), false);
    assert.equal(isValidHetu('010190Y999K'), false);
  });

  it('rejects wrong check characters, impossible dates, unknown signs and bad shapes', () => {
    for (const code of [
      '010280-952M', // wrong check character
      '310280-952L', // 31 Feb does not exist (and check differs)
      '300280-9525', // 30 Feb
      '290201A902X', // 29 Feb 2001 (not a leap year)
      '010280Z952L', // unknown century sign
      '010280-952l', // lower case check character
      '010280-952G', // G is not a check character
      '010280952L', // too short
      ' 010280-952L',
      '010280-952L ',
      '011380-952L', // month 13
      '000180-952L', // day 0
      '010180-0010', // individual number 001 is not used
      '',
    ]) {
      assert.equal(isValidHetu(code), false, code);
    }
    assert.equal(isValidHetu(undefined), false);
    assert.equal(isValidHetu(10280952), false);
  });

  it('accepts 29 February in a leap year and in 2000', () => {
    assert.equal(isValidHetu(makeTestHetu('2024-02-29', 901)), true);
    assert.equal(isValidHetu(makeTestHetu('2000-02-29', 902)), true);
    assert.throws(() => makeTestHetu('1900-02-29', 902), RangeError);
  });

  it('treats the century sign as part of the code: the same digits under different signs are different codes', () => {
    assert.equal(hetuBirthDate('010594Y9032'), '1994-05-01');
    assert.equal(hetuBirthDate('010594-9032'), '1994-05-01');
    assert.notEqual('010594Y9032', '010594-9032');
  });
});

describe('hetuBirthDate', () => {
  it('decodes each century sign', () => {
    assert.equal(hetuBirthDate('010280-952L'), '1980-02-01');
    assert.equal(hetuBirthDate('010516B903X'), '2016-05-01');
    assert.equal(hetuBirthDate('020594X903P'), '1994-05-02');
    assert.equal(hetuBirthDate(makeTestHetu('1899-12-31', 999)), '1899-12-31');
  });

  it('returns null for an invalid code', () => {
    assert.equal(hetuBirthDate('010280-952M'), null);
  });
});

describe('makeTestHetu', () => {
  it('creates valid codes in the test range with the primary century sign', () => {
    assert.equal(makeTestHetu('1980-02-01', 952), '010280-952L');
    const code = makeTestHetu('2019-11-30', 915);
    assert.match(code, /^301119A915.$/);
    assert.equal(isValidHetu(code), true);
    assert.equal(isTestHetu(code), true);
    assert.match(makeTestHetu('1850-06-15', 900), /^150650\+900.$/);
  });

  it('refuses individual numbers outside 900–999 and impossible dates', () => {
    assert.throws(() => makeTestHetu('1980-02-01', 899), RangeError);
    assert.throws(() => makeTestHetu('1980-02-01', 1000), RangeError);
    assert.throws(() => makeTestHetu('1980-02-01', 950.5), RangeError);
    assert.throws(() => makeTestHetu('1980-02-30', 950), RangeError);
    assert.throws(() => makeTestHetu('01.02.1980', 950), RangeError);
    assert.throws(() => makeTestHetu('2100-01-01', 950), RangeError);
  });

  it('tells test codes from real-range codes', () => {
    assert.equal(isTestHetu('010280-952L'), true);
    assert.equal(isTestHetu('010594Y9032'), true);
    const realRange = '131052-308T';
    assert.equal(isValidHetu(realRange), true);
    assert.equal(isTestHetu(realRange), false);
  });
});
