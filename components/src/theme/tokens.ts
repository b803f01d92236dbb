// The global theme tokens, listed once. Widgets read them with these defaults as fallbacks (theme/base.styles.ts;
// a test keeps the two in step), and the server's contrast validator reads TOKENS and CONTRAST_PAIRS from here.
// Defaults pass WCAG 2.1 AA: 4.5:1 for text, 3:1 for borders, focus rings and indicators.

export interface TokenDefinition {
  name: `--kunta-${string}`;
  default: string;
  kind: 'color' | 'font' | 'length' | 'number' | 'border';
  description: string;
}

export const TOKENS = [
  { name: '--kunta-color-text', default: '#1a1a1a', kind: 'color', description: 'Body text.' },
  { name: '--kunta-color-background', default: '#ffffff', kind: 'color', description: 'Widget background.' },
  { name: '--kunta-color-muted', default: '#4d4d4d', kind: 'color', description: 'Secondary text (dates, hints).' },
  { name: '--kunta-color-primary', default: '#0a4f8f', kind: 'color', description: 'Buttons, links, accents.' },
  { name: '--kunta-color-on-primary', default: '#ffffff', kind: 'color', description: 'Text on the primary colour.' },
  { name: '--kunta-color-border', default: '#767676', kind: 'color', description: 'Borders and separators.' },
  { name: '--kunta-color-surface', default: '#f4f6f8', kind: 'color', description: 'Raised areas (cards, notices).' },
  { name: '--kunta-color-danger', default: '#a4001d', kind: 'color', description: 'Errors.' },
  { name: '--kunta-color-warning', default: '#7a4a00', kind: 'color', description: 'Warnings, action required.' },
  { name: '--kunta-color-success', default: '#1d6b35', kind: 'color', description: 'Completed, decided.' },
  { name: '--kunta-color-focus', default: '#0a4f8f', kind: 'color', description: 'Focus ring.' },
  {
    name: '--kunta-font-family',
    default: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    kind: 'font',
    description: 'Font stack.',
  },
  { name: '--kunta-font-size', default: '1em', kind: 'length', description: 'Base size, relative to the host page.' },
  { name: '--kunta-line-height', default: '1.5', kind: 'number', description: 'Body line height.' },
  { name: '--kunta-radius', default: '0.25em', kind: 'length', description: 'Corner radius.' },
  { name: '--kunta-focus-ring-width', default: '0.1875em', kind: 'length', description: 'Focus ring thickness.' },
  { name: '--kunta-space-xs', default: '0.25em', kind: 'length', description: 'Extra-small spacing.' },
  { name: '--kunta-space-s', default: '0.5em', kind: 'length', description: 'Small spacing.' },
  { name: '--kunta-space-m', default: '1em', kind: 'length', description: 'Medium spacing.' },
  { name: '--kunta-space-l', default: '1.5em', kind: 'length', description: 'Large spacing.' },
] as const satisfies readonly TokenDefinition[];

export type TokenName = (typeof TOKENS)[number]['name'];

/** What a pair is for; it sets the WCAG 2.1 AA minimum (1.4.3 text 4.5:1 and large text 3:1, 1.4.11 non-text 3:1). */
export type ContrastUse = 'text' | 'large-text' | 'focus' | 'boundary';

export interface ContrastPair {
  foreground: TokenName;
  background: TokenName;
  min: number;
  use: ContrastUse;
}

/** Foreground/background pairs a theme must keep readable, with the minimum WCAG contrast ratio. */
export const CONTRAST_PAIRS: ReadonlyArray<ContrastPair> = [
  { foreground: '--kunta-color-text', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-text', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-muted', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-muted', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-primary', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-primary', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-on-primary', background: '--kunta-color-primary', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-danger', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-danger', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-warning', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-warning', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-success', background: '--kunta-color-background', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-success', background: '--kunta-color-surface', min: 4.5, use: 'text' },
  { foreground: '--kunta-color-border', background: '--kunta-color-background', min: 3, use: 'boundary' },
  { foreground: '--kunta-color-focus', background: '--kunta-color-background', min: 3, use: 'focus' },
  { foreground: '--kunta-color-focus', background: '--kunta-color-surface', min: 3, use: 'focus' },
];

/** WCAG 2.1 relative-luminance contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const match = /^#([0-9a-f]{6})$/i.exec(hex.trim());
    if (!match?.[1]) throw new TypeError(`contrastRatio: expected #rrggbb, got ${hex}`);
    const value = parseInt(match[1], 16);
    const channel = (shift: number) => {
      const c = ((value >> shift) & 0xff) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
