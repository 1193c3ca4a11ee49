import { error } from '@sveltejs/kit';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { itemDetail } from '#lib/domain/present.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ params, locals }) => {
	const { index } = await currentPlan();
	const item = index.items.get(params.id);
	if (!item) error(404, `There is no item “${params.id}” in the plan.`);
	const clashes = clashesFor(planClashes(index, ANONYMOUS, locals.locale), { item: item.id });
	return {
		item: itemDetail(index, item, locals.locale),
		clashes: clashes.map((c) => clashRow(index, c))
	};
};
