/**
 * Replacing the whole plan from a file on the organizer's page (/plan/file), in two steps: a
 * preview says what the file would change, and "apply" writes exactly what was previewed, or
 * refuses when the plan changed since (the preview was computed at one plan version).
 *
 * Previews wait in memory, by a random id: a preview is worth half an hour at most, and a
 * restart simply asks for the file again.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '#lib/domain/actor.ts';
import type { PlanFile } from '#lib/domain/schema.ts';
import type { Database } from './db.ts';
import {
	parsePlanJson,
	planRevision,
	PlanValidationError,
	previewReplacePlan
} from './plan-repository.ts';
import { replacePlanWith } from './store.ts';
import { PlanConflict, type ImportSummary } from './write.ts';

const pending = new Map<
	string,
	{ plan: PlanFile; revision: number; expires: number; summary: ImportSummary }
>();
const PENDING_MS = 30 * 60_000;

function prune(now: number) {
	for (const [id, p] of pending) if (p.expires < now || pending.size > 20) pending.delete(id);
}

export type ImportPreview = {
	id: string;
	name: string;
	/** Which items the file adds, changes and removes. */
	summary: ImportSummary;
	counts: { people: number; groups: number; locations: number; items: number; assignments: number };
};

/** What replacing the plan with this file would change, kept for `applyImport`; or its issues. */
export async function previewImport(
	db: Kysely<Database>,
	text: string
): Promise<{ ok: true; preview: ImportPreview } | { ok: false; issues: string[] }> {
	let plan: PlanFile;
	try {
		plan = parsePlanJson(text);
	} catch (e) {
		if (e instanceof PlanValidationError) return { ok: false, issues: e.issues };
		throw e;
	}
	const summary = await previewReplacePlan(db, plan, new Date().toISOString());
	const id = randomBytes(16).toString('base64url');
	prune(Date.now());
	pending.set(id, {
		plan,
		summary,
		revision: await planRevision(db),
		expires: Date.now() + PENDING_MS
	});
	return {
		ok: true,
		preview: {
			id,
			name: plan.name,
			summary,
			counts: {
				people: plan.people.length,
				groups: plan.groups.length,
				locations: plan.locations.length,
				items: plan.items.length,
				assignments: plan.assignments.length
			}
		}
	};
}

/** Writes a previewed file: 'expired' (no such preview), 'conflict' (the plan changed since). */
export async function applyImport(
	id: unknown,
	actor: Actor
): Promise<'applied' | 'expired' | 'conflict'> {
	const entry = typeof id === 'string' ? pending.get(id) : undefined;
	if (!entry || entry.expires < Date.now()) return 'expired';
	pending.delete(id as string);
	try {
		// The preview was computed at `entry.revision`; the write refuses any other version.
		await replacePlanWith(entry.plan, new Date(), actor, entry.revision);
		return 'applied';
	} catch (e) {
		if (e instanceof PlanConflict) return 'conflict';
		throw e;
	}
}
