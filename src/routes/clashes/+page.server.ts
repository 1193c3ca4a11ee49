import { error } from '@sveltejs/kit';
import { clashesFor } from '#lib/domain/clashes.ts';
import { groupClashes } from '#lib/domain/clash-view.ts';
import { Id } from '#lib/domain/schema.ts';
import { clashesSeenBy, viewerOf } from '#lib/server/clashes.ts';
import { currentPlan } from '#lib/server/store.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ url, locals, request }) => {
	const { plan } = await currentPlan();
	const { index, clashes: all } = await clashesSeenBy(
		await viewerOf(request, locals),
		locals.locale
	);
	const raw = url.searchParams.get('person');
	const person = raw === null || raw === '' ? null : raw;
	if (person !== null && !Id.safeParse(person).success)
		error(400, `?person=${person.slice(0, 40)} is not a person id.`);
	if (person !== null && !index.people.has(person))
		error(404, `There is nobody with the id “${person}” in the plan.`);
	const clashes = person === null ? all : clashesFor(all, { person });
	const counts = { definite: 0, possible: 0 };
	for (const c of clashes) counts[c.severity]++;
	return {
		person: person === null ? null : { id: person, name: index.people.get(person)?.name ?? person },
		people: [...plan.people]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((p) => ({ id: p.id, name: p.name })),
		total: clashes.length,
		counts,
		groups: groupClashes(index, clashes)
	};
};
