// A municipality's theme: a small Appearance-style object (as in Stripe Elements) mapped onto the documented
// --kunta-* tokens, then checked for WCAG 2.1 AA contrast. The token list and the contrast pairs come from the
// widgets' own tokens.ts, so the server never checks a different list from the one the widgets read.
import { FormatRegistry, Type, type Static, type TObject, type TOptional, type TString } from '@sinclair/typebox';
import {
  CONTRAST_PAIRS,
  TOKENS,
  contrastRatio,
  type ContrastUse,
  type TokenDefinition,
  type TokenName,
} from '../../../components/src/theme/tokens.js';

export { TOKENS, CONTRAST_PAIRS, type TokenName };

// Formats for token values. Narrow on purpose: the values end up in CSS on every host page.
const FORMATS: Record<string, (value: string) => boolean> = {
  'hex-color': (v) => /^#[0-9a-fA-F]{6}$/.test(v),
  // em or px only: rem would follow the host page's root size (pages set 62.5 % and worse).
  'css-length': (v) => /^(0|[0-9]{1,3}(\.[0-9]{1,4})?(em|px))$/.test(v),
  'css-number': (v) => /^[0-9]{1,2}(\.[0-9]{1,3})?$/.test(v),
  // Font names, commas, spaces and quotes: nothing that could end a declaration or open a rule.
  'font-family': (v) => /^[A-Za-z0-9 ,'"_-]{1,200}$/.test(v) && !/^[\s,]*$/.test(v),
};
for (const [name, check] of Object.entries(FORMATS)) if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, check);

/** How each format is named in a configuration error. */
export const THEME_FORMAT_MESSAGES: Record<string, string> = {
  'hex-color': 'must be a colour as #rrggbb',
  'css-length': 'must be a length in em or px (e.g. 0.5em, 4px)',
  'css-number': 'must be a plain number (e.g. 1.5)',
  'font-family': 'must be a font list (letters, digits, spaces, commas, quotes)',
};

const FORMAT_OF_KIND: Record<TokenDefinition['kind'], string> = {
  color: 'hex-color',
  font: 'font-family',
  length: 'css-length',
  number: 'css-number',
  border: 'css-length',
};

export const DENSITIES = ['compact', 'normal', 'spacious'] as const;
export type Density = (typeof DENSITIES)[number];

/** Spacing scale per density, in em (normal = the token defaults). */
const SPACING: Record<Density, Record<'xs' | 's' | 'm' | 'l', string>> = {
  compact: { xs: '0.125em', s: '0.375em', m: '0.75em', l: '1.125em' },
  normal: { xs: '0.25em', s: '0.5em', m: '1em', l: '1.5em' },
  spacious: { xs: '0.375em', s: '0.75em', m: '1.25em', l: '2em' },
};

type TokenOverrides = TObject<Record<TokenName, TOptional<TString>>>;

/** Raw token overrides: each documented token, its value checked by the token's kind; anything else is a typo. */
export const ThemeTokens = Type.Object(
  Object.fromEntries(
    TOKENS.map((token) => [
      token.name,
      Type.Optional(Type.String({ format: FORMAT_OF_KIND[token.kind], description: token.description })),
    ]),
  ),
  { additionalProperties: false },
) as unknown as TokenOverrides;

export const ThemeConfig = Type.Object(
  {
    /** Buttons, links and the focus ring. The text on buttons becomes white or near-black, whichever reads better. */
    primaryColor: Type.Optional(Type.String({ format: 'hex-color' })),
    fontFamily: Type.Optional(Type.String({ format: 'font-family' })),
    /** Corner radius of buttons and cards. */
    radius: Type.Optional(Type.String({ format: 'css-length' })),
    /** Spacing scale. */
    density: Type.Optional(Type.Union(DENSITIES.map((d) => Type.Literal(d)))),
    /** Any documented --kunta-* token, applied last. */
    tokens: Type.Optional(ThemeTokens),
  },
  { additionalProperties: false },
);
export type ThemeConfig = Static<typeof ThemeConfig>;

export interface ResolvedTheme {
  /** Every token with its value for this municipality. */
  tokens: Record<TokenName, string>;
  /** Which configuration field set each token that differs from the default (for error messages). */
  setBy: Partial<Record<TokenName, string>>;
}

const DEFAULTS = Object.fromEntries(TOKENS.map((t) => [t.name, t.default])) as Record<TokenName, string>;

/** Maps the Appearance-style settings onto tokens; raw `tokens` win. Pure. */
export function resolveTheme(theme: ThemeConfig | undefined, path = '/theme'): ResolvedTheme {
  const tokens = { ...DEFAULTS };
  const setBy: Partial<Record<TokenName, string>> = {};
  const set = (name: TokenName, value: string, field: string) => {
    tokens[name] = value;
    setBy[name] = `${path}/${field}`;
  };
  if (!theme) return { tokens, setBy };
  const raw = (theme.tokens ?? {}) as Partial<Record<TokenName, string>>;

  if (theme.primaryColor) {
    set('--kunta-color-primary', theme.primaryColor, 'primaryColor');
    set('--kunta-color-focus', theme.primaryColor, 'primaryColor');
    const text = raw['--kunta-color-text'] ?? DEFAULTS['--kunta-color-text'];
    const onPrimary =
      contrastRatio('#ffffff', theme.primaryColor) >= contrastRatio(text, theme.primaryColor) ? '#ffffff' : text;
    set('--kunta-color-on-primary', onPrimary, 'primaryColor');
  }
  if (theme.fontFamily) set('--kunta-font-family', theme.fontFamily, 'fontFamily');
  if (theme.radius) set('--kunta-radius', theme.radius, 'radius');
  if (theme.density) {
    const scale = SPACING[theme.density];
    set('--kunta-space-xs', scale.xs, 'density');
    set('--kunta-space-s', scale.s, 'density');
    set('--kunta-space-m', scale.m, 'density');
    set('--kunta-space-l', scale.l, 'density');
  }
  for (const [name, value] of Object.entries(raw) as [TokenName, string | undefined][]) {
    if (value !== undefined) set(name, value, `tokens/${name}`);
  }
  return { tokens, setBy };
}

const USE_LABEL: Record<ContrastUse, string> = {
  text: 'text',
  'large-text': 'large text',
  focus: 'focus indicators',
  boundary: 'control boundaries',
};

/** Rounds down, so a ratio just under the minimum never prints as the minimum. */
function formatRatio(ratio: number): string {
  return (Math.floor(ratio * 100) / 100).toFixed(2);
}

/** Every WCAG 2.1 AA contrast failure of a resolved theme, each naming the token pair, the ratio and the minimum. */
export function contrastFailures(theme: ResolvedTheme): string[] {
  const failures: string[] = [];
  for (const pair of CONTRAST_PAIRS) {
    const ratio = contrastRatio(theme.tokens[pair.foreground], theme.tokens[pair.background]);
    if (ratio >= pair.min) continue;
    const fields = [...new Set([theme.setBy[pair.foreground], theme.setBy[pair.background]].filter(Boolean))];
    failures.push(
      `${pair.foreground} on ${pair.background} has contrast ${formatRatio(ratio)}:1, below the ${pair.min}:1 ` +
        `WCAG 2.1 AA minimum for ${USE_LABEL[pair.use]}` +
        (fields.length ? ` (set by ${fields.join(' and ')})` : ''),
    );
  }
  return failures;
}
