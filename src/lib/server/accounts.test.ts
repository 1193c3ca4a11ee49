import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	clearAttempts,
	completeSetup,
	ensureOrganizer,
	findSession,
	hashPassword,
	issueMemberLink,
	memberForToken,
	newToken,
	opaqueIds,
	reserveAttempt,
	serverSecret,
	signIn,
	signOut,
	verifyPassword
} from './accounts.ts';
import { closeDatabase, openDatabase, type Database } from './db.ts';

const NOW = '2024-03-01T10:00:00.000Z';
const LATER = '2024-04-01T10:00:00.000Z';

let dir: string;
let db: Kysely<Database>;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'iww-acc-'));
	db = openDatabase(join(dir, 'a.db'));
	// Member links belong to people (a foreign key since migration 0004).
	await db.insertInto('people').values({ id: 'vc', position: 0, data: '{"id":"vc"}' }).execute();
});
afterEach(async () => {
	await closeDatabase(db);
	rmSync(dir, { recursive: true, force: true });
});

describe('passwords', () => {
	it('stores scrypt hashes that verify only the right password', async () => {
		const h = await hashPassword('correct horse');
		expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
		expect(h).not.toContain('correct');
		expect(await verifyPassword('correct horse', h)).toBe(true);
		expect(await verifyPassword('wrong horse', h)).toBe(false);
		expect(await verifyPassword('x', 'garbage')).toBe(false);
	});
});

describe('organizer sign-in', () => {
	it('follows ORGANIZER_PASSWORD, issues sessions that expire and end on sign-out', async () => {
		expect(await ensureOrganizer(db, 'first-password', NOW)).toBeNull();
		expect(await signIn(db, 'nope', 'Ana', NOW)).toBeNull();
		const id = (await signIn(db, 'first-password', 'Ana', NOW))!;
		expect(await findSession(db, id, NOW)).toMatchObject({ name: 'Ana' });
		expect(await findSession(db, id, LATER)).toBeNull();
		await signOut(db, id, NOW);
		expect(await findSession(db, id, NOW)).toBeNull();
		// A changed password in the environment replaces the stored one.
		await ensureOrganizer(db, 'second-password', NOW);
		expect(await signIn(db, 'first-password', 'Ana', NOW)).toBeNull();
		expect(await signIn(db, 'second-password', 'Ana', NOW)).not.toBeNull();
	});

	it('without a password, hands out a one-time setup token that works once', async () => {
		const token = (await ensureOrganizer(db, null, NOW))!;
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await completeSetup(db, 'x'.repeat(43), 'a-long-password', NOW)).toBe(false);
		expect(await completeSetup(db, token, 'a-long-password', '2024-03-03T00:00:00Z')).toBe(false);
		expect(await completeSetup(db, token, 'a-long-password', NOW)).toBe(true);
		expect(await completeSetup(db, token, 'another-password', NOW)).toBe(false);
		expect(await signIn(db, 'a-long-password', 'Ana', NOW)).not.toBeNull();
		expect(await ensureOrganizer(db, null, NOW)).toBeNull();
	});
});

describe('member links', () => {
	it('rotating a link invalidates the old one; only hashes are stored', async () => {
		const a = await issueMemberLink(db, 'vc', NOW);
		expect(await memberForToken(db, a)).toBe('vc');
		const b = await issueMemberLink(db, 'vc', NOW);
		expect(await memberForToken(db, a)).toBeNull();
		expect(await memberForToken(db, b)).toBe('vc');
		expect(await memberForToken(db, 'short')).toBeNull();
		const rows = await db.selectFrom('member_links').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(b);
	});
});

describe('reserveAttempt', () => {
	it('lets only max of many concurrent attempts through, and frees the key after the window', async () => {
		const t = 1_000_000;
		const all = await Promise.all(
			Array.from({ length: 50 }, () => reserveAttempt(db, 'ip', t, 3, 60_000))
		);
		expect(all.filter((r) => r.ok)).toHaveLength(3);
		expect(all.filter((r) => !r.ok).map((r) => (r.ok ? 0 : r.retryAfter))).toEqual(
			Array.from({ length: 47 }, () => 60)
		);
		expect(await reserveAttempt(db, 'ip', t + 3000, 3, 60_000)).toEqual({
			ok: false,
			retryAfter: 57
		});
		expect((await reserveAttempt(db, 'other', t + 3000, 3, 60_000)).ok).toBe(true);
		expect((await reserveAttempt(db, 'ip', t + 60_001, 3, 60_000)).ok).toBe(true);
	});

	it('keeps the count in the database: another connection sees it, and a right password clears it', async () => {
		for (let i = 0; i < 5; i++) expect((await reserveAttempt(db, 'ip', 5000)).ok).toBe(true);
		const other = openDatabase(join(dir, 'a.db'));
		try {
			expect((await reserveAttempt(other, 'ip', 6000)).ok).toBe(false);
			await clearAttempts(other, 'ip');
		} finally {
			await closeDatabase(other);
		}
		expect((await reserveAttempt(db, 'ip', 7000)).ok).toBe(true);
	});
});

describe('opaque ids for private commitments', () => {
	it('keeps one secret per database and maps ids to unguessable, stable slugs', async () => {
		const secret = await serverSecret(db, 'private-commitment-ids');
		expect(await serverSecret(db, 'private-commitment-ids')).toBe(secret);
		expect(await serverSecret(db, 'other')).not.toBe(secret);
		const opaque = opaqueIds(secret);
		const id = opaque('lf-private-clinic');
		expect(id).toMatch(/^private-[0-9a-f]{20}$/);
		expect(opaque('lf-private-clinic')).toBe(id);
		expect(opaque('lf-private-clinic-2')).not.toBe(id);
		// Without the key, hashing a guess does not give the same id.
		expect(opaqueIds(newToken())('lf-private-clinic')).not.toBe(id);
	});
});
