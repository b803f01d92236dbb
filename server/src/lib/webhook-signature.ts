/**
 * The webhook signature (`X-Kunta-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`): verified
 * by routes/webhooks.ts and computed by a back end (the emulators too), so it lives outside both.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=…,v1=…` for a body, as a back end computes it (the emulators use this too). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(
  header: string | undefined,
  secret: string,
  body: string,
  nowSeconds: number,
): string | null {
  if (!header || header.length > 1000) return 'missing signature';
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v!);
  if (!t || !/^[0-9]{1,12}$/.test(t) || signatures.length === 0) return 'malformed signature';
  if (Math.abs(nowSeconds - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) return 'timestamp outside the window';
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const ok = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  return ok ? null : 'bad signature';
}
