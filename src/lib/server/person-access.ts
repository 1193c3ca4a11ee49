/**
 * An organizer's actions on a person's access, from the person's page: their personal link and
 * private feed address (issued and shown once, only hashes are kept; revoking one makes it
 * answer 404 at once), and whether their own feed shows their private busy times.
 */
import type { RequestEvent as KitEvent } from '@sveltejs/kit';
import { personFeedPath, subscribeLinks } from '#lib/feeds/catalog.ts';
import { publicBase } from './feeds.ts';
import { invalid, readForm } from './forms.ts';
import { organizerOrFail } from './guard.ts';

/** The person page's request: its address names the person. */
type RequestEvent = KitEvent<{ id: string }>;

/** The signed-in organizer and the person, or the failure to answer. */
async function organizerAndPerson(event: RequestEvent) {
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
export const personAccessActions = {
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
} satisfies Record<string, (event: RequestEvent) => unknown>;
