/**
 * Subscribed calendar addresses: the first fetch that decides whether a subscription is kept,
 * "Refresh now", and the timer that refreshes due sources. The address is the member's secret:
 * never logged, never in an error message.
 */
import type { Actor } from '#lib/domain/actor.ts';
import { backoffMinutes } from '#lib/domain/availability.ts';
import {
	createSource,
	dropRow,
	markRefreshed,
	tooMany,
	type NewSource,
	type Outcome,
	type SourceRow
} from './availability-sources.ts';
import { fetchCalendar, IcsFetchError } from './ics-fetch.ts';
import { importIntoSource } from './source-import.ts';
import { getStore } from './store.ts';

const ICS_MAX_BYTES = 2 * 1024 * 1024;

/** Sources being refreshed in this process: a second refresh of one waits for none, it skips. */
const running = new Set<string>();

/**
 * Fetches a subscribed address now and imports what it says. Errors are kept on the source (in
 * words, shown to the member) and push its next automatic try back (15 min, doubling, ≤ 24 h).
 */
export async function refreshSource(row: SourceRow, actor: Actor, now: Date): Promise<Outcome> {
	if (row.kind !== 'url' || row.url === null)
		return { ok: false, message: 'Only subscribed addresses can be refreshed.' };
	if (running.has(row.id)) return { ok: false, message: 'This calendar is being refreshed now.' };
	running.add(row.id);
	const { db, config } = await getStore();
	try {
		let out: Outcome;
		let cache: { etag: string | null; lastModified: string | null } | null = null;
		try {
			const fetched = await fetchCalendar(row.url, {
				allow: config.icsFetchAllow,
				timeoutMs: config.icsFetchTimeoutMs,
				maxBytes: ICS_MAX_BYTES,
				etag: row.etag,
				lastModified: row.last_modified
			});
			if (fetched.status === 'unchanged') {
				out = { ok: true, message: 'The calendar has not changed since the last refresh.' };
			} else {
				out = await importIntoSource(row, fetched.text, actor);
				cache = { etag: fetched.etag, lastModified: fetched.lastModified };
			}
		} catch (e) {
			if (!(e instanceof IcsFetchError)) throw e;
			out = { ok: false, message: e.message };
		}
		const hours = config.icsRefreshHours > 0 ? config.icsRefreshHours : 6;
		if (out.ok) await markRefreshed(db, row, now, cache, hours);
		else {
			const failures = row.failures + 1;
			await db
				.updateTable('availability_sources')
				.set({
					last_refresh_at: now.toISOString(),
					last_error: out.message,
					failures,
					next_refresh_at: new Date(now.getTime() + backoffMinutes(failures) * 60_000).toISOString()
				})
				.where('id', '=', row.id)
				.execute();
		}
		return out;
	} finally {
		running.delete(row.id);
	}
}

/**
 * A new subscribed address: fetched at once, and kept only when that first fetch and import
 * worked (a wrong address is refused, not stored with an error).
 */
export async function subscribe(
	person: string,
	input: Omit<NewSource, 'kind'> & { url: string },
	actor: Actor,
	now: Date
): Promise<Outcome> {
	const { db } = await getStore();
	const row = await createSource(db, person, { ...input, kind: 'url' }, now);
	if (!row) return tooMany();
	let out: Outcome;
	try {
		out = await refreshSource(row, actor, now);
	} catch (e) {
		await dropRow(db, row.id);
		throw e;
	}
	if (!out.ok) await dropRow(db, row.id);
	return out;
}

const SYSTEM: Actor = { kind: 'system', task: 'calendar-refresh' };
/** Sources refreshed per tick at most (each takes up to the fetch timeout). */
const PER_TICK = 20;

/** Refreshes the subscribed addresses that are due (not paused), oldest first. */
export async function refreshDue(now = new Date()): Promise<number> {
	const { db } = await getStore();
	const due = await db
		.selectFrom('availability_sources')
		.selectAll()
		.where('kind', '=', 'url')
		.where('paused', '=', 0)
		.where('next_refresh_at', '<=', now.toISOString())
		.orderBy('next_refresh_at')
		.limit(PER_TICK)
		.execute();
	for (const row of due) {
		try {
			await refreshSource(row, SYSTEM, new Date());
		} catch (e) {
			// Never the address: it is the member's secret.
			console.error(`calendar refresh: source ${row.id} failed`, (e as Error).name);
		}
	}
	return due.length;
}

let timer: ReturnType<typeof setInterval> | null = null;
let ticking = false;

/**
 * Starts the refresh timer once (unref'd: it never keeps the process alive). ICS_REFRESH_HOURS=0
 * turns it off; ICS_REFRESH_TICK_SECONDS (default 300) is how often it looks for due sources.
 */
export async function startRefreshTimer(): Promise<void> {
	const { config } = await getStore();
	if (timer || config.icsRefreshHours <= 0) return;
	const tick = Number(process.env.ICS_REFRESH_TICK_SECONDS ?? '') || 300;
	timer = setInterval(() => {
		if (ticking) return;
		ticking = true;
		refreshDue()
			.catch((e: unknown) => console.error('calendar refresh: tick failed', (e as Error).name))
			.finally(() => (ticking = false));
	}, tick * 1000);
	timer.unref();
}
