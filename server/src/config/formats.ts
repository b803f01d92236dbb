/**
 * String formats the configuration schemas use, registered once, process-wide (TypeBox's registry is global).
 * Imported by every module that declares a schema with one of them, so a schema is never checked before its
 * formats exist, whichever module is loaded first.
 */
import { FormatRegistry } from '@sinclair/typebox';

export function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

if (!FormatRegistry.Has('url')) FormatRegistry.Set('url', (value) => parseHttpUrl(value) !== null);
// An origin is scheme://host[:port] with nothing after it: that is what browsers send in `Origin`.
if (!FormatRegistry.Has('origin')) FormatRegistry.Set('origin', (value) => parseHttpUrl(value)?.origin === value);
// A JSON pointer (RFC 6901): "" (the whole document) or "/a/b~1c".
const JSON_POINTER = /^(\/([^~/]|~[01])*)*$/;
if (!FormatRegistry.Has('json-pointer')) FormatRegistry.Set('json-pointer', (value) => JSON_POINTER.test(value));
