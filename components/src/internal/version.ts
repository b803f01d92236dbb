/** The widget bundle's version; kept equal to components/package.json (checked by a test). */
export const VERSION = '0.1.0';

/**
 * The origin the widget files were loaded from: the API serves them under /widgets/, so it is the default for the
 * `api` attribute and a page needs to name only the municipality.
 */
export const WIDGET_FILES_ORIGIN = new URL(import.meta.url).origin;
