import { createHmac, timingSafeEqual } from 'crypto';

/** The header in which HCP Terraform sends the signature of a run task request. Node lower-cases header names. */
export const SIGNATURE_HEADER = 'x-tfc-task-signature';

/** The signature HCP Terraform computes: HMAC-SHA512 of the raw body with the run task's HMAC key, hex. */
export function signBody(body: Buffer | string, key: string): string {
  return createHmac('sha512', key).update(body).digest('hex');
}

/** A SHA-512 digest in hex is 128 hex digits; anything else cannot be a signature. */
const HEX_SHA512 = /^[0-9a-fA-F]{128}$/;

/**
 * Whether `header` is the signature of `body` under `key`. The digests are compared in
 * constant time, so the time taken does not tell a forger how many leading bytes were right.
 */
export function verifySignature(body: Buffer, header: string | undefined, key: string): boolean {
  if (header === undefined || !HEX_SHA512.test(header)) return false;
  const expected = createHmac('sha512', key).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}
