/**
 * /find: the date finder, in person (`/find?…`) and virtual (`/find?tab=virtual&…`). One URL for
 * both tabs, since the forms, links and bookmarks people hold use it; each tab is its own page
 * service (find-service.ts) and its own components. The actions are the organizer's writes.
 */
import { redirect } from '@sveltejs/kit';
import {
	asOrganizer,
	decideBody,
	holdsBody,
	postedForm,
	saveBody,
	seriesBody
} from '#lib/server/find-forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ url, locals }) => {
	const { index } = await locals.services.plan.current();
	const viewer = {
		canSave: locals.organizer !== null,
		member: locals.member,
		locale: locals.locale
	};
	return url.searchParams.get('tab') === 'virtual'
		? locals.services.find.virtualPage(index, url.searchParams, viewer)
		: locals.services.find.inPersonPage(index, url.searchParams, viewer);
};

export const actions: Actions = {
	/** Saves a window as a new meeting (searches without a plan item), then opens it. */
	save: ({ request, locals }) =>
		asOrganizer(locals, 'save', async (actor) => {
			const body = saveBody(await postedForm(request));
			const { index } = await locals.services.plan.current();
			redirect(303, `/items/${await locals.services.find.save(index, body, actor)}`);
		}),
	/** Saves a virtual slot or a whole series (one meeting per occurrence, one write). */
	series: ({ request, locals }) =>
		asOrganizer(locals, 'save', async (actor) => {
			const body = seriesBody(await postedForm(request));
			const { index } = await locals.services.plan.current();
			const ids = await locals.services.find.saveSeries(index, body, actor);
			redirect(303, `/items/${ids[0]}`);
		}),
	/** Publishes (or withdraws) the item's candidate windows as holds in the people's feeds. */
	holds: ({ request, locals }) =>
		asOrganizer(locals, 'change holds', async (actor) => {
			const body = holdsBody(await postedForm(request));
			await locals.services.find.setHolds(body, actor);
			redirect(303, `/find?item=${encodeURIComponent(body.item)}`);
		}),
	/** Decides the item searched for on the chosen window (one change), then opens it. */
	decide: ({ request, locals }) =>
		asOrganizer(locals, 'decide', async (actor) => {
			const body = decideBody(await postedForm(request));
			const { index } = await locals.services.plan.current();
			const { item } = await locals.services.find.decide(index, body, actor);
			redirect(303, `/items/${item.id}`);
		})
};
