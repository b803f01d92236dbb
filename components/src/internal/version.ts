/** The widget bundle's version; kept equal to components/package.json (checked by a test). */
export const VERSION = '0.1.0';
