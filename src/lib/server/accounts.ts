/**
 * Who may edit: the organizers' password (scrypt) and sessions, the one-time setup link used when
 * no password is configured, members' personal links, and a limiter for sign-in attempts.
 *
 * Secrets are random 32-byte tokens shown once; only their SHA-256 is stored (a token has 256 bits
 * of entropy, so an unsalted hash leaves nothing to guess). The database and the clock are
 * arguments; instants are ISO strings in UTC so they compare as text.
 */
import { hash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Kysely } from 'kysely';
import { TOKEN_PATTERN } from '#lib/ids.ts';
import type { Database } from './db.ts';
import { sha256 } from './hash.ts';

export const ORGANIZER_ID = 'organizer';
export const SESSION_DAYS = 14;
const SETUP_HOURS = 24;
/** 2^15 × r 8 = 32 MiB per hash: slow to brute-force, quick enough for a sign-in. */
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return sha256(token);
}

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, opts, (e, key) =>
			e ? reject(e) : resolve(key)
		)
	);
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scryptAsync(password, salt, SCRYPT);
	const { N, r, p } = SCRYPT;
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
		N: Number(n),
		r: Number(r),
		p: Number(p),
		maxmem: SCRYPT.maxmem
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const plusHours = (now: string, hours: number) =>
	new Date(Date.parse(now) + hours * 3_600_000).toISOString();

/**
 * Makes sure organizers can sign in. With a configured password, the stored hash follows it.
 * Without one and without an organizer yet, returns a fresh one-time setup token (valid a day)
 * for the server to print; otherwise null.
 */
export async function ensureOrganizer(
	db: Kysely<Database>,
	password: string | null,
	now: string
): Promise<string | null> {
	const existing = await db
		.selectFrom('organizers')
		.select('password_hash')
		.where('id', '=', ORGANIZER_ID)
		.executeTakeFirst();
	if (password !== null) {
		if (existing && (await verifyPassword(password, existing.password_hash))) return null;
		await setOrganizerPassword(db, password, now);
		return null;
	}
	if (existing) return null;
	const token = newToken();
	await db
		.insertInto('setup_tokens')
		.values({ token_hash: hashToken(token), expires_at: plusHours(now, SETUP_HOURS) })
		.execute();
	return token;
}

export async function setOrganizerPassword(
	db: Kysely<Database>,
	password: string,
	now: string
): Promise<void> {
	const password_hash = await hashPassword(password);
	await db
		.insertInto('organizers')
		.values({ id: ORGANIZER_ID, name: 'Organizer', password_hash, created_at: now })
		.onConflict((oc) => oc.column('id').doUpdateSet({ password_hash }))
		.execute();
}

/** True while `token` is an unexpired setup token and no organizer password exists yet. */
export async function setupTokenValid(
	db: Kysely<Database>,
	token: string,
	now: string
): Promise<boolean> {
	const organizer = await db.selectFrom('organizers').select('id').executeTakeFirst();
	if (organizer) return false;
	const row = await db
		.selectFrom('setup_tokens')
		.select('expires_at')
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return row !== undefined && row.expires_at > now;
}

/** Uses a setup token once: sets the password and voids every setup token. */
export async function completeSetup(
	db: Kysely<Database>,
	token: string,
	password: string,
	now: string
): Promise<boolean> {
	if (!(await setupTokenValid(db, token, now))) return false;
	await setOrganizerPassword(db, password, now);
	await db.deleteFrom('setup_tokens').execute();
	return true;
}

export type Session = { organizerId: string; name: string; expiresAt: string };

/** Checks the organizer password; on success returns a new session id for the cookie. */
export async function signIn(
	db: Kysely<Database>,
	password: string,
	name: string,
	now: string
): Promise<string | null> {
	const organizer = await db
		.selectFrom('organizers')
		.select(['id', 'password_hash'])
		.where('id', '=', ORGANIZER_ID)
		.executeTakeFirst();
	if (!organizer || !(await verifyPassword(password, organizer.password_hash))) return null;
	const id = newToken();
	await db
		.insertInto('sessions')
		.values({
			id_hash: hashToken(id),
			organizer_id: organizer.id,
			name,
			created_at: now,
			expires_at: plusHours(now, SESSION_DAYS * 24)
		})
		.execute();
	return id;
}

export async function findSession(
	db: Kysely<Database>,
	id: string,
	now: string
): Promise<Session | null> {
	if (!TOKEN_PATTERN.test(id)) return null;
	const row = await db
		.selectFrom('sessions')
		.select(['organizer_id', 'name', 'expires_at'])
		.where('id_hash', '=', hashToken(id))
		.executeTakeFirst();
	if (!row || row.expires_at <= now) return null;
	return { organizerId: row.organizer_id, name: row.name, expiresAt: row.expires_at };
}

export async function signOut(db: Kysely<Database>, id: string, now: string): Promise<void> {
	await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('id_hash', '=', hashToken(id)), eb('expires_at', '<=', now)]))
		.execute();
}

/** Creates or replaces (rotates) a member's personal link; returns the token, shown once. */
export async function issueMemberLink(
	db: Kysely<Database>,
	personId: string,
	now: string
): Promise<string> {
	const token = newToken();
	const token_hash = hashToken(token);
	await db
		.insertInto('member_links')
		.values({ person_id: personId, token_hash, created_at: now })
		.onConflict((oc) => oc.column('person_id').doUpdateSet({ token_hash, created_at: now }))
		.execute();
	return token;
}

/** Ends a member's personal link at once; false when they had none. */
export async function revokeMemberLink(db: Kysely<Database>, personId: string): Promise<boolean> {
	const r = await db
		.deleteFrom('member_links')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return r.numDeletedRows > 0n;
}

/** Ends a person's private feed address (the feed then answers 404); false when they had none. */
export async function revokeFeedAddress(db: Kysely<Database>, personId: string): Promise<boolean> {
	const r = await db.deleteFrom('feed_tokens').where('person_id', '=', personId).executeTakeFirst();
	return r.numDeletedRows > 0n;
}

/**
 * What an organizer may know about a person's secrets without seeing them: when the personal
 * link and the feed address were issued, and whether private busy times are in the feed.
 */
export type AccessState = {
	linkIssued: string | null;
	feedIssued: string | null;
	busyInFeed: boolean;
};

export async function accessState(db: Kysely<Database>, personId: string): Promise<AccessState> {
	const link = await db
		.selectFrom('member_links')
		.select('created_at')
		.where('person_id', '=', personId)
		.executeTakeFirst();
	const feed = await db
		.selectFrom('feed_tokens')
		.select(['created_at', 'include_private_busy'])
		.where('person_id', '=', personId)
		.executeTakeFirst();
	return {
		linkIssued: link?.created_at ?? null,
		feedIssued: feed?.created_at ?? null,
		busyInFeed: feed?.include_private_busy === 1
	};
}

/** Whose link this is, or null (a wrong and a malformed token look the same). */
export async function memberForToken(db: Kysely<Database>, token: string): Promise<string | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const row = await db
		.selectFrom('member_links')
		.select('person_id')
		.where('token_hash', '=', hashToken(token))
		.executeTakeFirst();
	return row?.person_id ?? null;
}

/** Sign-in attempts allowed per client address in `LOGIN_WINDOW_MS`, wrong or right. */
export const LOGIN_MAX_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export type AttemptReservation = { ok: true } | { ok: false; retryAfter: number };

/**
 * Reserves one sign-in attempt for `client` before its password is hashed, or says how many
 * seconds it must wait. The check and the insert are one SQL statement, so concurrent requests
 * (200 guesses sent at once) cannot all read "4 so far" and all go ahead; and the attempts live in
 * the database, so a restart forgets nothing. Rows past the window are pruned here.
 */
export async function reserveAttempt(
	db: Kysely<Database>,
	client: string,
	nowMs: number,
	max = LOGIN_MAX_ATTEMPTS,
	windowMs = LOGIN_WINDOW_MS
): Promise<AttemptReservation> {
	const since = nowMs - windowMs;
	await db.deleteFrom('login_attempts').where('at', '<=', since).execute();
	const inserted = await db
		.insertInto('login_attempts')
		.columns(['client', 'at'])
		.expression(
			db
				.selectNoFrom((eb) => [eb.val(client).as('client'), eb.val(nowMs).as('at')])
				.where((eb) =>
					eb(
						eb
							.selectFrom('login_attempts')
							.select(eb.fn.countAll<number>().as('n'))
							.where('client', '=', client)
							.where('at', '>', since),
						'<',
						max
					)
				)
		)
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { ok: true };
	const oldest = await db
		.selectFrom('login_attempts')
		.select((eb) => eb.fn.min<number>('at').as('at'))
		.where('client', '=', client)
		.where('at', '>', since)
		.executeTakeFirst();
	const first = Number(oldest?.at ?? nowMs);
	return { ok: false, retryAfter: Math.max(1, Math.ceil((first + windowMs - nowMs) / 1000)) };
}

/** A right password: the client's earlier attempts no longer count against it. */
export async function clearAttempts(db: Kysely<Database>, client: string): Promise<void> {
	await db.deleteFrom('login_attempts').where('client', '=', client).execute();
}

/** A random key kept in the database, made on first use (and the same for every process). */
export async function serverSecret(db: Kysely<Database>, name: string): Promise<string> {
	await db
		.insertInto('server_secrets')
		.values({ name, value: randomBytes(32).toString('base64url') })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const row = await db
		.selectFrom('server_secrets')
		.select('value')
		.where('name', '=', name)
		.executeTakeFirstOrThrow();
	return row.value;
}

/**
 * The opaque id of a private commitment in the public plan: a keyed hash of its real id (80 bits,
 * an Id slug). Keyed, so nobody can confirm a guess ("lf-private-clinic") by hashing it.
 */
export function opaqueIds(secret: string): (id: string) => string {
	// SHA-256 of key and id in one call (no Hmac object per id: the first snapshot of a plan with
	// 100,000 private periods hashes them all). A prefix key is enough here: the digest is not
	// used to authenticate anything, only so that a guess cannot be checked without the key.
	return (id) => `private-${hash('sha256', `${secret}\u0000${id}`, 'hex').slice(0, 20)}`;
}
