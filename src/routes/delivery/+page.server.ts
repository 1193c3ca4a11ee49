import { actorLabel } from '#lib/domain/actor.ts';
import { fail } from '@sveltejs/kit';
import { Id } from '#lib/domain/schema.ts';
import { CLIENT_LABEL } from '#lib/domain/user-agent.ts';
import { deliveryView } from '#lib/server/delivery-view.ts';
import { readForm } from '#lib/server/forms.ts';
import { organizerOrFail, requireOrganizer } from '#lib/server/guard.ts';
import { sendNoticeNow } from '#lib/server/mail-runner.ts';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireOrganizer(locals, url);
	const view = await deliveryView(locals.locale, new Date());
	const { index } = await locals.services.plan.current();
	const names = Object.fromEntries(index.plan.people.map((p) => [p.id, p.name]));
	const titles = Object.fromEntries(index.plan.items.map((i) => [i.id, i.title]));
	return {
		...view,
		clientLabel: CLIENT_LABEL,
		names,
		titles,
		items: index.plan.items
			.filter((i) => index.dates.get(i.id)?.earliest)
			.map((i) => ({ id: i.id, title: i.title }))
	};
};

export const actions: Actions = {
	notify: async ({ request, locals }) => {
		const actor = organizerOrFail(locals);
		if (!actor) return fail(403, { error: 'Sign in as an organizer first.' });
		const raw = (await readForm(request))?.get('item') ?? null;
		const item = Id.safeParse(raw);
		if (!item.success) return fail(400, { error: 'Choose an item.' });
		const result = await sendNoticeNow(item.data, actorLabel(actor), new Date());
		if (result === null) {
			return fail(400, { error: 'Email is off, or there is no such item.' });
		}
		return { result };
	}
};
