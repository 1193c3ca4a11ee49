/**
 * The calendar in a real Chromium whose own time zone is forced (playwright `timezoneId`) to the
 * extremes: every all-day item must sit on its plan dates and the 18 Dec 2023 16:00 UTC call at
 * the right local hour, whatever the zone. Read from FullCalendar's rendered List view (day
 * headings with their items), so a day shift anywhere in rendering would show.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { LIST_ONCE_AFTER_DAYS } from '#lib/domain/calendar.ts';
import { addDays, resolve } from '#lib/domain/dates.ts';
import { PlanFile } from '#lib/domain/schema.ts';
import {
	describeBrowser,
	openPage,
	screenshot,
	type OpenedPage,
	type OpenPageOptions,
	type ViewportName
} from '../helpers/browser.ts';
import { expectCleanPage, expectFits } from '../helpers/page-check.ts';
import { describe, expect, startsServerAndBrowser, test as base } from '../helpers/fixture.ts';

const ZONES = [
	'UTC',
	'Pacific/Kiritimati',
	'Pacific/Pago_Pago',
	'Asia/Kathmandu',
	'America/St_Johns'
];

/** Where the 18 Dec 2023 16:00–17:00 UTC call belongs on each zone's clock (worked out by hand). */
const PLENARY: Record<string, { date: string; time: string }> = {
	UTC: { date: '2023-12-18', time: '16:00–17:00' },
	'Pacific/Kiritimati': { date: '2023-12-19', time: '06:00–07:00' }, // UTC+14
	'Pacific/Pago_Pago': { date: '2023-12-18', time: '05:00–06:00' }, // UTC−11
	'Asia/Kathmandu': { date: '2023-12-18', time: '21:45–22:45' }, // UTC+5:45
	'America/St_Johns': { date: '2023-12-18', time: '12:30–13:30' }, // NST, UTC−3:30
	'Europe/Brussels': { date: '2023-12-18', time: '17:00–18:00' }, // CET
	// The issue says 08:00, but Mexico has kept UTC−6 all year since its 2022 law: 16:00 UTC is 10:00.
	'America/Mexico_City': { date: '2023-12-18', time: '10:00–11:00' },
	'Asia/Tokyo': { date: '2023-12-19', time: '01:00–02:00' } // JST, UTC+9
};

type Seen = { id: string; date: string; time: string };

/** Every item link in the List view, with the day heading it sits under and its time text. */
async function listEntries(page: Page): Promise<Seen[]> {
	return page.evaluate(() => {
		const out: { id: string; date: string; time: string }[] = [];
		for (const head of document.querySelectorAll<HTMLElement>('.calendar [data-date]')) {
			const date = head.dataset.date ?? '';
			const day = head.parentElement;
			if (!day) continue;
			for (const a of day.querySelectorAll<HTMLAnchorElement>('a[href^="/items/"]')) {
				out.push({
					id: a.getAttribute('href')!.slice('/items/'.length),
					date,
					time: (a.innerText.split('\n')[0] ?? '').trim()
				});
			}
		}
		return out;
	});
}

async function calendarReady(page: Page): Promise<void> {
	await page.waitForSelector('.calendar[data-ready]', { timeout: 20_000 });
}

/** `openCalendar(query, …)`: opens `/calendar?<query>` once FullCalendar has drawn it. */
const it = base.extend(
	'openCalendar',
	({ server, browser }) =>
		async (
			query: string,
			size: ViewportName = 'desktop',
			options: OpenPageOptions = {}
		): Promise<OpenedPage> => {
			const opened = await openPage(browser, `${server.url}/calendar?${query}`, size, options);
			try {
				await calendarReady(opened.page);
			} catch (e) {
				await opened.close();
				throw e;
			}
			return opened;
		}
);

/** The List view for `months` months from `first` (YYYY-MM-01), stepping with the Next button. */
async function listMonths(page: Page, months: number): Promise<Seen[]> {
	const title = page.locator('.calendar [role="heading"]').first();
	const seen: Seen[] = [];
	for (let i = 0; i < months; i++) {
		seen.push(...(await listEntries(page)));
		if (i === months - 1) break;
		const before = await title.innerText();
		await page.locator('.calendar button[aria-label^="Next"]').click();
		await page.waitForFunction(
			(t) => document.querySelector('.calendar [role="heading"]')?.textContent !== t,
			before
		);
	}
	return seen;
}

function daysBetween(first: string, lastInclusive: string): string[] {
	const days: string[] = [];
	for (let d = first; d <= lastInclusive; d = addDays(d, 1)) days.push(d);
	return days;
}

describeBrowser('calendar in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	let plan: PlanFile;
	/**
	 * Dated all-day items and the days the plan gives them (inclusive); `once`: a fuzzy or long
	 * item, which a list shows once (on the first day of its window in each month's list).
	 */
	let allDay: { id: string; days: string[]; once: boolean }[];

	it.beforeAll(async ({ server }) => {
		plan = PlanFile.parse(await (await fetch(`${server.url}/api/plan`)).json());
		allDay = plan.items.flatMap((i) => {
			const r = resolve(i.when);
			if (r.timed || r.earliest === null || r.latest === null) return [];
			const days = daysBetween(r.earliest, r.latest);
			return [{ id: i.id, days, once: !r.exact || days.length > LIST_ONCE_AFTER_DAYS }];
		});
	});

	it.for(ZONES)(
		'in a browser set to %s, every all-day item is on its plan dates and the call at its local hour',
		async (zone, { openCalendar }) => {
			// Dec 2023 to Dec 2024 holds every dated item of the plan.
			await using opened = await openCalendar(`view=list&date=2023-12-01`, 'desktop', {
				timezoneId: zone
			});
			const { page, errors } = opened;
			// The default zone is the browser's (Chromium may spell an old alias, e.g. Katmandu).
			const shown = await page.getByTestId('zone').innerText();
			expect(new Intl.DateTimeFormat('en', { timeZone: shown }).resolvedOptions().timeZone).toBe(
				new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone
			);
			const seen = await listMonths(page, 13);
			for (const { id, days, once } of allDay) {
				const on = seen.filter((s) => s.id === id);
				// A fuzzy or long item: once per month's list, on its first day in that month.
				const expected = once ? days.filter((d, i) => i === 0 || d.endsWith('-01')) : days;
				expect(
					on.map((s) => s.date),
					`${id} in ${zone}`
				).toEqual(expected);
				expect(new Set(on.map((s) => s.time)), `${id} is all-day`).toEqual(new Set(['All-day']));
			}
			const mwc = seen.filter((s) => s.id === 'mwc-2024').map((s) => s.date);
			expect(mwc).toEqual(['2024-02-26', '2024-02-27', '2024-02-28', '2024-02-29']);
			const call = seen.filter((s) => s.id === 'plenary-2023-12-18');
			expect(call).toEqual([{ id: 'plenary-2023-12-18', ...PLENARY[zone] }]);
			expect(errors).toEqual([]);
		}
	);

	it.for(['Europe/Brussels', 'America/Mexico_City', 'Asia/Tokyo'])(
		'?zone=%s (picked, browser in UTC) moves the call and keeps MWC on 26–29 Feb',
		async (zone, { openCalendar }) => {
			await using opened = await openCalendar(
				`view=list&date=2023-12-01&zone=${encodeURIComponent(zone)}`
			);
			const { page } = opened;
			expect(await page.getByTestId('zone').innerText()).toBe(zone);
			const seen = await listMonths(page, 3);
			expect(seen.filter((s) => s.id === 'plenary-2023-12-18')).toEqual([
				{ id: 'plenary-2023-12-18', ...PLENARY[zone] }
			]);
			expect(seen.filter((s) => s.id === 'mwc-2024').map((s) => s.date)).toEqual([
				'2024-02-26',
				'2024-02-27',
				'2024-02-28',
				'2024-02-29'
			]);
		}
	);

	it('week view in Tokyo puts the call in the Tuesday 19 Dec column at 01:00', async ({
		openCalendar
	}) => {
		await using opened = await openCalendar(`view=week&date=2023-12-18`, 'desktop', {
			timezoneId: 'Asia/Tokyo'
		});
		const { page } = opened;
		await screenshot(page, 'calendar-week-tokyo-desktop');
		const where = await page.evaluate(() => {
			const ev = document.querySelector<HTMLElement>(
				'.calendar a[href="/items/plenary-2023-12-18"]'
			);
			if (!ev) return null;
			const box = ev.getBoundingClientRect();
			const x = box.left + box.width / 2;
			const cols = [...document.querySelectorAll<HTMLElement>('.calendar [data-date]')].filter(
				(c) => {
					const r = c.getBoundingClientRect();
					return r.left <= x && x <= r.right;
				}
			);
			return { dates: [...new Set(cols.map((c) => c.dataset.date))], text: ev.innerText };
		});
		expect(where?.dates).toEqual(['2023-12-19']);
		expect(where?.text).toMatch(/^01:00–02:00/);
	});

	it('the zone picker and the person filter change the URL and the calendar', async ({
		openCalendar
	}) => {
		await using opened = await openCalendar(`view=list&date=2023-12-01`);
		const { page } = opened;
		await page.locator('select[name="zone"]').selectOption('Asia/Tokyo');
		await page.waitForURL(/zone=Asia%2FTokyo/);
		await page.waitForFunction(() =>
			document
				.querySelector<HTMLElement>('.calendar [data-date="2023-12-19"]')
				?.parentElement?.querySelector('a[href="/items/plenary-2023-12-18"]')
		);
		const seen = await listEntries(page);
		expect(seen.find((s) => s.id === 'plenary-2023-12-18')).toEqual({
			id: 'plenary-2023-12-18',
			...PLENARY['Asia/Tokyo']
		});
		expect(seen.some((s) => s.id === 'report-chair-version')).toBe(true);

		// Lise Fuhr was at the call but is not on the Chair's version of the report.
		await page.locator('select[name="person"]').selectOption('lise-fuhr');
		await page.waitForURL(/person=lise-fuhr/);
		await page.waitForFunction(
			() => !document.querySelector('.calendar a[href="/items/report-chair-version"]')
		);
		const mine = await listEntries(page);
		expect(mine.some((s) => s.id === 'plenary-2023-12-18')).toBe(true);
		expect(page.url()).toMatch(/zone=Asia%2FTokyo/);
	});

	it('clicking an event opens the item page', async ({ openCalendar }) => {
		await using opened = await openCalendar(`view=month&date=2024-02-01`);
		const { page } = opened;
		await page.locator('.calendar a[href="/items/mwc-2024"]').first().click();
		await page.waitForURL(/\/items\/mwc-2024$/);
		expect(await page.locator('h1').innerText()).toMatch(/MWC/);
	});

	it('without JavaScript the page is a list of every dated item', async ({ server, browser }) => {
		await using opened = await openPage(browser, `${server.url}/calendar`, 'desktop', {
			javaScriptEnabled: false
		});
		const { page } = opened;
		await screenshot(page, 'calendar-nojs-desktop');
		expect(await page.locator('.calendar').count()).toBe(0);
		const links = await page
			.locator('section.list a[href^="/items/"]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		for (const { id } of allDay) expect(links).toContain(`/items/${id}`);
		expect(links).toContain('/items/plenary-2023-12-18');
	});

	it.for(['desktop', 'phone'] as const)(
		'the Year view (%s) shows titles, each fuzzy item once with its window',
		async (size, { openCalendar }) => {
			await using opened = await openCalendar(`view=year&date=2024-01-01`, size);
			const { page } = opened;
			const seen = await listEntries(page);
			const titles = await page
				.locator('.calendar a[href^="/items/"]')
				.evaluateAll((as) => as.map((a) => (a as HTMLElement).innerText));
			expect(titles.some((t) => t.includes('MWC Barcelona 2024'))).toBe(true);
			expect(titles.filter((t) => /^\+\d/.test(t.trim()))).toEqual([]);
			// The invitation letters' window runs 18 Dec 2023 – 29 Feb 2024: once, on 1 Jan.
			const letters = seen.filter((s) => s.id === 'iww-invitation-letters');
			expect(letters.map((s) => s.date)).toEqual(['2024-01-01']);
			const text = await page
				.locator('.calendar a[href="/items/iww-invitation-letters"]')
				.innerText();
			expect(text).toContain('Dec 2023');
			expect(seen.filter((s) => s.id === 'wg-whole-and-open-goals').map((s) => s.date)).toEqual([
				'2024-05-01'
			]);
			await expectFits(page);
		}
	);

	it('week view shows the working day (no 00:00 start) with dates in the phone’s headers', async ({
		openCalendar
	}) => {
		await using opened = await openCalendar(`view=week&date=2023-12-18`, 'phone', {
			timezoneId: 'Europe/Brussels'
		});
		const { page } = opened;
		const headers = await page
			.locator('.calendar [role="columnheader"]')
			.evaluateAll((hs) => hs.map((h) => (h as HTMLElement).innerText.trim()));
		expect(headers.join(' ')).toMatch(/M\S* 18.*S\S* 24/);
		const call = page.locator('.calendar a[href="/items/plenary-2023-12-18"]');
		const box = await call.boundingBox();
		// The 17:00 call is on the first screens of the page, not 17 hours down.
		expect(box!.y).toBeLessThan(1400);
		const slots = await page
			.locator('.calendar [data-time]')
			.evaluateAll((ts) => ts.map((t) => t.getAttribute('data-time')));
		expect(slots).not.toContain('00:00:00');
		expect(slots).toContain('08:00:00');
		await expectFits(page);
	});

	it('shows an event’s details on hover and on keyboard focus, inside the window', async ({
		openCalendar
	}) => {
		await using opened = await openCalendar(`view=month&date=2024-02-01`, 'phone');
		const { page } = opened;
		const tip = page.locator('#calendar-event-tip');
		expect(await tip.isHidden()).toBe(true);
		const letters = page.locator('.calendar a[href="/items/iww-invitation-letters"]').first();
		await letters.hover();
		await expect.poll(() => tip.innerText()).toContain('Letters inviting organizations');
		expect(await tip.innerText()).toContain('Action item');
		const inView = async () => {
			const box = (await tip.boundingBox())!;
			return box.x >= 0 && box.x + box.width <= 375 && box.y >= 0 && box.y + box.height <= 812;
		};
		expect(await inView()).toBe(true);
		await page.mouse.move(0, 0);
		await expect.poll(() => tip.isHidden()).toBe(true);
		const mwc = page.locator('.calendar a[href="/items/mwc-2024"]').last();
		await mwc.focus();
		await expect.poll(() => tip.innerText()).toContain('MWC Barcelona 2024');
		expect(await mwc.getAttribute('aria-describedby')).toBe('calendar-event-tip');
		expect(await inView()).toBe(true);
	});

	const views = ['month', 'year', 'week', 'list'] as const;
	const sizes: ViewportName[] = ['desktop', 'phone'];
	it.for(
		views.flatMap((view) =>
			sizes.flatMap((size) =>
				(['light', 'dark'] as const).map((scheme) => ({ view, size, scheme }))
			)
		)
	)(
		'$view view at $size size, $scheme, passes axe (default rules) without overflow',
		async ({ view, size, scheme }, { openCalendar }) => {
			const date = view === 'week' ? '2023-12-18' : '2024-02-01';
			await using opened = await openCalendar(`view=${view}&date=${date}`, size, {
				colorScheme: scheme
			});
			const { page, errors } = opened;
			await expectCleanPage(page, `calendar-${view}-${size}-${scheme}`, { errors });
		}
	);

	it.for(sizes)(
		'the call’s item page in a Tokyo browser shows its own and the viewer’s time (%s)',
		async (size, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}/items/plenary-2023-12-18`, size, {
				timezoneId: 'Asia/Tokyo'
			});
			const { page, errors } = opened;
			// JavaScript adds the browser's zone to the address; the server writes that clock.
			await page.waitForURL(/zone=Asia%2FTokyo/);
			await page.getByTestId('viewer-time').getByText('Tue 19 Dec 2023, 01:00').waitFor();
			expect(await page.locator('.facts').innerText()).toContain(
				'Mon 18 Dec 2023, 16:00–17:00 UTC'
			);
			expect(await page.locator('tr.night').count()).toBeGreaterThan(0);
			await expectCleanPage(page, `item-call-tokyo-${size}`, { errors });
		}
	);

	it('ships FullCalendar only to /calendar, under 200 KB of gzip JavaScript', async ({
		server,
		browser
	}) => {
		const scripts = async (path: string) => {
			await using opened = await openPage(browser, `${server.url}${path}`);
			const bodies = new Map<string, Buffer>();
			// Reload with a listener attached from the start, so every script is counted.
			const pending: Promise<void>[] = [];
			opened.page.on('response', (res) => {
				if (res.request().resourceType() === 'script')
					pending.push(res.body().then((b) => void bodies.set(res.url(), b)));
			});
			await opened.page.reload({ waitUntil: 'networkidle' });
			if (path.startsWith('/calendar')) await calendarReady(opened.page);
			await Promise.all(pending);
			return bodies;
		};
		const calendar = await scripts('/calendar?date=2024-02-01');
		const fc = [...calendar].filter(([, b]) => b.toString('utf8').includes('fc-classic'));
		expect(fc.length, 'FullCalendar is one of the scripts /calendar loads').toBeGreaterThan(0);
		const gzip = [...calendar.values()].reduce((n, b) => n + gzipSync(b).length, 0);
		expect(gzip).toBeLessThan(200 * 1024);
		for (const path of ['/', '/items/plenary-2023-12-18?zone=UTC']) {
			const other = await scripts(path);
			for (const [url] of fc) expect(other.has(url), `${path} loads ${url}`).toBe(false);
		}
	});
});

/**
 * Its own server (and browser): the items it adds stay out of the suite above, and the import
 * needs a token. A file's fixtures are one per file, so this is a second set, not an override.
 */
const DST_TOKEN = 'dst-test-token';
const dstIt = it.extend('serverOptions', { scope: 'file' }, { env: { ADMIN_TOKEN: DST_TOKEN } });

describeBrowser('calendar across a DST change', () => {
	dstIt.beforeAll(startsServerAndBrowser);
	dstIt.beforeAll(async ({ server }) => {
		// The served plan as plain JSON, so the new items go through the server's own validation.
		const plan = (await (await fetch(`${server.url}/api/plan`)).json()) as { items: unknown[] };
		// Europe moved its clocks on Sun 31 Mar 2024 at 01:00 UTC: the same 16:00 UTC call is 17:00
		// on Saturday and 18:00 on Sunday in Brussels; an all-day retreat spans the change.
		const call = (id: string, day: string) => ({
			id,
			kind: 'meeting',
			title: `Call ${day}`,
			when: {
				type: 'timed',
				start: `${day}T16:00Z`,
				end: `${day}T17:00Z`,
				zone: 'Europe/Brussels'
			}
		});
		plan.items.push(call('call-before-dst', '2024-03-30'), call('call-after-dst', '2024-03-31'), {
			id: 'retreat-over-dst',
			kind: 'activity',
			title: 'Retreat over the clock change',
			when: { type: 'range', start: '2024-03-29', end: '2024-04-01' }
		});
		const res = await fetch(`${server.url}/api/plan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${DST_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify(plan)
		});
		expect(res.status, await res.text()).toBeLessThan(300);
	});

	describe.each(['Europe/Brussels', 'America/St_Johns'])('browser in %s', (zone) => {
		const expected: Record<string, Record<string, { date: string; time: string }>> = {
			'Europe/Brussels': {
				'call-before-dst': { date: '2024-03-30', time: '17:00–18:00' },
				'call-after-dst': { date: '2024-03-31', time: '18:00–19:00' }
			},
			// Newfoundland moved on 10 Mar: both calls are in NDT (UTC−2:30).
			'America/St_Johns': {
				'call-before-dst': { date: '2024-03-30', time: '13:30–14:30' },
				'call-after-dst': { date: '2024-03-31', time: '13:30–14:30' }
			}
		};
		dstIt(
			'puts each call at its local hour and the retreat on its four days',
			async ({ openCalendar }) => {
				await using opened = await openCalendar(`view=list&date=2024-03-01`, 'desktop', {
					timezoneId: zone
				});
				const { page } = opened;
				const seen = await listMonths(page, 2);
				for (const [id, at] of Object.entries(expected[zone]!)) {
					expect(seen.filter((s) => s.id === id)).toEqual([{ id, ...at }]);
				}
				expect(seen.filter((s) => s.id === 'retreat-over-dst').map((s) => s.date)).toEqual([
					'2024-03-29',
					'2024-03-30',
					'2024-03-31',
					'2024-04-01'
				]);
			}
		);
	});
});
