import { error } from '@sveltejs/kit';
import { clashPage, parsePageQuery } from '#lib/domain/clash-page.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { groupClashes } from '#lib/domain/clash-view.ts';
import { Id } from '#lib/domain/schema.ts';
import { clashesSeenBy, viewerOf } from '#lib/server/clashes.ts';
import type { PageServerLoad } from './$types';

export const csr = false;

export const load: PageServerLoad = async ({ url, locals, request }) => {
	const raw = url.searchParams.get('person');
	const person = raw === null || raw === '' ? null : raw;
	if (person !== null && !Id.safeParse(person).success)
		error(400, `?person=${person.slice(0, 40)} is not a person id.`);
	const query = parsePageQuery(url.searchParams);
	if (!query.ok) error(400, query.error);
	const { index, clashes: all } = await clashesSeenBy(
		await viewerOf(request, locals),
		locals.locale
	);
	if (person !== null && !index.people.has(person))
		error(404, `There is nobody with the id “${person}” in the plan.`);
	const clashes = person === null ? all : clashesFor(all, { person });
	const counts = { definite: 0, possible: 0 };
	for (const c of clashes) counts[c.severity]++;
	const page = clashPage(index, clashes, query.query);
	// Links keep the filter and the page size; the cursor moves on.
	const link = (cursor: string | null) => {
		const params = new URLSearchParams();
		if (person !== null) params.set('person', person);
		if (url.searchParams.has('limit')) params.set('limit', String(query.query.limit));
		if (cursor !== null) params.set('cursor', cursor);
		const q = params.toString();
		return q ? `/clashes?${q}` : '/clashes';
	};
	return {
		person: person === null ? null : { id: person, name: index.people.get(person)?.name ?? person },
		people: [...index.people.values()]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((p) => ({ id: p.id, name: p.name })),
		total: clashes.length,
		counts,
		page: {
			from: page.clashes.length ? page.start + 1 : 0,
			to: page.start + page.clashes.length,
			next: page.nextCursor === null ? null : link(page.nextCursor),
			first: query.query.after === null ? null : link(null)
		},
		groups: groupClashes(index, page.clashes)
	};
};
