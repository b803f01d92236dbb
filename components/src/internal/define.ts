type VersionedElement = CustomElementConstructor & { version?: string };

/**
 * Registers a custom element once. A second bundle on the page defining the same tag is normal (two CMS blocks,
 * each with its script tag): silent when it is the same version, a console warning when the versions differ,
 * and never the "already defined" exception.
 */
export function define(tag: string, element: VersionedElement): void {
  const existing = customElements.get(tag) as VersionedElement | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  // No import of VERSION here: this module is part of the autoloader entry, which widget chunks must not import.
  const version = element.version;
  if (existing !== element && existing.version !== version) {
    console.warn(
      `<${tag}> is already defined by Kunta-Akkuna ${existing.version ?? 'of an unknown version'}; version ${version ?? 'unknown'} was not registered. Load one widget bundle per page.`,
    );
  }
}
