import type { RuleOverride } from '../tenants/municipality-config.js';
import type { Rule } from './rule-pack.schema.js';

/** A rule as one municipality uses it: the shared rule with that municipality's override applied. */
export interface EffectiveRule extends Rule {
  /** The municipality's own page for the service; preferred over the PTV channel. */
  localLink: string | null;
}

/**
 * Applies a municipality's overrides: `enabled: false` drops the rule; `window` (days relative to the trigger,
 * both ends inclusive) replaces the rule's window ends; `text` replaces the body per language; `link` becomes the
 * action. The shared pack itself is never changed.
 */
export function applyOverrides(
  rules: readonly Rule[],
  overrides: Readonly<Record<string, RuleOverride>> | undefined,
): EffectiveRule[] {
  return rules.flatMap((rule): EffectiveRule[] => {
    const override = overrides?.[rule.id];
    if (!override) return [{ ...rule, localLink: null }];
    if (override.enabled === false) return [];
    const window = override.window
      ? {
          from:
            override.window.fromDays !== undefined
              ? { ref: 'trigger' as const, days: override.window.fromDays }
              : rule.window?.from,
          until:
            override.window.toDays !== undefined
              ? { ref: 'trigger' as const, days: override.window.toDays + 1 }
              : rule.window?.until,
        }
      : rule.window;
    const text = override.text;
    const phases = text
      ? rule.phases.map((p) => ({
          ...p,
          body: { fi: text.fi ?? p.body.fi, sv: text.sv ?? p.body.sv, en: text.en ?? p.body.en },
        }))
      : rule.phases;
    return [{ ...rule, window, phases, localLink: override.link ?? null }];
  });
}

/** Why a municipality's overrides do not fit the pack, or null (checked at start, named by path). */
export function overrideProblem(
  rules: readonly Rule[],
  overrides: Readonly<Record<string, RuleOverride>> | undefined,
): string | null {
  for (const [id, override] of Object.entries(overrides ?? {})) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) return `/rules/overrides/${id} is not a rule in the rule pack`;
    if (override.window && !rule.trigger) {
      return `/rules/overrides/${id}/window: rule ${id} has no trigger date to count days from`;
    }
    const { fromDays, toDays } = override.window ?? {};
    if (fromDays !== undefined && toDays !== undefined && toDays < fromDays) {
      return `/rules/overrides/${id}/window/toDays must not be before fromDays`;
    }
  }
  return null;
}
