import { byDate, KIND_LABEL, KIND_ORDER } from '#lib/domain/plan-index.ts';
import { itemRow } from '#lib/domain/present.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { plan, index } = await locals.services.plan.current();
	const sorted = [...plan.items].sort(byDate(index));
	return {
		canEdit: locals.organizer !== null,
		groups: KIND_ORDER.map((kind) => ({
			kind,
			label: KIND_LABEL[kind].many,
			rows: sorted.filter((i) => i.kind === kind).map((i) => itemRow(index, i, locals.locale))
		})).filter((g) => g.rows.length > 0)
	};
};
