/**
 * Per-person secrets for private feed URLs. A token is 32 random bytes (base64url, 43 characters);
 * only its SHA-256 is stored, so it can be shown once — when it is created or rotated — and a
 * lost one is replaced, not recovered. SHA-256 without salt is enough: the token has 256 bits of
 * entropy, so there is nothing to guess.
 */
import type { Kysely } from 'kysely';
import { hashToken, newToken } from './accounts.ts';
import { TOKEN_PATTERN } from '#lib/ids.ts';
import type { Database } from './db.ts';

// The same secrets as members' personal links (accounts.ts): one way to make and hash them.
export { hashToken, newToken };

export type TokenOwner = { personId: string; includePrivateBusy: boolean };

/** Creates or replaces (rotates) a person's token; returns the new token, the only time it exists. */
export async function issueToken(
	db: Kysely<Database>,
	personId: string,
	now: string,
	token: string = newToken()
): Promise<string> {
	const token_hash = hashToken(token);
	await db
		.insertInto('feed_tokens')
		.values({ person_id: personId, token_hash, created_at: now })
		.onConflict((oc) => oc.column('person_id').doUpdateSet({ token_hash, created_at: now }))
		.execute();
	return token;
}

/** When each person's current token was issued; people without one are absent. */
export async function tokenDates(db: Kysely<Database>): Promise<Map<string, string>> {
	const rows = await db.selectFrom('feed_tokens').select(['person_id', 'created_at']).execute();
	return new Map(rows.map((r) => [r.person_id, r.created_at]));
}

/** Who a token belongs to, or null (a wrong token and a malformed one look the same). */
export async function findTokenOwner(
	db: Kysely<Database>,
	token: string
): Promise<TokenOwner | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const row = await db
		.selectFrom('feed_tokens')
		.select(['person_id', 'include_private_busy'])
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return row
		? { personId: row.person_id, includePrivateBusy: row.include_private_busy === 1 }
		: null;
}

/** The person's choice to show private busy periods in their own feed; false if they have no token. */
export async function setPrivateBusy(
	db: Kysely<Database>,
	personId: string,
	include: boolean
): Promise<boolean> {
	const result = await db
		.updateTable('feed_tokens')
		.set({ include_private_busy: include ? 1 : 0 })
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
