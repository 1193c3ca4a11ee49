/**
 * SHA-256 in hex, the one content hash the server uses (item revisions, token hashes, calendar
 * contents, busy-period ids). Depends on node:crypto only, so the .ics reader thread can load it.
 */
import { createHash } from 'node:crypto';

export function sha256(text: string | Uint8Array): string {
	return createHash('sha256').update(text).digest('hex');
}
