import { json } from '@sveltejs/kit';
import { clashPage, parsePageQuery } from '#lib/domain/clash-page.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { Id } from '#lib/domain/schema.ts';
import { clashesSeenBy, viewerOf } from '#lib/server/clashes.ts';
import type { RequestHandler } from './$types';

/**
 * Every clash in the plan, or one person's (`?person=ID`), a page at a time (`?limit=`,
 * `?cursor=`: see clash-page.ts). Private reasons only for organizers and the member concerned.
 */
export const GET: RequestHandler = async ({ url, request, locals }) => {
	const page = parsePageQuery(url.searchParams);
	if (!page.ok) return json({ error: page.error }, { status: 400 });
	const person = url.searchParams.get('person');
	if (person !== null && !Id.safeParse(person).success)
		return json(
			{ error: `?person=${person.slice(0, 40)} is not a person id (a lowercase slug).` },
			{ status: 400 }
		);
	const { index, clashes: all } = await clashesSeenBy(
		await viewerOf(request, locals),
		locals.locale
	);
	if (person !== null && !index.people.has(person))
		return json({ error: `There is nobody with the id “${person}” in the plan.` }, { status: 404 });
	const list = person === null ? all : clashesFor(all, { person });
	const { clashes, total, nextCursor } = clashPage(index, list, page.query);
	return json(
		{ clashes, total, nextCursor },
		{ headers: { 'Cache-Control': 'no-cache', Vary: 'Authorization, Accept-Language' } }
	);
};
