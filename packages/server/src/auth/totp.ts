import { Secret, TOTP } from 'otpauth';

const ISSUER = '清风廉政风险防控预警平台';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const totpUri = (secret: string, label: string) => totpFor(secret, label).toString();

const PERIOD_MS = 30_000;

/**
 * The time step of a valid code — the current 30-second step or one either side (clock drift) —
 * or null. A code is accepted only if its step is later than the last accepted one (no replay).
 */
export function acceptTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / PERIOD_MS) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

export const totpCode = (secret: string, now: Date) => totpFor(secret, 'x').generate({ timestamp: now.getTime() });
