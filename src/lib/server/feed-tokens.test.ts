import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import {
	findTokenOwner,
	hashToken,
	issueToken,
	setPrivateBusy,
	tokenDates
} from './feed-tokens.ts';
import { removeTempDb, tempDbPath } from '../../../tests/helpers/server.ts';
import type { Kysely } from 'kysely';

let path: string;
let db: Kysely<Database>;

/** Tokens belong to people (a foreign key since 0004): a database with just those people. */
async function openWithPeople(...ids: string[]): Promise<Kysely<Database>> {
	const db = openDatabase(path);
	for (const [position, id] of ids.entries()) {
		await db
			.insertInto('people')
			.values({ id, position, data: JSON.stringify({ id }) })
			.execute();
	}
	return db;
}

afterEach(async () => {
	await closeDatabase(db);
	removeTempDb(path);
});

describe('feed tokens', () => {
	it('stores only a hash, finds the owner, and forgets the old token on rotation', async () => {
		path = tempDbPath();
		db = await openWithPeople('lise-fuhr', 'vint-cerf');
		const first = await issueToken(db, 'lise-fuhr', '2024-01-01T00:00:00Z');
		expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const stored = await db.selectFrom('feed_tokens').selectAll().execute();
		expect(stored).toEqual([
			{
				person_id: 'lise-fuhr',
				token_hash: hashToken(first),
				created_at: '2024-01-01T00:00:00Z',
				include_private_busy: 0
			}
		]);
		expect(JSON.stringify(stored)).not.toContain(first);
		expect(await findTokenOwner(db, first)).toEqual({
			personId: 'lise-fuhr',
			includePrivateBusy: false
		});

		const second = await issueToken(db, 'lise-fuhr', '2024-02-01T00:00:00Z');
		expect(second).not.toBe(first);
		expect(await findTokenOwner(db, first)).toBeNull();
		expect(await findTokenOwner(db, second)).toEqual({
			personId: 'lise-fuhr',
			includePrivateBusy: false
		});
		expect(await tokenDates(db)).toEqual(new Map([['lise-fuhr', '2024-02-01T00:00:00Z']]));

		expect(await setPrivateBusy(db, 'lise-fuhr', true)).toBe(true);
		expect(await findTokenOwner(db, second)).toEqual({
			personId: 'lise-fuhr',
			includePrivateBusy: true
		});
		expect(await setPrivateBusy(db, 'nobody', true)).toBe(false);
	});

	it('refuses wrong and malformed tokens', async () => {
		path = tempDbPath();
		db = await openWithPeople('lise-fuhr', 'vint-cerf');
		const token = await issueToken(db, 'vint-cerf', '2024-01-01T00:00:00Z');
		for (const wrong of [
			'',
			'x',
			`${token}x`,
			token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
			"' or 1=1 --"
		])
			expect(await findTokenOwner(db, wrong)).toBeNull();
	});
});
