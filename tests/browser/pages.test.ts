/**
 * Every main page in a real Chromium at desktop and phone size: it loads, has a heading, logs no
 * errors, passes axe's default rules, and fits the screen without sideways scrolling (the item and
 * person pages too, now that `expectCleanPage` holds every page to it). Screenshots land in
 * screenshots/ for a person to look at.
 */
import { PlanFile } from '#lib/domain/schema.ts';
import { describeBrowser, openPage, SIZES } from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

type PageName = 'home' | 'plan' | 'people' | 'item' | 'person' | 'subscribe';
const NAMES: PageName[] = ['home', 'plan', 'people', 'item', 'person', 'subscribe'];

it.override('serverOptions', { env: { ADMIN_TOKEN: 'browser-test-token' } });

describeBrowser('main pages in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	// Item and person ids come from the seeded plan, so they are filled in by beforeAll.
	const paths: Partial<Record<PageName, string>> = {
		home: '/',
		plan: '/plan',
		people: '/people',
		subscribe: '/subscribe'
	};

	it.beforeAll(async ({ server }) => {
		const res = await fetch(`${server.url}/api/plan`);
		expect(res.status, 'GET /api/plan is needed to find an item and a person').toBe(200);
		const plan = PlanFile.parse(await res.json());
		// The NETmundial+10 presentation ("early May 2024") has fuzzy dates: the hardest item page.
		const item = plan.items.find((i) => i.when.text === 'early May 2024');
		const person = plan.people.find((p) => p.name === 'Vint Cerf');
		if (item) paths.item = `/items/${item.id}`;
		if (person) paths.person = `/people/${person.id}`;
	});

	const cases = NAMES.flatMap((name) => SIZES.map((size) => ({ name, size })));

	it.for(cases)(
		'$name page at $size size loads cleanly and accessibly',
		async ({ name, size }, { server, browser }) => {
			const path = paths[name];
			expect(path, `a ${name} page to open`).toBeDefined();
			await using opened = await openPage(browser, `${server.url}${path}`, size);
			const { page, response, errors } = opened;
			await expectCleanPage(page, `${name}-${size}`, { response, errors });
			expect(await page.locator('h1').count(), `<h1> on ${path}`).toBeGreaterThanOrEqual(1);
		}
	);
});
