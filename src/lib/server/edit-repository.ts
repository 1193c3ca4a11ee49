/**
 * Editing one entity of the stored plan at a time: a thin door onto the one write path
 * (`write.ts`), kept for the callers that edit a single entity. Errors, versions and history
 * come from there.
 */
import type { Kysely } from 'kysely';
import { parseLegacyActor, type Actor } from '../domain/actor.ts';
import type { Change } from '../domain/plan-changes.ts';
import type { Database } from './db.ts';
import type { ImportSummary } from './plan-rows.ts';
import { writePlan } from './write.ts';

export {
	EditForbidden,
	EditInvalid,
	EditNotFound,
	ENTITY_LISTS,
	type EntityKind,
	type FieldIssue
} from '../domain/plan-changes.ts';
export { listHistory, recordHistory, type HistoryEntry } from './history-repository.ts';
export { EditConflict, versionOf } from './write.ts';

export type EditRequest = Change;

export type EditResult = {
	/** The entity's version after the change (`null` after a delete). */
	version: string | null;
	/** `false` when the change changed nothing (no history entry, no revision bump). */
	changed: boolean;
	summary: ImportSummary | null;
};

/** Accepts typed actors and the strings older call sites pass ("organizer:Ana", "cli"). */
export function toActor(actor: Actor | string): Actor {
	return typeof actor === 'string' ? parseLegacyActor(actor) : actor;
}

/** Applies one edit. Throws EditConflict, EditInvalid, EditNotFound, EditForbidden. */
export async function applyEdit(
	db: Kysely<Database>,
	req: EditRequest,
	actor: Actor | string,
	now: string
): Promise<EditResult> {
	const out = await writePlan(db, toActor(actor), { changes: [req] }, { now });
	const r = out.results[0];
	return {
		version: r?.version ?? null,
		changed: out.changed,
		summary: out.changed ? out.summary : null
	};
}

export type BusyPeriodInput = {
	id: string;
	when: unknown;
	reason: string;
	visibility: 'public' | 'private';
};

/** The changes that add many busy periods of one person (an .ics import): all or nothing. */
export function busyPeriodChanges(person: string, periods: readonly BusyPeriodInput[]): Change[] {
	return periods.map((p) => ({
		entity: 'commitment' as const,
		id: p.id,
		action: 'create' as const,
		owner: person,
		value: {
			id: p.id,
			person,
			source: 'busy',
			when: p.when,
			reason: p.reason,
			visibility: p.visibility,
			strength: 'hard'
		}
	}));
}

/** Adds many busy periods of one person in one transaction: all or nothing. */
export async function addBusyPeriods(
	db: Kysely<Database>,
	person: string,
	periods: BusyPeriodInput[],
	actor: Actor | string,
	now: string
): Promise<number> {
	await writePlan(db, toActor(actor), { changes: busyPeriodChanges(person, periods) }, { now });
	return periods.length;
}
