/** RFC 6901 JSON pointers: "" is the whole value, "/a/0/b~1c" walks objects and arrays. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object') {
      current = Object.hasOwn(current, token) ? (current as Record<string, unknown>)[token] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

/** A JSON body with `value` at `pointer` (objects created on the way). */
export function bodyWithPointer(pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const root: Record<string, unknown> = {};
  let current = root;
  tokens.forEach((token, i) => {
    if (i === tokens.length - 1) current[token] = value;
    else current = (current[token] = {}) as Record<string, unknown>;
  });
  return root;
}
