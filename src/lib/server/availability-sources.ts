/**
 * A member's availability sources: uploaded calendar files and subscribed calendar addresses.
 * The busy periods stay plan data (commitments carrying `sourceId`, `uid`, `recurrenceId`) and
 * change only through the one write path; this module keeps the rest — the address (a secret,
 * never logged, never in the plan or the history), the refresh state and the source's settings —
 * in `availability_sources`, and runs imports, refreshes and the refresh timer.
 *
 * Every import of a source, first or again, from an upload, a "Refresh now" or the timer, is the
 * same step: read the calendar, compute the changes that make the source's periods say what it
 * says (domain/availability.ts), write them as one batch. Nothing changed: no write at all.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Actor } from '#lib/domain/actor.ts';
import {
	backoffMinutes,
	restyleSourcePeriods,
	type SourceSettings
} from '#lib/domain/availability.ts';
import { addDays } from '#lib/domain/dates.ts';
import { EditInvalid, type Change } from '#lib/domain/plan-changes.ts';
import type { Commitment, PlanFile } from '#lib/domain/schema.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import type { AvailabilitySourcesTable, Database } from './db.ts';
import { fetchCalendar, IcsFetchError } from './ics-fetch.ts';
import { readIcsOffThread } from './ics-thread.ts';
import { currentPlan, editPlanMany, getStore } from './store.ts';
import { sha256 } from './hash.ts';
import { PlanConflict } from './write.ts';

export type SourceRow = Selectable<AvailabilitySourcesTable>;

/** Days before and after the plan's span over which imported calendars are expanded. */
const SPAN_MARGIN_DAYS = 31;
/** Most sources one member may keep (each may hold thousands of periods). */
export const MAX_SOURCES_PER_PERSON = 20;
/** A write that lost a race with another writer is tried again this many times. */
const WRITE_TRIES = 3;
const ICS_MAX_BYTES = 2 * 1024 * 1024;

export type Outcome = { ok: true; message: string } | { ok: false; message: string };

/** What /me (and an organizer's view of a person) shows of each source. */
export type SourceView = {
	id: string;
	kind: 'manual' | 'file' | 'url';
	label: string;
	/** The subscribed address: only for the member and organizers. */
	url: string | null;
	count: number;
	strength: string;
	visibility: string;
	keepSummary: boolean;
	paused: boolean;
	lastRefreshAt: string | null;
	lastOkAt: string | null;
	lastError: string | null;
	nextRefreshAt: string | null;
	/** A few of its periods, for a glance ("Tue 5 Mar 2024 10:00–11:00"). */
	periods: Commitment[];
};

const PREVIEW = 50;

/** Each of the person's sources, the hand-typed list first, with its count of busy periods. */
export async function listSources(
	db: Kysely<Database>,
	person: string,
	plan: PlanFile
): Promise<SourceView[]> {
	const rows = await db
		.selectFrom('availability_sources')
		.selectAll()
		.where('person_id', '=', person)
		.orderBy('created_at')
		.execute();
	const bySource = new Map<string, Commitment[]>();
	for (const c of plan.commitments) {
		if (c.person !== person || c.source !== 'busy') continue;
		const key = c.sourceId ?? '';
		const list = bySource.get(key) ?? [];
		list.push(c);
		bySource.set(key, list);
	}
	// Periods of a source this database does not know (a plan file from elsewhere) count as typed
	// in: they are listed, and editable, one by one.
	const known = new Set(rows.map((r) => r.id));
	const manual = [...bySource].filter(([id]) => !known.has(id)).flatMap(([, list]) => list);
	return [
		{
			id: 'manual',
			kind: 'manual',
			label: 'Typed in by you',
			url: null,
			count: manual.length,
			strength: '',
			visibility: '',
			keepSummary: false,
			paused: false,
			lastRefreshAt: null,
			lastOkAt: null,
			lastError: null,
			nextRefreshAt: null,
			periods: []
		},
		...rows.map((r) => {
			const periods = bySource.get(r.id) ?? [];
			return {
				id: r.id,
				kind: r.kind === 'url' ? ('url' as const) : ('file' as const),
				label: r.label,
				url: r.url,
				count: periods.length,
				strength: r.strength,
				visibility: r.visibility,
				keepSummary: r.keep_summary === 1,
				paused: r.paused === 1,
				lastRefreshAt: r.last_refresh_at,
				lastOkAt: r.last_ok_at,
				lastError: r.last_error,
				nextRefreshAt: r.kind === 'url' && r.paused === 0 ? r.next_refresh_at : null,
				periods: periods.slice(0, PREVIEW)
			};
		})
	];
}

/** The busy periods listed one by one on /me: typed in, or from a source that is not there. */
export function isTypedIn(c: Commitment, sources: readonly { id: string }[]): boolean {
	return c.sourceId === undefined || !sources.some((s) => s.id === c.sourceId);
}

export async function findSource(
	db: Kysely<Database>,
	person: string,
	id: string
): Promise<SourceRow | null> {
	return (
		(await db
			.selectFrom('availability_sources')
			.selectAll()
			.where('id', '=', id)
			.where('person_id', '=', person)
			.executeTakeFirst()) ?? null
	);
}

/** The days imported calendars are expanded over: the plan's span and a month either side. */
function expandSpan(index: PlanIndex): { start: string; end: string } {
	const days = [...index.dates.values()].flatMap((r) => [r.earliest, r.latest]);
	const known = days.filter((d): d is string => d !== null).sort();
	const start = known[0] ?? '2024-01-01';
	const end = known.at(-1) ?? '2024-12-31';
	return { start: addDays(start, -SPAN_MARGIN_DAYS), end: addDays(end, SPAN_MARGIN_DAYS) };
}

/** A period's id: the source and a hash of the event's identity (stable across imports). */

const plural = (n: number, one: string, many = `${one}s`) =>
	`${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function settingsOf(row: SourceRow): SourceSettings {
	return {
		strength: row.strength === 'soft' ? 'soft' : 'hard',
		visibility: row.visibility === 'public' ? 'public' : 'private',
		keepSummary: row.keep_summary === 1
	};
}

/**
 * Makes the source's periods what `text` says, in one write (none when nothing changed).
 * Refusals (a file that cannot be read, a limit) change nothing and say why.
 */
export async function importIntoSource(
	row: SourceRow,
	text: string | Uint8Array,
	actor: Actor
): Promise<Outcome> {
	for (let attempt = 1; ; attempt++) {
		const { full, index, version } = await currentPlan();
		const zone = index.people.get(row.person_id)?.zone ?? full.zone;
		const span = expandSpan(index);
		const existing = full.commitments.filter(
			(c) => c.sourceId === row.id && c.person === row.person_id
		);
		const { result, plan } = await readIcsOffThread(text, span, zone, {
			person: row.person_id,
			sourceId: row.id,
			existing,
			settings: settingsOf(row)
		});
		if (!result.ok) return { ok: false, message: `${result.error} Nothing was imported.` };
		if (!plan) return { ok: false, message: 'The file could not be read. Nothing was imported.' };
		try {
			if (plan.changes.length) {
				await editPlanMany(plan.changes, actor, {
					expectedVersion: version,
					history: importHistory(row, plan)
				});
			}
		} catch (e) {
			// Another write came between our read and ours: read again (the diff depends on it).
			if (e instanceof PlanConflict && attempt < WRITE_TRIES) continue;
			if (e instanceof EditInvalid)
				return { ok: false, message: e.issues.map((i) => i.message).join(' ') };
			throw e;
		}
		const { db } = await getStore();
		await db
			.updateTable('availability_sources')
			.set({ content_hash: sha256(text) })
			.where('id', '=', row.id)
			.execute();
		const floating = result.floating.used
			? ` Times without a zone were read in ${result.floating.zone} (${result.floating.source === 'calendar' ? "the calendar's X-WR-TIMEZONE" : 'your home zone'}).`
			: '';
		const within = `within the plan's span (${span.start} to ${span.end})`;
		if (plan.changes.length === 0) {
			return {
				ok: true,
				message: `Nothing changed: ${plural(plan.unchanged, 'busy time')} ${within}, as before.${floating}`
			};
		}
		const first = existing.length === 0 && plan.removed === 0;
		return {
			ok: true,
			message: first
				? `Imported ${plural(plan.added, 'busy time')} ${within}.${floating}`
				: `Imported ${plural(plan.added + plan.updated + plan.unchanged, 'busy time')} ${within}: ${plan.added} new, ${plan.updated} changed, ${plan.removed} removed, ${plan.unchanged} unchanged.${floating}`
		};
	}
}

/** The one history entry of an import: who, which calendar (by name, never its address), counts. */
function importHistory(
	row: SourceRow,
	plan: { added: number; updated: number; removed: number; unchanged: number }
) {
	return {
		entity: 'commitment' as const,
		entityId: row.id,
		action: 'import',
		refs: [row.person_id],
		after: {
			person: row.person_id,
			source: 'busy',
			calendar: row.label,
			added: plan.added,
			changed: plan.updated,
			removed: plan.removed,
			unchanged: plan.unchanged
		}
	};
}

export type NewSource = {
	kind: 'file' | 'url';
	label: string;
	url: string | null;
	strength: 'hard' | 'soft';
	visibility: 'public' | 'private';
	keepSummary: boolean;
};

/** A new source row (not yet imported). Null when the member already has too many. */
export async function createSource(
	db: Kysely<Database>,
	person: string,
	input: NewSource,
	now: Date
): Promise<SourceRow | null> {
	const { count } = await db
		.selectFrom('availability_sources')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('person_id', '=', person)
		.executeTakeFirstOrThrow();
	if (Number(count) >= MAX_SOURCES_PER_PERSON) return null;
	const row: SourceRow = {
		id: `s${randomBytes(5).toString('hex')}`,
		person_id: person,
		kind: input.kind,
		label: input.label,
		url: input.url,
		strength: input.strength,
		visibility: input.visibility,
		keep_summary: input.keepSummary ? 1 : 0,
		paused: 0,
		created_at: now.toISOString(),
		last_refresh_at: null,
		last_ok_at: null,
		last_error: null,
		etag: null,
		last_modified: null,
		next_refresh_at: null,
		failures: 0,
		content_hash: null
	};
	await db.insertInto('availability_sources').values(row).execute();
	return row;
}

/** An uploaded file: into a new file source, or again into one the member has. */
export async function importFile(
	person: string,
	target: { sourceId: string } | { create: Omit<NewSource, 'kind' | 'url'> },
	text: string | Uint8Array,
	actor: Actor,
	now: Date
): Promise<Outcome> {
	const { db } = await getStore();
	let row: SourceRow | null;
	if ('sourceId' in target) {
		row = await findSource(db, person, target.sourceId);
		if (!row || row.kind !== 'file') return { ok: false, message: 'There is no such file source.' };
	} else {
		row = await createSource(db, person, { ...target.create, kind: 'file', url: null }, now);
		if (!row) return tooMany();
	}
	const out = await importIntoSource(row, text, actor);
	if (!('sourceId' in target) && !out.ok) await dropRow(db, row.id);
	if (out.ok) await markRefreshed(db, row, now, null, null);
	return out;
}

const tooMany = (): Outcome => ({
	ok: false,
	message: `You have ${MAX_SOURCES_PER_PERSON} calendars already; remove one first.`
});

async function dropRow(db: Kysely<Database>, id: string): Promise<void> {
	await db.deleteFrom('availability_sources').where('id', '=', id).execute();
}

async function markRefreshed(
	db: Kysely<Database>,
	row: SourceRow,
	now: Date,
	cache: { etag: string | null; lastModified: string | null } | null,
	hours: number | null
): Promise<void> {
	await db
		.updateTable('availability_sources')
		.set({
			last_refresh_at: now.toISOString(),
			last_ok_at: now.toISOString(),
			last_error: null,
			failures: 0,
			...(cache ? { etag: cache.etag, last_modified: cache.lastModified } : {}),
			next_refresh_at:
				hours === null ? null : new Date(now.getTime() + hours * 3600_000).toISOString()
		})
		.where('id', '=', row.id)
		.execute();
}

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

export async function setPaused(
	db: Kysely<Database>,
	row: SourceRow,
	paused: boolean
): Promise<void> {
	await db
		.updateTable('availability_sources')
		.set({ paused: paused ? 1 : 0 })
		.where('id', '=', row.id)
		.execute();
}

/** New hard/soft and public/private settings for a source and its periods (one write). */
export async function restyleSource(
	row: SourceRow,
	settings: Omit<SourceSettings, 'keepSummary'>,
	actor: Actor
): Promise<Outcome> {
	const { full } = await currentPlan();
	const periods = full.commitments.filter(
		(c) => c.sourceId === row.id && c.person === row.person_id
	);
	const changes = restyleSourcePeriods(row.person_id, periods, settings);
	if (changes.length) await editPlanMany(changes, actor);
	const { db } = await getStore();
	await db
		.updateTable('availability_sources')
		.set({ strength: settings.strength, visibility: settings.visibility })
		.where('id', '=', row.id)
		.execute();
	return { ok: true, message: `Saved: ${plural(changes.length, 'busy time')} changed.` };
}

/** Removes a source and its periods (the periods in one write, then the source). */
export async function removeSource(row: SourceRow, actor: Actor): Promise<Outcome> {
	const { full } = await currentPlan();
	const changes: Change[] = full.commitments
		.filter((c) => c.sourceId === row.id && c.person === row.person_id)
		.map((c) => ({ entity: 'commitment', id: c.id, action: 'delete', owner: row.person_id }));
	if (changes.length) {
		await editPlanMany(changes, actor, {
			history: {
				entity: 'commitment',
				entityId: row.id,
				action: 'remove-source',
				refs: [row.person_id],
				after: {
					person: row.person_id,
					source: 'busy',
					calendar: row.label,
					removed: changes.length
				}
			}
		});
	}
	const { db } = await getStore();
	await dropRow(db, row.id);
	return {
		ok: true,
		message: `Removed “${row.label}” and its ${plural(changes.length, 'busy time')}.`
	};
}

const SourceFields = z.object({
	label: z.string().trim().max(100, 'Keep the name under 100 characters.'),
	url: z.string().trim().max(2000, 'This address is too long.'),
	strength: z.enum(['hard', 'soft'], { error: 'Choose hard or soft.' }),
	visibility: z.enum(['public', 'private'], { error: 'Choose who may see the reasons.' })
});

/**
 * A source form's fields: name, address (for a subscription), hard/soft, public/private and
 * whether titles are kept. `fallbackLabel` names a source left unnamed (the file's name).
 */
export function parseSourceForm(
	form: FormData,
	fallbackLabel: string | null
): { ok: true; value: Omit<NewSource, 'kind'> } | { ok: false; errors: Record<string, string> } {
	const text = (name: string, fallback: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : fallback;
	};
	const parsed = SourceFields.safeParse({
		label: text('label', ''),
		url: text('url', ''),
		strength: text('strength', 'hard'),
		visibility: text('visibility', 'private')
	});
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
		return { ok: false, errors };
	}
	const { label, url, strength, visibility } = parsed.data;
	let name =
		label ||
		(fallbackLabel ?? '')
			.replace(/\p{Cc}/gu, '')
			.trim()
			.slice(0, 100);
	if (!name && url) {
		try {
			name = new URL(url.replace(/^webcals?:/i, 'https:')).hostname;
		} catch {
			name = 'Calendar';
		}
	}
	return {
		ok: true,
		value: {
			label: name || 'Calendar',
			url: url || null,
			strength,
			visibility,
			keepSummary: form.get('keepSummary') === 'on'
		}
	};
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
