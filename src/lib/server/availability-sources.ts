/**
 * A member's availability sources: uploaded calendar files and subscribed calendar addresses.
 * The busy periods stay plan data (commitments carrying `sourceId`, `uid`, `recurrenceId`) and
 * change only through the one write path; this module keeps the rest — the address (a secret,
 * never logged, never in the plan or the history), the refresh state and the source's settings —
 * in `availability_sources`: listing, creating, pausing, restyling and removing sources.
 * Importing a calendar into a source is source-import.ts; subscribed addresses and the refresh
 * timer are source-refresh.ts; the form is source-form.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '#lib/domain/actor.ts';
import { restyleSourcePeriods, type SourceSettings } from '#lib/domain/availability.ts';
import type { Change } from '#lib/domain/plan-changes.ts';
import type { Commitment, PlanFile } from '#lib/domain/schema.ts';
import type { AvailabilitySourcesTable, Database } from './db.ts';
import { currentPlan, editPlanMany, getStore } from './store.ts';

export type SourceRow = Selectable<AvailabilitySourcesTable>;

/** Most sources one member may keep (each may hold thousands of periods). */
export const MAX_SOURCES_PER_PERSON = 20;

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
	return [manualView(manual.length), ...rows.map((r) => sourceView(r, bySource.get(r.id) ?? []))];
}

/** The periods typed in by hand, shown as one more source. */
function manualView(count: number): SourceView {
	return {
		id: 'manual',
		kind: 'manual',
		label: 'Typed in by you',
		url: null,
		count,
		strength: '',
		visibility: '',
		keepSummary: false,
		paused: false,
		lastRefreshAt: null,
		lastOkAt: null,
		lastError: null,
		nextRefreshAt: null,
		periods: []
	};
}

function sourceView(r: SourceRow, periods: Commitment[]): SourceView {
	return {
		id: r.id,
		kind: r.kind === 'url' ? 'url' : 'file',
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

export const plural = (n: number, one: string, many = `${one}s`) =>
	`${n.toLocaleString('en')} ${n === 1 ? one : many}`;

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

export const tooMany = (): Outcome => ({
	ok: false,
	message: `You have ${MAX_SOURCES_PER_PERSON} calendars already; remove one first.`
});

export async function dropRow(db: Kysely<Database>, id: string): Promise<void> {
	await db.deleteFrom('availability_sources').where('id', '=', id).execute();
}

export async function markRefreshed(
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
