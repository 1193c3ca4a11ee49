import { error } from '@sveltejs/kit';
import { itemDetail } from '#lib/domain/present.ts';
import { historyFor } from '#lib/server/history-view.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ params, locals }) => {
	const { index } = await currentPlan();
	const item = index.items.get(params.id);
	if (!item) error(404, `There is no item “${params.id}” in the plan.`);
	return {
		item: itemDetail(index, item, locals.locale),
		history: await historyFor(locals, { item: item.id, limit: 20 }),
		canEdit: locals.organizer !== null
	};
};
