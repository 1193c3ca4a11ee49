import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from './db.ts';
import { DeliveryLedger } from './delivery-ledger.ts';
import { removeTempDb, tempDbPath } from '../../../tests/helpers/server.ts';

let path: string;
let db: Kysely<Database>;

beforeEach(() => {
	path = tempDbPath();
	db = openDatabase(path);
});

afterEach(async () => {
	await closeDatabase(db);
	removeTempDb(path);
});

const T0 = Date.parse('2024-02-20T12:00:00Z');

describe('DeliveryLedger', () => {
	it('buffers fetches and writes them in one flush', async () => {
		const ledger = new DeliveryLedger(db, { flushMs: 60_000, now: () => T0 });
		ledger.recordFetch({
			person: 'lise-fuhr',
			at: '2024-02-20T11:00:00.000Z',
			client: 'google',
			status: 200,
			version: '"a"'
		});
		ledger.recordFetch({
			person: 'lise-fuhr',
			at: '2024-02-20T11:30:00.000Z',
			client: 'google',
			status: 304,
			version: '"a"'
		});
		expect(await db.selectFrom('feed_fetches').selectAll().execute()).toEqual([]);
		await ledger.flush();
		const rows = await db
			.selectFrom('feed_fetches')
			.select(['person_id', 'at', 'client', 'status', 'version'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{
				person_id: 'lise-fuhr',
				at: '2024-02-20T11:00:00.000Z',
				client: 'google',
				status: 200,
				version: '"a"'
			},
			{
				person_id: 'lise-fuhr',
				at: '2024-02-20T11:30:00.000Z',
				client: 'google',
				status: 304,
				version: '"a"'
			}
		]);
	});

	it('writes identical fetches within one flush as one row with their count, in order of the newest', async () => {
		const ledger = new DeliveryLedger(db, { flushMs: 60_000, now: () => T0 });
		const at = (s: number) => new Date(T0 + s * 1000).toISOString();
		const google = (s: number) => ({
			person: 'lise-fuhr',
			at: at(s),
			client: 'google' as const,
			status: 304,
			version: '"a"'
		});
		for (let s = 0; s < 1000; s++) ledger.recordFetch(google(s));
		ledger.recordFetch({ ...google(1000), client: 'apple' });
		ledger.recordFetch(google(1001)); // the Google row is again the newest
		await ledger.flush();
		const rows = await db
			.selectFrom('feed_fetches')
			.select(['client', 'at', 'count'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ client: 'apple', at: at(1000), count: 1 },
			{ client: 'google', at: at(1001), count: 1001 }
		]);
		expect(ledger.dropped).toBe(0);
	});

	it('flushes on its own once maxRows are buffered, and after flushMs', async () => {
		const ledger = new DeliveryLedger(db, { flushMs: 50, maxRows: 3, now: () => T0 });
		const fetch = (i: number) => ({
			person: `p${i}`,
			at: '2024-02-20T11:00:00.000Z',
			client: 'apple' as const,
			status: 200,
			version: '"v"'
		});
		for (let i = 0; i < 3; i++) ledger.recordFetch(fetch(i));
		await ledger.flush(); // waits for the flush the third row started
		expect(await db.selectFrom('feed_fetches').select('person_id').execute()).toHaveLength(3);
		ledger.recordFetch(fetch(3));
		await new Promise((r) => setTimeout(r, 200));
		expect(await db.selectFrom('feed_fetches').select('person_id').execute()).toHaveLength(4);
	});

	it('counts public fetches per UTC day, feed and family, adding to what is stored', async () => {
		const ledger = new DeliveryLedger(db, { flushMs: 60_000, now: () => T0 });
		ledger.countFetch('/calendar.ics', 'google', T0);
		ledger.countFetch('/calendar.ics', 'google', T0 + 1000);
		ledger.countFetch('/calendar.ics', 'apple', T0);
		ledger.countFetch('/feeds/groups/mag.ics', 'google', Date.parse('2024-02-21T00:30:00Z'));
		await ledger.flush();
		ledger.countFetch('/calendar.ics', 'google', T0);
		await ledger.flush();
		const rows = await db
			.selectFrom('feed_counts')
			.selectAll()
			.orderBy('day')
			.orderBy('feed')
			.orderBy('client')
			.execute();
		expect(rows).toEqual([
			{ day: '2024-02-20', feed: '/calendar.ics', client: 'apple', count: 1 },
			{ day: '2024-02-20', feed: '/calendar.ics', client: 'google', count: 3 },
			{ day: '2024-02-21', feed: '/feeds/groups/mag.ics', client: 'google', count: 1 }
		]);
	});

	it('prunes rows older than keepDays at its first flush', async () => {
		const old = new Date(T0 - 91 * 86_400_000).toISOString();
		const recent = new Date(T0 - 89 * 86_400_000).toISOString();
		await db
			.insertInto('feed_fetches')
			.values([
				{ person_id: 'a', at: old, client: 'other', status: 200, version: '"x"' },
				{ person_id: 'a', at: recent, client: 'other', status: 200, version: '"x"' }
			])
			.execute();
		await db
			.insertInto('feed_counts')
			.values([
				{ day: old.slice(0, 10), feed: '/calendar.ics', client: 'other', count: 5 },
				{ day: recent.slice(0, 10), feed: '/calendar.ics', client: 'other', count: 7 }
			])
			.execute();
		const ledger = new DeliveryLedger(db, { now: () => T0 });
		await ledger.flush();
		expect(await db.selectFrom('feed_fetches').select('at').execute()).toEqual([{ at: recent }]);
		expect(await db.selectFrom('feed_counts').select('count').execute()).toEqual([{ count: 7 }]);
	});

	it('drops, and counts, fetches beyond its buffer when the database cannot keep up', () => {
		const ledger = new DeliveryLedger(db, { flushMs: 60_000, maxRows: 100, maxBuffered: 2 });
		for (let i = 0; i < 5; i++) {
			ledger.recordFetch({
				person: `a${i}`,
				at: 'x',
				client: 'other',
				status: 200,
				version: '"x"'
			});
		}
		expect(ledger.dropped).toBe(3);
	});
});
