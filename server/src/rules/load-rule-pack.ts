import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { RulePack, type DateRef, type Rule } from './rule-pack.schema.js';
import { placeholdersIn, variablesOf } from './templates.js';

export const DEFAULT_RULE_PACK_FILE = fileURLToPath(new URL('../../rules/rule-pack.json', import.meta.url));

/** Thrown at start when the rule pack is wrong; the message names the file and the JSON path. */
export class RulePackError extends Error {
  override name = 'RulePackError';
}

export function loadRulePack(file: string = DEFAULT_RULE_PACK_FILE): RulePack {
  const name = file.split(/[\\/]/).pop() ?? file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RulePackError(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseRulePack(text, name);
}

export function parseRulePack(text: string, name = 'rule-pack.json'): RulePack {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RulePackError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  const first = Value.Errors(RulePack, raw).First();
  if (first) throw new RulePackError(`${name}: ${first.path || '/'} ${describe(first.type, first.message)}`);
  const pack = raw as RulePack;
  const problem = semanticProblem(pack);
  if (problem) throw new RulePackError(`${name}: ${problem}`);
  return pack;
}

function describe(type: ValueErrorType, message: string): string {
  if (type === ValueErrorType.ObjectAdditionalProperties) return 'is not a known field';
  if (type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** What the schema cannot say: unique ids, date references that fit their kind, known text placeholders. */
function semanticProblem(pack: RulePack): string | null {
  for (const [i, code] of pack.featured.lifeEvents.entries()) {
    if (!pack.lifeEvents[code]) return `/featured/lifeEvents/${i} "${code}" has no name in /lifeEvents`;
  }
  const seen = new Set<string>();
  for (const [i, rule] of pack.rules.entries()) {
    const at = `/rules/${i}`;
    if (seen.has(rule.id)) return `${at}/id "${rule.id}" is used by another rule`;
    seen.add(rule.id);
    const problem = ruleProblem(rule, at);
    if (problem) return problem;
  }
  return null;
}

function ruleProblem(rule: Rule, at: string): string | null {
  if (rule.trigger?.fact === 'caseUpdatedAt' && rule.subject !== 'case') {
    return `${at}/trigger/fact caseUpdatedAt needs subject "case"`;
  }
  if (rule.trigger?.fact === 'movedInAt' && rule.subject !== 'self') {
    return `${at}/trigger/fact movedInAt needs subject "self"`;
  }
  const refs: Array<[string, DateRef | undefined]> = [
    [`${at}/window/from`, rule.window?.from],
    [`${at}/window/until`, rule.window?.until],
    ...rule.phases.flatMap((p, j): Array<[string, DateRef | undefined]> => [
      [`${at}/phases/${j}/from`, p.from],
      [`${at}/phases/${j}/until`, p.until],
    ]),
    ...Object.entries(rule.dates ?? {}).map(([name, ref]): [string, DateRef] => [`${at}/dates/${name}`, ref]),
  ];
  for (const [path, ref] of refs) {
    const problem = ref ? dateRefProblem(ref, rule) : null;
    if (problem) return `${path} ${problem}`;
  }
  const known = variablesOf(rule);
  const texts: Array<[string, Record<string, string>]> = [
    [`${at}/explanation`, rule.explanation],
    ...rule.phases.flatMap((p, j): Array<[string, Record<string, string>]> => [
      [`${at}/phases/${j}/title`, p.title],
      [`${at}/phases/${j}/body`, p.body],
    ]),
  ];
  for (const [path, text] of texts) {
    for (const [lang, value] of Object.entries(text)) {
      const unknown = placeholdersIn(value).find((p) => !known.has(p));
      if (unknown) return `${path}/${lang} uses {${unknown}}, which this rule does not define`;
    }
  }
  return null;
}

function dateRefProblem(ref: DateRef, rule: Rule): string | null {
  const relative = ref.years !== undefined || ref.months !== undefined || ref.days !== undefined;
  const calendar = ref.month !== undefined || ref.day !== undefined;
  if ((ref.ref === 'trigger' || ref.ref === 'triggerYear') && !rule.trigger) {
    return `refers to the trigger, but the rule has no /trigger`;
  }
  if (ref.ref === 'trigger') return calendar || ref.yearOffset !== undefined ? 'takes only years, months, days' : null;
  if (ref.month === undefined || ref.day === undefined) return 'needs month and day';
  if (relative) return 'takes month and day (and yearOffset for triggerYear), not years, months, days';
  if (ref.yearOffset !== undefined && ref.ref !== 'triggerYear') return 'takes yearOffset only with ref triggerYear';
  return null;
}
