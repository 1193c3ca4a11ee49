/**
 * Reading a calendar into one of a member's sources: every import, first or again, from an
 * upload, a "Refresh now" or the timer, is the same step: read the calendar (on its own thread),
 * compute the changes that make the source's periods say what it says (domain/availability.ts),
 * write them as one batch through the one write path. Nothing changed: no write at all.
 */
import type { Actor } from '#lib/domain/actor.ts';
import type { SourceSettings } from '#lib/domain/availability.ts';
import { addDays } from '#lib/domain/dates.ts';
import { EditInvalid } from '#lib/domain/plan-changes.ts';
import type { PlanIndex } from '#lib/domain/plan-index.ts';
import {
	createSource,
	dropRow,
	findSource,
	markRefreshed,
	plural,
	tooMany,
	type NewSource,
	type Outcome,
	type SourceRow
} from './availability-sources.ts';
import { sha256 } from './hash.ts';
import { readIcsOffThread } from './ics-thread.ts';
import { currentPlan, editPlanMany, getStore } from './store.ts';
import { PlanConflict } from './write.ts';

/** Days before and after the plan's span over which imported calendars are expanded. */
const SPAN_MARGIN_DAYS = 31;
/** A write that lost a race with another writer is tried again this many times. */
const WRITE_TRIES = 3;

/** The days imported calendars are expanded over: the plan's span and a month either side. */
function expandSpan(index: PlanIndex): { start: string; end: string } {
	const days = [...index.dates.values()].flatMap((r) => [r.earliest, r.latest]);
	const known = days.filter((d): d is string => d !== null).sort();
	const start = known[0] ?? '2024-01-01';
	const end = known.at(-1) ?? '2024-12-31';
	return { start: addDays(start, -SPAN_MARGIN_DAYS), end: addDays(end, SPAN_MARGIN_DAYS) };
}

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
