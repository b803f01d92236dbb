/** `<input type="datetime-local">` values are wall-clock times; ours are Helsinki's, whatever the browser's zone. */
const ZONE = 'Europe/Helsinki';

function offsetMinutes(at: number): number {
  const name =
    new Intl.DateTimeFormat('en', { timeZone: ZONE, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(at))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** `2026-12-05T08:00` in Helsinki → ISO UTC; '' for an empty or invalid value. */
export function helsinkiToIso(local: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return '';
  const asUtc = Date.parse(`${local}:00Z`);
  if (Number.isNaN(asUtc)) return '';
  // Twice: the offset at the guessed instant may differ from the one at the real instant near a DST change.
  let at = asUtc - offsetMinutes(asUtc) * 60_000;
  at = asUtc - offsetMinutes(at) * 60_000;
  return new Date(at).toISOString();
}

/** ISO → the Helsinki wall-clock value for `<input type="datetime-local">`. */
export function isoToHelsinki(iso: string | number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
