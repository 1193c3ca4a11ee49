import { itemDateContext } from '#lib/domain/date-context.ts';
import { createAction } from '#lib/server/forms.ts';
import { requireOrganizer } from '#lib/server/guard.ts';
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
	save: createAction({
		entity: 'item',
		send: 'Send the item form.',
		parse: (form, plan) => {
			const parsed = parseItemForm(form, plan, null);
			return parsed.ok ? { ok: true, value: parsed.item } : parsed;
		},
		to: (item) => `/items/${item.id}?saved=created`
	})
};
