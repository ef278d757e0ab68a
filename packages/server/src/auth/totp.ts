import { Secret, TOTP } from 'otpauth';

const ISSUER = '清风廉政风险防控预警平台';

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const totpUri = (secret: string, label: string) => totpFor(secret, label).toString();

/** Accepts the current 30-second code and one step either side (clock drift). */
export function checkTotp(secret: string, code: string, now: Date): boolean {
  return totpFor(secret, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 }) !== null;
}

export const totpCode = (secret: string, now: Date) => totpFor(secret, 'x').generate({ timestamp: now.getTime() });
