/**
 * Change notices by email. With SMTP_URL and MAIL_FROM set, organizers send a notice about an
 * item to the people concerned, and a timer in the server process sends one on its own when a
 * decided or moved item starts soon and a person's calendar has not fetched the change. Each
 * notice is plain text with the change in one sentence, plus an iTIP invitation cut from the
 * person's own feed (same UID and SEQUENCE: see #lib/feeds/itip.ts).
 *
 * Notices are rows of `notices` (pending -> sent, or failed and retried with a growing delay up
 * to MAX_ATTEMPTS); a sent one is also recorded in the history. This module reads the settings
 * and queues notices; mail-send.ts sends them. Without SMTP_URL nothing here
 * runs and the rest of the app is unaffected.
 */
import type { Kysely } from 'kysely';
import { addDays, resolve, todayIn } from '#lib/domain/dates.ts';
import { noticeSentence } from '#lib/domain/delivery.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { Item, Person } from '#lib/domain/schema.ts';
import type { Database } from './db.ts';
import { lastFetches } from './delivery-report.ts';
import type { MailLanguage } from './mail-strings.ts';
import { loadItemMeta, type ItemMeta } from './plan-repository.ts';

export type MailConfig = {
	smtpUrl: string;
	/** MAIL_FROM as given ("IWW Planner <planner@example.org>" or a bare address). */
	from: string;
	/** The bare address of MAIL_FROM, for the invitation's ORGANIZER. */
	fromAddress: string;
	/** Automatic notices for items starting within this many days (MAIL_LEAD_DAYS, 14). */
	leadDays: number;
	/** … whose change a calendar has not fetched within this many hours (MAIL_LAG_HOURS, 6). */
	lagHours: number;
	/** How often the timer looks (MAIL_TICK_SECONDS, 300). */
	tickSeconds: number;
	/** At most this many notices are sent per tick (MAIL_MAX_PER_TICK, 20). */
	maxPerTick: number;
	/** The first retry waits this long, each next one twice as long (MAIL_RETRY_SECONDS, 60). */
	retrySeconds: number;
	language: MailLanguage;
};

export const MAX_ATTEMPTS = 5;

function number(raw: string | undefined, fallback: number, min: number, max: number): number {
	const n = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
	if (!Number.isFinite(n) || n < min || n > max) {
		throw new RangeError(`expected a number from ${min} to ${max}, got "${raw}"`);
	}
	return n;
}

/** The mail settings, or null when SMTP_URL or MAIL_FROM is unset (email is off). */
export function readMailConfig(
	env: Record<string, string | undefined> = process.env
): MailConfig | null {
	const smtpUrl = env.SMTP_URL?.trim();
	const from = env.MAIL_FROM?.trim();
	if (!smtpUrl || !from) return null;
	const url = new URL(smtpUrl);
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new RangeError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}`);
	}
	const fromAddress = (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
	if (!/^[^\s@]+@[^\s@]+$/.test(fromAddress)) {
		throw new RangeError(`MAIL_FROM has no email address: ${from}`);
	}
	return {
		smtpUrl,
		from,
		fromAddress,
		leadDays: number(env.MAIL_LEAD_DAYS, 14, 0, 365),
		lagHours: number(env.MAIL_LAG_HOURS, 6, 0, 24 * 30),
		tickSeconds: number(env.MAIL_TICK_SECONDS, 300, 0.1, 86_400),
		maxPerTick: number(env.MAIL_MAX_PER_TICK, 20, 1, 1000),
		retrySeconds: number(env.MAIL_RETRY_SECONDS, 60, 0.1, 86_400),
		language: 'en'
	};
}

/** Who a notice about `itemId` goes to: its people and the members of its groups. */
export function peopleConcerned(index: PlanIndex, itemId: string): Person[] {
	const ids = new Set<string>();
	const item = index.items.get(itemId);
	const groups = new Set<string>(item?.group ? [item.group] : []);
	for (const a of index.assignmentsByItem.get(itemId) ?? []) {
		if (a.person) ids.add(a.person);
		if (a.group) groups.add(a.group);
	}
	for (const g of groups) for (const m of index.groups.get(g)?.members ?? []) ids.add(m);
	// A removed item has no assignments left; everyone's feed showed it.
	if (ids.size === 0) for (const p of index.plan.people) ids.add(p.id);
	return [...ids].flatMap((id) => index.people.get(id) ?? []);
}

/** The item before its last recorded change (null when new, or changed by an import). */
async function lastChange(
	db: Kysely<Database>,
	itemId: string
): Promise<{ before: Item | null; after: Item | null; action: string } | null> {
	const row = await db
		.selectFrom('history')
		.select(['before', 'after', 'action'])
		.where('entity', '=', 'item')
		.where('entity_id', '=', itemId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	return {
		before: row.before === null ? null : (JSON.parse(row.before) as Item),
		after: row.after === null ? null : (JSON.parse(row.after) as Item),
		action: row.action
	};
}

/**
 * Queues one notice per person with an email address; returns how many. Persons without an
 * address are skipped (the page says so).
 */
export async function queueNotices(
	db: Kysely<Database>,
	index: PlanIndex,
	meta: ItemMeta,
	people: readonly Person[],
	actor: string,
	now: Date,
	locale = 'en-GB'
): Promise<number> {
	const change = await lastChange(db, meta.id);
	const current = meta.deletedAt === null ? (index.items.get(meta.id) ?? null) : null;
	const sentence = noticeSentence(change?.before ?? null, current, meta.item.title, locale);
	const rows = people
		.filter((p) => p.email !== undefined)
		.map((p) => ({
			item_id: meta.id,
			person_id: p.id,
			actor,
			created_at: now.toISOString(),
			method: current ? 'REQUEST' : 'CANCEL',
			sequence: Math.max(0, meta.revision - 1),
			revision: meta.revision,
			sentence,
			state: 'pending',
			next_try_at: null
		}));
	if (rows.length) await db.insertInto('notices').values(rows).execute();
	return rows.length;
}

export type SendContext = {
	db: Kysely<Database>;
	/** The full plan (email addresses included). */
	fullIndex: PlanIndex;
	baseUrl: string;
	config: MailConfig;
	now: Date;
};

/**
 * Queues automatic notices: items decided or moved (their last change moved the dates, changed
 * the status to confirmed or cancelled, or removed them) that start within `leadDays`, changed
 * more than `lagHours` ago, for each person concerned whose calendar last fetched before the
 * change. People whose calendar never fetched get none (they have not subscribed). One automatic
 * notice per person and item revision, ever.
 */
export async function queueAutomatic(ctx: SendContext): Promise<number> {
	const { db, fullIndex, config, now } = ctx;
	const today = todayIn(fullIndex.plan.zone, now.getTime());
	const horizon = addDays(today, config.leadDays);
	const settled = new Date(now.getTime() - config.lagHours * 3_600_000).toISOString();
	const fetches = await lastFetches(db);
	let queued = 0;
	for (const meta of await loadItemMeta(db)) {
		if (queued >= config.maxPerTick) break;
		if (meta.updatedAt > settled) continue;
		const live = meta.deletedAt === null ? fullIndex.items.get(meta.id) : undefined;
		const dates = live ? fullIndex.dates.get(meta.id) : undefined;
		const start = dates?.earliest ?? null;
		const removedStart = live ? null : meta.item.when;
		if (live && (start === null || start < today || start > horizon)) continue;
		if (!live) {
			// A removed item matters only if it was due to start within the window.
			const r = removedStart ? resolve(removedStart) : null;
			if (!r?.earliest || r.earliest < today || r.earliest > horizon) continue;
		}
		const change = await lastChange(db, meta.id);
		if (!change) continue;
		const moved =
			change.action === 'delete' ||
			JSON.stringify(change.before?.when) !== JSON.stringify(change.after?.when) ||
			(change.before?.status !== change.after?.status &&
				(change.after?.status === 'confirmed' || change.after?.status === 'cancelled'));
		if (!moved) continue;
		const lagging = peopleConcerned(fullIndex, meta.id).filter((p) => {
			const f = fetches.get(p.id);
			return p.email !== undefined && f !== undefined && f.at < meta.updatedAt;
		});
		const done = new Set(
			(
				await db
					.selectFrom('notices')
					.select('person_id')
					.where('item_id', '=', meta.id)
					.where('revision', '=', meta.revision)
					.where('actor', '=', 'auto')
					.execute()
			).map((r) => r.person_id)
		);
		const todo = lagging.filter((p) => !done.has(p.id));
		if (todo.length) queued += await queueNotices(db, fullIndex, meta, todo, 'auto', now);
	}
	return queued;
}

export type NoticeView = {
	id: number;
	item: string;
	person: string;
	actor: string;
	createdAt: string;
	method: string;
	sequence: number;
	sentence: string;
	state: string;
	attempts: number;
	lastError: string | null;
	sentAt: string | null;
	nextTryAt: string | null;
};

/** The latest notices, newest first (for /delivery); no addresses. */
export async function recentNotices(db: Kysely<Database>, limit = 50): Promise<NoticeView[]> {
	const rows = await db
		.selectFrom('notices')
		.selectAll()
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		item: r.item_id,
		person: r.person_id,
		actor: r.actor,
		createdAt: r.created_at,
		method: r.method,
		sequence: r.sequence,
		sentence: r.sentence,
		state: r.state,
		attempts: r.attempts,
		lastError: r.last_error,
		sentAt: r.sent_at,
		nextTryAt: r.next_try_at
	}));
}
