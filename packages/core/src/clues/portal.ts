// The public portal's secrets, as pure rules: the query code's shape and the proof-of-work check.
// The server draws the random values and computes the hashes.

/** A query code: 20 random decimal digits (≥ 16 asked; 10^20 ≈ 2^66). Shown as 5 groups of 4. */
export const QUERY_CODE_DIGITS = 20;

/** The code as typed (spaces, dashes allowed) → its digits, or null when it cannot be a code. */
export function normaliseQueryCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${QUERY_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

export function formatQueryCode(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Leading zero bits of a digest: a hashcash stamp is good when they reach the difficulty. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** The text hashed for a proof of work: the challenge id and the nonce the browser found. */
export const proofOfWorkInput = (challengeId: string, nonce: string) => `${challengeId}:${nonce}`;
