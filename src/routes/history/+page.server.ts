import { error } from '@sveltejs/kit';
import { Id } from '#lib/domain/schema.ts';
import { historyFor } from '#lib/server/history-view.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

const ACTOR_KINDS = ['organizer', 'member', 'admin-token', 'cli', 'system'];

export const load: PageServerLoad = async ({ url, locals }) => {
	const filter: { item?: string; person?: string } = {};
	for (const key of ['item', 'person'] as const) {
		const raw = url.searchParams.get(key);
		if (raw === null || raw === '') continue;
		const parsed = Id.safeParse(raw);
		if (!parsed.success) error(400, `?${key}= must be an id (${parsed.error.issues[0]?.message}).`);
		filter[key] = parsed.data;
	}
	const actorKind = url.searchParams.get('actor');
	let actor: { kind: string } | undefined;
	if (actorKind !== null && actorKind !== '') {
		if (!ACTOR_KINDS.includes(actorKind)) {
			error(400, `?actor= must be one of ${ACTOR_KINDS.join(', ')}.`);
		}
		actor = { kind: actorKind };
	}
	const { plan } = await locals.services.plan.current();
	return {
		filter: { ...filter, actor: actor?.kind ?? null },
		rows: await historyFor(locals, { ...filter, actor }),
		items: plan.items.map((i) => ({ id: i.id, title: i.title })),
		people: plan.people.map((p) => ({ id: p.id, name: p.name }))
	};
};
