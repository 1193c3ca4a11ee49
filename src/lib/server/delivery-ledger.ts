/**
 * The delivery ledger: who fetched their personal feed, when, with which client, and which
 * version they got; and how often each public feed is fetched, per client family.
 *
 * Recording sits on the feed's hot path, so it never waits for the database: a fetch is added to
 * an in-memory buffer (a few hundred nanoseconds) and the buffer is written in one transaction
 * every `flushMs` or once it holds `maxRows` rows. Identical fetches within one flush (same person,
 * client family, status and version) share a row with a count: a calendar app polls every few
 * hours, so real rows count 1, while a client polling in a loop costs a map update per request
 * instead of an insert (it was 20 µs a fetch, 4% of a 304's CPU). Public fetches are summed in memory
 * per day, feed and family and added to their counters at the same time. Rows older than
 * `keepDays` are pruned at the first flush and then at most once an hour (an indexed range delete).
 * A crash loses at most the last second of fetches, which is fine for a ledger of polls that
 * repeat every few hours anyway. No IP address and no raw User-Agent are kept.
 */
import type { Kysely } from 'kysely';
import type { ClientFamily } from '#lib/domain/user-agent.ts';
import type { Database } from './db.ts';

export type Fetch = {
	person: string;
	/** ISO instant. */
	at: string;
	client: ClientFamily;
	/** 200, or 304 when the client's copy was confirmed current. */
	status: number;
	/** The feed's ETag, served or confirmed. */
	version: string;
};

export type LedgerOptions = {
	flushMs?: number;
	maxRows?: number;
	keepDays?: number;
	/** Beyond this many buffered rows (the database is stuck), new fetches are dropped and counted. */
	maxBuffered?: number;
	now?: () => number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export class DeliveryLedger {
	readonly #db: () => Promise<Kysely<Database>>;
	readonly #flushMs: number;
	readonly #maxRows: number;
	readonly #keepMs: number;
	readonly #maxBuffered: number;
	readonly #now: () => number;
	/** `person client status version` -> the newest such fetch and how many there were. */
	#fetches = new Map<string, { fetch: Fetch; count: number }>();
	/** `day feed client` -> fetches not yet added to feed_counts. */
	#counts = new Map<string, number>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#flushing: Promise<void> = Promise.resolve();
	#lastPrune = Number.NEGATIVE_INFINITY;
	/** Fetches dropped because the buffer was full (shown nowhere yet; kept for the logs). */
	dropped = 0;

	constructor(
		db: Kysely<Database> | (() => Promise<Kysely<Database>>),
		options: LedgerOptions = {}
	) {
		this.#db = typeof db === 'function' ? db : () => Promise.resolve(db);
		this.#flushMs = options.flushMs ?? 1000;
		this.#maxRows = options.maxRows ?? 500;
		this.#keepMs = (options.keepDays ?? 90) * DAY;
		this.#maxBuffered = options.maxBuffered ?? 50_000;
		this.#now = options.now ?? Date.now;
	}

	/** A fetch of a personal feed. Synchronous: the write happens at the next flush. */
	recordFetch(fetch: Fetch): void {
		const key = `${fetch.person}\u0000${fetch.client}\u0000${fetch.status}\u0000${fetch.version}`;
		const had = this.#fetches.get(key);
		if (had) {
			// Move it to the end: rows are written in the order of their newest fetch, which is
			// how lastFetches (highest id per person) finds each person's latest.
			this.#fetches.delete(key);
			this.#fetches.set(key, { fetch, count: had.count + 1 });
			return;
		}
		if (this.#fetches.size >= this.#maxBuffered) {
			this.dropped++;
			return;
		}
		this.#fetches.set(key, { fetch, count: 1 });
		if (this.#fetches.size >= this.#maxRows) void this.flush();
		else this.#schedule();
	}

	/** A fetch of a public or group feed (`feed` is its path), counted per UTC day and family. */
	countFetch(feed: string, client: ClientFamily, atMillis: number): void {
		const day = new Date(atMillis).toISOString().slice(0, 10);
		const key = `${day} ${feed} ${client}`;
		const had = this.#counts.get(key);
		if (had === undefined && this.#counts.size >= this.#maxBuffered) {
			this.dropped++;
			return;
		}
		this.#counts.set(key, (had ?? 0) + 1);
		this.#schedule();
	}

	#schedule(): void {
		if (this.#timer !== null) return;
		this.#timer = setTimeout(() => void this.flush(), this.#flushMs);
		// The ledger must never keep a process (the CLI, a test) alive.
		this.#timer.unref();
	}

	/** Writes what is buffered, in one transaction; resolves once it (and any earlier flush) is done. */
	flush(): Promise<void> {
		if (this.#timer !== null) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		const fetches = [...this.#fetches.values()];
		const counts = this.#counts;
		this.#fetches = new Map();
		this.#counts = new Map();
		this.#flushing = this.#flushing.then(() => this.#write(fetches, counts));
		return this.#flushing;
	}

	async #write(
		fetches: { fetch: Fetch; count: number }[],
		counts: Map<string, number>
	): Promise<void> {
		const now = this.#now();
		const prune = now - this.#lastPrune >= HOUR;
		if (fetches.length === 0 && counts.size === 0 && !prune) return;
		try {
			const db = await this.#db();
			await db.transaction().execute(async (trx) => {
				// SQLite allows 32,766 bound values per statement: 6 per row, so chunks of 1,000.
				for (let i = 0; i < fetches.length; i += 1000) {
					await trx
						.insertInto('feed_fetches')
						.values(
							fetches.slice(i, i + 1000).map(({ fetch: f, count }) => ({
								person_id: f.person,
								at: f.at,
								client: f.client,
								status: f.status,
								version: f.version,
								count
							}))
						)
						.execute();
				}
				for (const [key, n] of counts) {
					const [day = '', feed = '', client = ''] = key.split(' ');
					await trx
						.insertInto('feed_counts')
						.values({ day, feed, client, count: n })
						.onConflict((oc) =>
							oc
								.columns(['day', 'feed', 'client'])
								.doUpdateSet((eb) => ({ count: eb('feed_counts.count', '+', n) }))
						)
						.execute();
				}
				if (prune) {
					const cutoff = new Date(now - this.#keepMs).toISOString();
					await trx.deleteFrom('feed_fetches').where('at', '<', cutoff).execute();
					await trx.deleteFrom('feed_counts').where('day', '<', cutoff.slice(0, 10)).execute();
				}
			});
			if (prune) this.#lastPrune = now;
		} catch (e) {
			// A ledger that cannot write must not break the feed; the rows of this batch are lost.
			this.dropped += fetches.reduce((n, f) => n + f.count, 0);
			console.error('delivery ledger: could not write', e);
		}
	}
}

let shared: DeliveryLedger | null | undefined;

/**
 * The process's ledger, writing to the app's database (`db` is asked for at the first flush).
 * DELIVERY_LEDGER=off turns recording off (for the bench's with/without comparison); reading
 * the ledger still works.
 */
export function sharedLedger(db: () => Promise<Kysely<Database>>): DeliveryLedger | null {
	shared ??= /^(off|false|0|no)$/i.test(process.env.DELIVERY_LEDGER?.trim() ?? '')
		? null
		: new DeliveryLedger(db);
	return shared;
}
