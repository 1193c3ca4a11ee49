import { randomBytes } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import type { PlanFile } from '#lib/domain/schema.ts';
import { invalid, readForm } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import {
	parsePlanJson,
	PlanValidationError,
	type ImportSummary
} from '#lib/server/plan-repository.ts';
import { PlanConflict } from '#lib/server/write.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Previewed imports waiting for the organizer's "apply", by a random id. In memory on purpose: a
 * preview is worth half an hour at most, and a restart simply asks for the file again.
 */
const pending = new Map<
	string,
	{ plan: PlanFile; revision: number; expires: number; summary: ImportSummary }
>();
const PENDING_MS = 30 * 60_000;

function prune(now: number) {
	for (const [id, p] of pending) if (p.expires < now || pending.size > 20) pending.delete(id);
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		if (!organizerOrFail(locals)) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return invalid(400, { file: 'Choose a plan file (.json) to import.' });
		}
		let plan: PlanFile;
		try {
			plan = parsePlanJson(await file.text());
		} catch (e) {
			if (e instanceof PlanValidationError) {
				return invalid(
					400,
					{ file: `The file is not a valid plan; nothing was changed.` },
					{},
					{
						form: e.issues.slice(0, 50).join('\n')
					}
				);
			}
			throw e;
		}
		const summary = await locals.services.plan.preview(plan, new Date().toISOString());
		const id = randomBytes(16).toString('base64url');
		prune(Date.now());
		pending.set(id, {
			plan,
			summary,
			revision: await locals.services.plan.revision(),
			expires: Date.now() + PENDING_MS
		});
		return {
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
	},
	apply: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		const id = form?.get('id');
		const entry = typeof id === 'string' ? pending.get(id) : undefined;
		if (!entry || entry.expires < Date.now()) {
			return invalid(400, { file: 'This preview has expired; choose the file again.' });
		}
		pending.delete(id as string);
		try {
			// The preview was computed at `entry.revision`; the write refuses any other version.
			await locals.services.plan.replaceWith(entry.plan, new Date(), actor, entry.revision);
		} catch (e) {
			if (!(e instanceof PlanConflict)) throw e;
			return invalid(409, {
				file: 'The plan changed since this preview; choose the file again to see what it would do now.'
			});
		}
		redirect(303, '/history');
	}
};
