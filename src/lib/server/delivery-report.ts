/**
 * Reading the delivery ledger back for organizers: each member's last fetch, and the changes
 * recorded since (history), turned into sentences by #lib/domain/delivery.ts.
 */
import type { Kysely } from 'kysely';
import type { ChangeRecord } from '#lib/domain/changes.ts';
import { deliveryReport, type LastFetch, type PersonDelivery } from '#lib/domain/delivery.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import { CLIENT_FAMILIES, type ClientFamily } from '#lib/domain/user-agent.ts';
import type { Database } from './db.ts';
import { toHistoryEntry } from './history-repository.ts';
import { loadItemMeta } from './plan-repository.ts';

/** At most this many history entries are read for one report (newest kept). */
const MAX_CHANGES = 5000;

const family = (s: string): ClientFamily =>
	(CLIENT_FAMILIES as readonly string[]).includes(s) ? (s as ClientFamily) : 'other';

/**
 * Each person's latest fetch (the row with the highest id, i.e. the last one written), or only
 * `person`'s (an indexed lookup).
 */
export async function lastFetches(
	db: Kysely<Database>,
	person?: string
): Promise<Map<string, LastFetch>> {
	const rows =
		person === undefined
			? await db
					.selectFrom('feed_fetches')
					.select(['person_id', 'at', 'client', 'status', 'version'])
					.where('id', 'in', (eb) =>
						eb
							.selectFrom('feed_fetches')
							.select((e) => e.fn.max('id').as('id'))
							.groupBy('person_id')
					)
					.execute()
			: await db
					.selectFrom('feed_fetches')
					.select(['person_id', 'at', 'client', 'status', 'version'])
					.where('person_id', '=', person)
					.orderBy('id', 'desc')
					.limit(1)
					.execute();
	return new Map(
		rows.map((r) => [
			r.person_id,
			{ at: r.at, client: family(r.client), status: r.status, version: r.version }
		])
	);
}

/** Item-related history after `since` (ISO), oldest first, bounded. */
export async function changesSince(db: Kysely<Database>, since: string): Promise<ChangeRecord[]> {
	const rows = await db
		.selectFrom('history')
		.selectAll()
		.where('at', '>', since)
		.where('entity', 'in', ['item', 'assignment', 'dependency', 'plan'])
		.orderBy('id', 'desc')
		.limit(MAX_CHANGES)
		.execute();
	return rows.reverse().map(toHistoryEntry);
}

export type DeliveryCounts = { feed: string; client: string; count: number }[];

/** Public feed fetches per feed and client family over the last `days` days. */
export async function publicCounts(
	db: Kysely<Database>,
	nowMillis: number,
	days = 7
): Promise<DeliveryCounts> {
	const from = new Date(nowMillis - days * 86_400_000).toISOString().slice(0, 10);
	return db
		.selectFrom('feed_counts')
		.select(['feed', 'client', (eb) => eb.fn.sum<number>('count').as('count')])
		.where('day', '>=', from)
		.groupBy(['feed', 'client'])
		.orderBy('feed')
		.orderBy('client')
		.execute()
		.then((rows) => rows.map((r) => ({ ...r, count: Number(r.count) })));
}

/** The report for every person of the plan, in plan order. */
export async function buildDeliveryReport(
	db: Kysely<Database>,
	index: PlanIndex,
	nowMillis: number,
	locale: string
): Promise<PersonDelivery[]> {
	const fetches = await lastFetches(db);
	const tokens = await db.selectFrom('feed_tokens').select('person_id').execute();
	let oldest: string | null = null;
	for (const f of fetches.values()) if (oldest === null || f.at < oldest) oldest = f.at;
	const changes = oldest === null ? [] : await changesSince(db, oldest);
	const removedTitles = new Map(
		(await loadItemMeta(db)).filter((m) => m.deletedAt !== null).map((m) => [m.id, m.item.title])
	);
	return deliveryReport({
		people: index.plan.people,
		subscribed: new Set(tokens.map((t) => t.person_id)),
		lastFetches: fetches,
		changes,
		items: index.items,
		removedTitles,
		nowMillis,
		locale
	});
}

/**
 * For an item page: of the people whose calendars fetch their feed, how many fetched after the
 * item's last change (and so hold it as it is now).
 */
export async function itemDelivery(
	db: Kysely<Database>,
	itemId: string
): Promise<{ have: number; of: number; changedAt: string } | null> {
	const item = await db
		.selectFrom('items')
		.select('updated_at')
		.where('id', '=', itemId)
		.executeTakeFirst();
	if (!item) return null;
	const fetches = await lastFetches(db);
	let have = 0;
	for (const f of fetches.values()) if (f.at >= item.updated_at) have++;
	return { have, of: fetches.size, changedAt: item.updated_at };
}

/**
 * One person's "changes since your calendar last fetched" (their personal feed, read from the
 * ledger), for the page linked from the feed's description and from the member's own page.
 */
export async function changesSinceLastFetch(
	db: Kysely<Database>,
	index: PlanIndex,
	person: { id: string; name: string },
	locale: string,
	nowMillis: number,
	/** Whether they hold a personal feed address (a feed's own page: yes). */
	subscribed: boolean
): Promise<PersonDelivery> {
	const last = (await lastFetches(db, person.id)).get(person.id);
	const [row] = deliveryReport({
		people: [person],
		subscribed: new Set(subscribed ? [person.id] : []),
		lastFetches: last ? new Map([[person.id, last]]) : new Map(),
		changes: last ? await changesSince(db, last.at) : [],
		items: index.items,
		nowMillis,
		locale,
		maxBehind: 100
	});
	return row!;
}
