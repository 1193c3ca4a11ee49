/**
 * Every page route, as an organizer sees it (signed in) and the member and error pages, at 1280
 * and 375 px, light and dark: axe with its default rules (best practices included) finds nothing,
 * no console errors, and the page never scrolls sideways. One browser and one tab per size walk
 * them all; the dark scheme reruns only axe's colour rules on the same loaded page.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PlanFile } from '#lib/domain/schema.ts';
import { feedLink, memberLink } from '../helpers/cli.ts';
import { describeBrowser, signIn, VIEWPORTS, type ViewportName } from '../helpers/browser.ts';
import { anotherServer, expect, startsServerAndBrowser, test as base } from '../helpers/fixture.ts';
import { pageProblems } from '../helpers/page-check.ts';
import { ROOT } from '../helpers/server.ts';

const PASSWORD = 'every-page-password';

/** Every `+page.svelte` under src/routes, as its route id ("/items/[id=id]/edit"). */
function pageRoutes(dir = path.join(ROOT, 'src/routes'), id = ''): string[] {
	const found: string[] = [];
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) found.push(...pageRoutes(full, `${id}/${name}`));
		else if (name === '+page.svelte') found.push(id || '/');
	}
	return found;
}

/** A second server without an organizer password: the only one with a setup page. */
const it = base.extend('fresh', { scope: 'file' }, anotherServer());
it.override('serverOptions', { env: { ORGANIZER_PASSWORD: PASSWORD } });

describeBrowser('every page, light and dark, 1280 and 375 px', () => {
	it.beforeAll(startsServerAndBrowser);
	/** Route id -> the addresses that show it (some routes have several states worth checking). */
	const urls = new Map<string, string[]>();

	it.beforeAll(async ({ server, fresh }) => {
		const plan = PlanFile.parse(await (await fetch(`${server.url}/api/plan`)).json());
		const item = plan.items.find((i) => i.id === 'wsis-20-joint-submission') ?? plan.items[0]!;
		const person = plan.people.find((p) => p.name === 'Lise Fuhr') ?? plan.people[0]!;
		const group = plan.groups[0]!;
		const location = plan.locations[0]!;
		const me = new URL(memberLink(server, person.id)).pathname;
		const feed = new URL(feedLink(server, person.id)).pathname;
		const token = /\/feeds\/people\/([^/.]+)/.exec(feed)?.[1] ?? 'missing';
		const set = (route: string, ...addresses: string[]) => urls.set(route, addresses);
		set('/', '/');
		set('/plan', '/plan');
		set('/plan/file', '/plan/file');
		set('/items/[id=id]', `/items/${item.id}`);
		set('/items/[id=id]/edit', `/items/${item.id}/edit`);
		set('/items/new', '/items/new');
		set('/people', '/people');
		set('/people/[id=id]', `/people/${person.id}`);
		set('/people/[id=id]/edit', `/people/${person.id}/edit`);
		set('/people/new', '/people/new');
		set('/groups', '/groups');
		set('/groups/[id=id]/edit', `/groups/${group.id}/edit`);
		set('/groups/new', '/groups/new');
		set('/locations', '/locations');
		set('/locations/[id=id]', `/locations/${location.id}`);
		set('/locations/[id=id]/edit', `/locations/${location.id}/edit`);
		set('/locations/new', '/locations/new');
		set(
			'/calendar',
			'/calendar?view=month&date=2024-02-01',
			'/calendar?view=week&date=2023-12-18',
			'/calendar?view=year&date=2024-02-01',
			'/calendar?view=list&date=2024-02-01'
		);
		set('/gantt', '/gantt', '/gantt?zoom=month', '/gantt?view=table');
		set('/clashes', '/clashes');
		set('/find', '/find?required=Lise+Fuhr%2C+Chair%2C+all+members', '/find?tab=virtual');
		set('/history', '/history');
		set('/subscribe', '/subscribe');
		set('/delivery', '/delivery');
		set('/login', '/login');
		set('/me/[token=token]', me);
		set('/me/[token=token]/changes', `${me}/changes`);
		set('/feeds/people/[token=token]/changes', `/feeds/people/${token}/changes`);
		// The organizer's first-run page: its link is printed by a server that has no password yet.
		const setup = /https?:\/\/\S+\/login\/setup\/\S+/.exec(fresh.output())?.[0];
		expect(setup, 'the setup link in the server log').toBeDefined();
		set('/login/setup/[token=token]', setup!);
		set('(404)', '/no-such-page', `/items/no-such-item`);
	});

	it('lists a check for every page route in src/routes', () => {
		const missing = pageRoutes().filter((r) => !urls.has(r));
		expect(missing, 'routes the walk does not visit').toEqual([]);
	});

	it.for(Object.keys(VIEWPORTS) as ViewportName[])(
		'at %s size: no axe violation, console error or sideways scroll on any page',
		// About 40 s on a quiet 2-core machine; several minutes when it is shared and loaded.
		{ timeout: 300_000 },
		async (size, { server, browser }) => {
			const context = await browser.newContext({
				locale: 'en-GB',
				timezoneId: 'UTC',
				viewport: VIEWPORTS[size]
			});
			const page: Page = await context.newPage();
			const errors: string[] = [];
			page.on('console', (m) => {
				// A 404 page answers 404 on purpose; Chromium logs that as a failed resource.
				if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text());
			});
			page.on('pageerror', (e) => errors.push(e.message));
			// Signed in as an organizer: the pages show their edit links and forms.
			await signIn(page, server.url, 'Axe', PASSWORD);
			const problems: string[] = [];
			const started = Date.now();
			try {
				for (const address of [...urls.values()].flat()) {
					errors.length = 0;
					await page.emulateMedia({ colorScheme: 'light' });
					const url = address.startsWith('http') ? address : `${server.url}${address}`;
					await page.goto(url, { waitUntil: 'networkidle' });
					if (address.startsWith('/calendar')) {
						await page.waitForSelector('.calendar[data-ready]', { timeout: 20_000 });
					}
					for (const scheme of ['light', 'dark'] as const) {
						await page.emulateMedia({ colorScheme: scheme });
						const found = await pageProblems(page, { errors, colourOnly: scheme === 'dark' });
						if (found.length) problems.push(`${address} (${scheme}):\n${found.join('\n')}`);
						errors.length = 0;
					}
				}
			} finally {
				await context.close();
			}
			console.log(`every-page walk at ${size}: ${Math.round((Date.now() - started) / 1000)} s`);
			expect(problems.join('\n\n')).toBe('');
		}
	);
});
