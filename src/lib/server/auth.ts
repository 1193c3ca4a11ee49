import { timingSafeEqual, createHash } from 'node:crypto';

/**
 * Checks `Authorization: Bearer <token>` against the configured admin token in constant time.
 * Returns 'disabled' when no token is configured: writes are then refused for everyone.
 */
export function checkBearer(
	header: string | null,
	expected: string | null
): 'ok' | 'missing' | 'wrong' | 'disabled' {
	if (expected === null) return 'disabled';
	const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
	if (!match?.[1]) return 'missing';
	// Hash both sides so the comparison takes the same time whatever the lengths.
	const a = createHash('sha256').update(match[1]).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b) ? 'ok' : 'wrong';
}
