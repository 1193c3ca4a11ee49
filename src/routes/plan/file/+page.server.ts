import { redirect } from '@sveltejs/kit';
import { invalid, readForm } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireOrganizer(locals, url);
	return {};
};

/** Replacing the whole plan from a file: preview first, then apply (plan-import.ts). */
export const actions: Actions = {
	preview: async ({ request, locals }) => {
		if (!organizerOrFail(locals)) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return invalid(400, { file: 'Choose a plan file (.json) to import.' });
		}
		const out = await locals.services.imports.preview(await file.text());
		if (!out.ok) {
			const issues = out.issues.slice(0, 50).join('\n');
			const error = { file: `The file is not a valid plan; nothing was changed.` };
			return invalid(400, error, {}, { form: issues });
		}
		return { preview: out.preview };
	},
	apply: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		const done = await locals.services.imports.apply(form?.get('id'), actor);
		if (done === 'expired') {
			return invalid(400, { file: 'This preview has expired; choose the file again.' });
		}
		if (done === 'conflict') {
			return invalid(409, {
				file: 'The plan changed since this preview; choose the file again to see what it would do now.'
			});
		}
		redirect(303, '/history');
	}
};
