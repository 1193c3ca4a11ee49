/**
 * A member's personal page shows their own clashes and hands out their private calendar feed:
 * the address is shown once, works at once, and a new one retires the old one.
 */
import { postForm } from '../helpers/forms.ts';
import { memberLink } from '../helpers/cli.ts';
import { fetchText, textOf } from '../helpers/http.ts';
import { expect, it, startsServer } from '../helpers/fixture.ts';

it.beforeAll(startsServer);

/** The feed address in the action's answer (rendered on the page). */
const feedUrlIn = (html: string) =>
	/<code[^>]*>(https?:\/\/[^<]+\/feeds\/people\/[A-Za-z0-9_-]{43}\.ics)<\/code>/.exec(html)?.[1];

it('shows Lise Fuhr her MWC/Riyadh clash and gives her a private feed that works', async ({
	server
}) => {
	const link = memberLink(server, 'lise-fuhr');
	const page = await fetchText(link);
	expect(page.status).toBe(200);
	const text = textOf(page.body);
	expect(text).toContain('Your clashes');
	expect(text).toContain('Lise Fuhr are at MWC Barcelona 2024');

	const first = await postForm(`${link}?/feed`, {});
	expect(first.status).toBe(200);
	const url = feedUrlIn(first.body);
	expect(url).toBeDefined();
	const path = new URL(url!).pathname;
	const feed = await fetchText(`${server.url}${path}`);
	expect(feed.status).toBe(200);
	expect(feed.type).toContain('text/calendar');
	expect(feed.body).toContain('You lead');

	const second = await postForm(`${link}?/feed`, {});
	const next = feedUrlIn(second.body);
	expect(next).toBeDefined();
	expect(next).not.toBe(url);
	expect((await fetchText(`${server.url}${path}`)).status).toBe(404);
});
