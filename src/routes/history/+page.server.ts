import { error } from '@sveltejs/kit';
import { Id } from '#lib/domain/schema.ts';
import { historyFor } from '#lib/server/history-view.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter: { item?: string; person?: string } = {};
	for (const key of ['item', 'person'] as const) {
		const raw = url.searchParams.get(key);
		if (raw === null || raw === '') continue;
		const parsed = Id.safeParse(raw);
		if (!parsed.success) error(400, `?${key}= must be an id (${parsed.error.issues[0]?.message}).`);
		filter[key] = parsed.data;
	}
	const { plan } = await currentPlan();
	return {
		filter,
		rows: await historyFor(locals, filter),
		items: plan.items.map((i) => ({ id: i.id, title: i.title })),
		people: plan.people.map((p) => ({ id: p.id, name: p.name }))
	};
};
