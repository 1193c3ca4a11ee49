import { error, type RequestEvent } from '@sveltejs/kit';
import { clashRow } from '#lib/domain/clash-view.ts';
import { clashesFor } from '#lib/domain/clashes.ts';
import { ANONYMOUS } from '#lib/domain/commitments.ts';
import { personDetail } from '#lib/domain/people.ts';
import { groupFeedPath, personFeedPath, subscribeLinks } from '#lib/feeds/catalog.ts';
import { feedTitle } from '#lib/feeds/feed.ts';
import { publicBase } from '#lib/server/feeds.ts';
import { planClashes } from '#lib/server/clashes.ts';
import { invalid, readForm } from '#lib/server/forms.ts';
import { organizerOrFail } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { index, full } = await locals.services.plan.current();
	const person = index.people.get(params.id);
	if (!person) error(404, `There is nobody called “${params.id}” in the plan.`);
	const base = await publicBase(url);
	// The public feeds that concern this person: the whole plan and each group they belong to.
	const feeds = [
		{ path: '/calendar.ics', ...feedTitle(index, { type: 'all' }) },
		...(index.groupsByPerson.get(person.id) ?? []).map((g) => ({
			path: groupFeedPath(g.id),
			...feedTitle(index, { type: 'group', group: g.id })
		}))
	].map((f) => ({ ...f, ...subscribeLinks(base, f.path) }));
	const clashes = clashesFor(planClashes(index, ANONYMOUS, locals.locale), { person: person.id });
	return {
		person: personDetail(index, person, Date.now(), locals.locale),
		clashes: clashes.map((c) => clashRow(index, c)),
		feeds,
		canEdit: locals.organizer !== null,
		// Only organizers learn when a link or feed address was issued (never the secret itself).
		access: locals.organizer !== null ? await locals.services.access.state(person.id) : null,
		// Their calendars (addresses included, which are secrets): organizers only.
		sources:
			locals.organizer !== null
				? (await locals.services.sources.list(person.id, full))
						.filter((s) => s.kind !== 'manual')
						.map((s) => ({
							label: s.label,
							kind: s.kind,
							url: s.url,
							count: s.count,
							paused: s.paused,
							lastRefreshAt: s.lastRefreshAt,
							lastError: s.lastError
						}))
				: null
	};
};

/** The signed-in organizer and the person, or the failure to answer. */
async function organizerAndPerson(event: RequestEvent<{ id: string }>) {
	if (!organizerOrFail(event.locals))
		return {
			fail: invalid(403, { form: 'Sign in as an organizer first.' }, {}, { form: 'access' })
		};
	const { services } = event.locals;
	const { index } = await services.plan.current();
	const person = index.people.get(event.params.id);
	if (!person)
		return {
			fail: invalid(404, { form: 'This person is no longer in the plan.' }, {}, { form: 'access' })
		};
	return { person, access: services.access };
}

/**
 * Personal links and private feed addresses are shown once, right after they are issued (only
 * their hashes are stored); revoking one makes it answer 404 at once.
 */
export const actions: Actions = {
	issueLink: async (event) => {
		const s = await organizerAndPerson(event);
		if ('fail' in s) return s.fail;
		const token = await s.access.issueMemberLink(s.person.id, new Date().toISOString());
		return { access: 'link' as const, link: `${await publicBase(event.url)}/me/${token}` };
	},
	revokeLink: async (event) => {
		const s = await organizerAndPerson(event);
		if ('fail' in s) return s.fail;
		await s.access.revokeMemberLink(s.person.id);
		return { access: 'done' as const, done: `${s.person.name}'s personal link no longer works.` };
	},
	issueFeed: async (event) => {
		const s = await organizerAndPerson(event);
		if ('fail' in s) return s.fail;
		const token = await s.access.issueFeed(s.person.id, new Date().toISOString());
		const feed = subscribeLinks(await publicBase(event.url), personFeedPath(token));
		return { access: 'feed' as const, feed };
	},
	revokeFeed: async (event) => {
		const s = await organizerAndPerson(event);
		if ('fail' in s) return s.fail;
		await s.access.revokeFeedAddress(s.person.id);
		return {
			access: 'done' as const,
			done: `${s.person.name}'s private feed address no longer works; calendars subscribed to it stop updating.`
		};
	},
	busyInFeed: async (event) => {
		const s = await organizerAndPerson(event);
		if ('fail' in s) return s.fail;
		const form = await readForm(event.request);
		const on = form?.get('show') === 'on';
		if (!(await s.access.setPrivateBusy(s.person.id, on)))
			return invalid(
				409,
				{ form: `${s.person.name} has no private feed yet: issue one first.` },
				{},
				{ form: 'access' }
			);
		return {
			access: 'done' as const,
			done: on
				? `${s.person.name}'s private busy times now show in their own feed.`
				: `${s.person.name}'s private busy times are now left out of their own feed.`
		};
	}
};
