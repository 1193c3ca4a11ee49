import { json } from '@sveltejs/kit';
import { clashesFor } from '#lib/domain/clashes.ts';
import { Id } from '#lib/domain/schema.ts';
import { clashesSeenBy, viewerOf } from '#lib/server/clashes.ts';
import type { RequestHandler } from './$types';

/** Every clash in the plan, or one person's (`?person=ID`). Private reasons only for organizers and the member concerned. */
export const GET: RequestHandler = async ({ url, request, locals }) => {
	const { index, clashes: all } = await clashesSeenBy(
		await viewerOf(request, locals),
		locals.locale
	);
	const person = url.searchParams.get('person');
	if (person !== null) {
		if (!Id.safeParse(person).success)
			return json(
				{ error: `?person=${person.slice(0, 40)} is not a person id (a lowercase slug).` },
				{ status: 400 }
			);
		if (!index.people.has(person))
			return json(
				{ error: `There is nobody with the id “${person}” in the plan.` },
				{ status: 404 }
			);
	}
	const clashes = person === null ? all : clashesFor(all, { person });
	return json(
		{ clashes },
		{ headers: { 'Cache-Control': 'no-cache', Vary: 'Authorization, Accept-Language' } }
	);
};
