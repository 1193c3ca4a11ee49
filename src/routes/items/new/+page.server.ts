import { redirect } from '@sveltejs/kit';
import { itemDateContext } from '#lib/domain/date-context.ts';
import { formValues, invalid, readForm, runEdit } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { itemFormOptions, parseItemForm } from '#lib/server/item-form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	const { plan } = await locals.services.plan.current();
	return {
		options: itemFormOptions(plan, null),
		zone: plan.zone,
		dateContext: itemDateContext(plan, null)
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return invalid(403, { form: 'Sign in as an organizer first.' });
		const form = await readForm(request);
		if (!form) return invalid(400, { form: 'Send the item form.' });
		const values = formValues(form);
		const { plan } = await locals.services.plan.current();
		const parsed = parseItemForm(form, plan, null);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const item = parsed.item;
		const done = await runEdit(
			() =>
				locals.services.plan.edit(
					{ entity: 'item', id: item.id, action: 'create', value: item },
					actor
				),
			values
		);
		if (!done.ok) return done.failure;
		redirect(303, `/items/${item.id}?saved=created`);
	}
};
