import { error } from '@sveltejs/kit';
import { findHost } from '#lib/domain/cities.ts';
import { candidateIcs } from '#lib/feeds/candidate.ts';
import { FindInputError, parseOr400 } from '#lib/server/find.ts';
import { SaveBody } from '#lib/server/find-write.ts';
import type { RequestHandler } from './$types';

/** `?title=&start=&end=&location=`: one candidate as a single-event .ics download. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { index } = await locals.services.plan.current();
	const q = Object.fromEntries(url.searchParams);
	let body;
	try {
		body = parseOr400(SaveBody, {
			title: q.title || 'Meeting',
			start: q.start,
			end: q.end,
			...(q.location ? { location: q.location } : {})
		});
	} catch (e) {
		if (e instanceof FindInputError) error(400, e.message);
		throw e;
	}
	const host = body.location ? findHost(index, body.location) : null;
	if (body.location && !host) error(400, `location: “${body.location}” is not a known location`);
	const ics = candidateIcs({
		title: body.title,
		start: body.start,
		end: body.end,
		host,
		description: `A candidate found with the IWW Planner date finder for ${index.plan.name}.`,
		now: new Date().toISOString()
	});
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${body.start.slice(0, 10)}-meeting.ics"`
		}
	});
};
