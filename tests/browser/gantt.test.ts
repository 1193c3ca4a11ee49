/**
 * /gantt in a real Chromium: everything seeded is drawn or listed, the keyboard reaches and opens
 * bars, axe finds nothing, SVG and PNG downloads are real files, labels and axis stay put while
 * the chart scrolls, and it still works with JavaScript off. Screenshots at desktop, phone and
 * dark for a person to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PlanFile } from '#lib/domain/schema.ts';
import { describeBrowser, openPage, screenshot, SCREENSHOT_DIR } from '../helpers/browser.ts';
import { expectCleanPage } from '../helpers/page-check.ts';
import { expect, it, startsServerAndBrowser } from '../helpers/fixture.ts';

const PATH = '/gantt?today=2024-03-01';

describeBrowser('the Gantt in Chromium', () => {
	it.beforeAll(startsServerAndBrowser);
	let plan: PlanFile;

	it.beforeAll(async ({ server }) => {
		plan = PlanFile.parse(await (await fetch(`${server.url}/api/plan`)).json());
	});

	/** Focused element's bar id and accessible name, or null when focus is not on a bar. */
	const focusedBar = (page: Page) =>
		page.evaluate(() => {
			const el = document.activeElement;
			return el?.getAttribute('data-id')
				? {
						id: el.getAttribute('data-id')!,
						order: Number(el.getAttribute('data-order')),
						name: el.querySelector('title')?.textContent ?? ''
					}
				: null;
		});

	it.for(['desktop', 'phone'] as const)(
		'at %s size: every item drawn or listed, no errors, no axe violations (default rules)',
		async (size, { server, browser }) => {
			await using opened = await openPage(browser, `${server.url}${PATH}`, size);
			const { page, response, errors } = opened;
			const drawn = await page
				.locator('svg.chart a[data-id]')
				.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
			const listed = await page
				.locator('#undated ~ * a[href^="/items/"]')
				.evaluateAll((els) => els.map((e) => e.getAttribute('href')?.slice(7)));
			for (const item of plan.items) {
				expect(
					drawn.includes(item.id) || listed.includes(item.id),
					`${item.id} drawn or listed`
				).toBe(true);
			}
			// Outside events: reference bands behind the rows.
			expect(await page.locator('svg.chart rect.band').count()).toBe(
				plan.items.filter((i) => i.kind === 'event').length
			);
			// The page never scrolls sideways: only the chart does, inside its frame.
			await expectCleanPage(page, `gantt-${size}`, { response, errors });
		}
	);

	it('on a phone: one scroll container (sideways only), lane names kept in view and whole', async ({
		server,
		browser
	}) => {
		await using opened = await openPage(browser, `${server.url}${PATH}&zoom=month`, 'phone');
		const { page } = opened;
		const scroller = page.locator('.scroller');
		await scroller.scrollIntoViewIfNeeded();
		// No scrolling box inside the page: the chart box is as tall as the chart.
		const box = await scroller.evaluate((el) => ({
			scrollHeight: el.scrollHeight,
			clientHeight: el.clientHeight,
			scrollWidth: el.scrollWidth,
			clientWidth: el.clientWidth
		}));
		expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight + 1);
		expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
		const before = await page.locator('.labels').boundingBox();
		const axisBefore = await page.locator('svg.axis').boundingBox();
		await scroller.evaluate((el) => el.scrollTo(1500, 0));
		const after = await page.locator('.labels').boundingBox();
		const axisAfter = await page.locator('svg.axis').boundingBox();
		expect(after?.x).toBeCloseTo(before!.x, 0);
		expect(axisAfter?.y).toBeCloseTo(axisBefore!.y, 0);
		const frame = await scroller.boundingBox();
		expect(after!.width).toBeLessThan(frame!.width / 2);
		// Lane names wrap, never cut: WG3's whole name is shown inside its label box.
		const wg3 = page.locator('.lane-label', { hasText: 'WG3' });
		expect((await wg3.innerText()).replace(/-\n/g, '-').replace(/\s+/g, ' ')).toBe(
			'WG3 Free-flowing and trustworthy'
		);
		const fits = await wg3.evaluate((el) => {
			const span = el.querySelector('span')!.getBoundingClientRect();
			const own = el.getBoundingClientRect();
			return span.bottom <= own.bottom + 0.5 && span.right <= own.right + 0.5;
		});
		expect(fits).toBe(true);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'gantt-phone-scrolled.png') });
	});

	it.for(['desktop', 'phone'] as const)(
		'at %s size every zoom fills the box, light and dark',
		async (size, { server, browser }) => {
			for (const zoom of ['fit', 'month', 'quarter', 'year']) {
				for (const colorScheme of ['light', 'dark'] as const) {
					await using opened = await openPage(browser, `${server.url}${PATH}&zoom=${zoom}`, size, {
						colorScheme
					});
					const { page } = opened;
					// The page measured its box and asked for the layout that fills it.
					if (size === 'phone') await page.waitForURL(/[?&]w=\d+/);
					const m = await page.evaluate(() => ({
						box: document.querySelector('.scroller')!.clientWidth,
						names: document.querySelector('.labels')!.getBoundingClientRect().width,
						chart: document.querySelector('svg.chart')!.getBoundingClientRect().width
					}));
					expect(m.chart, `${zoom} at ${size}`).toBeGreaterThanOrEqual(0.95 * (m.box - m.names));
					if (size === 'phone') expect(m.names).toBeLessThan(130);
					await screenshot(page, `gantt-${zoom}-${size}-${colorScheme}`);
				}
			}
		}
	);

	it('is keyboard operable: Tab reaches the first bar, arrows move, Enter opens it', async ({
		server,
		page
	}) => {
		await page.goto(`${server.url}${PATH}`, { waitUntil: 'networkidle' });
		let bar: Awaited<ReturnType<typeof focusedBar>> = null;
		for (let i = 0; i < 60 && !bar; i++) {
			await page.keyboard.press('Tab');
			bar = await focusedBar(page);
		}
		expect(bar, 'Tab reaches a bar').not.toBeNull();
		expect(bar?.order).toBe(0);
		// The details show on focus.
		await expect
			.poll(() => page.locator('.tip').textContent(), { timeout: 5000 })
			.toContain('Lead');
		await page.keyboard.press('ArrowRight');
		const second = await focusedBar(page);
		expect(second?.order).toBe(1);
		await page.keyboard.press('ArrowDown');
		const below = await focusedBar(page);
		expect(below).not.toBeNull();
		expect(below!.order).toBeGreaterThan(1);
		await page.keyboard.press('End');
		const last = await focusedBar(page);
		expect(last?.order).toBe((await page.locator('svg.chart a[data-id]').count()) - 1);
		// Every bar's name carries its dates and its lead.
		const consultation = page.locator('a[data-id="iww-consultation-1"]');
		expect(await consultation.locator('title').textContent()).toBe(
			'1st IWW consultation, activity, 1st March 2024 (1 Mar 2024), lead Lise Fuhr'
		);
		await consultation.focus();
		await page.keyboard.press('Enter');
		await page.waitForURL('**/items/iww-consultation-1');
		expect(await page.locator('h1').textContent()).toContain('1st IWW consultation');
	});

	it('downloads the chart as a standalone SVG and a PNG: titled, with a legend, light even in dark mode', async ({
		server,
		browser
	}) => {
		await using opened = await openPage(browser, `${server.url}${PATH}`, 'desktop', {
			colorScheme: 'dark'
		});
		const { page, errors } = opened;
		const bars = await page.locator('svg.chart a[data-id]').count();
		const [svgDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'SVG' }).click()
		]);
		expect(svgDownload.suggestedFilename()).toBe('gantt-2024-03-01.svg');
		const svg = readFileSync(await svgDownload.path(), 'utf8');
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(svg.match(/data-id="/g)).toHaveLength(bars);
		expect(svg).toContain('as of Fri 1 Mar 2024');
		expect(svg).toContain('Outside events');
		// Lane names keep every word, line by line as on the page.
		expect(svg).toMatch(/>WG3 Free-flowing( and)?<\/text>/);
		expect(svg).toContain('trustworthy</text>');
		expect(svg).not.toContain('andtrustworthy');
		expect(svg, 'colours are resolved, not CSS variables').not.toContain('var(--');
		// A real SVG parser accepts it.
		const parsed = await page.evaluate((text) => {
			const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
			return doc.querySelector('parsererror') ? 'error' : doc.documentElement.tagName;
		}, svg);
		expect(parsed).toBe('svg');

		const [pngDownload] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'PNG' }).click()
		]);
		const png = readFileSync(await pngDownload.path());
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		writeFileSync(path.join(SCREENSHOT_DIR, 'gantt-export.png'), png);
		expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		const width = png.readUInt32BE(16);
		const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
		expect(width).toBe(svgWidth * 2);
		expect(png.length).toBeGreaterThan(20_000);
		// Title and legend sit above the axis: the image is taller than the chart's own parts.
		expect(png.readUInt32BE(20)).toBe(Number(/height="(\d+)"/.exec(svg)?.[1]) * 2);
		expect(svg).toContain('Outside events');
		expect(svg).toContain('dashed: date not fixed');
		// Light: sample the background and the share of light pixels, decoded by the browser.
		const light = await page.evaluate(async (b64) => {
			const img = new Image();
			img.src = `data:image/png;base64,${b64}`;
			await img.decode();
			const c = document.createElement('canvas');
			c.width = img.width;
			c.height = img.height;
			const ctx = c.getContext('2d')!;
			ctx.drawImage(img, 0, 0);
			const data = ctx.getImageData(0, 0, c.width, c.height).data;
			let bright = 0;
			let n = 0;
			for (let i = 0; i < data.length; i += 4 * 97) {
				n++;
				if (data[i]! + data[i + 1]! + data[i + 2]! > 600) bright++;
			}
			const corner = [...ctx.getImageData(2, 2, 1, 1).data];
			return { share: bright / n, corner };
		}, png.toString('base64'));
		expect(light.corner.slice(0, 3).every((v) => v > 230)).toBe(true);
		expect(light.share).toBeGreaterThan(0.7);
		expect(errors).toEqual([]);
	});

	it('reads and filters without JavaScript, and in dark mode', async ({ server, browser }) => {
		await using opened = await openPage(browser, `${server.url}${PATH}`, 'desktop', {
			javaScriptEnabled: false,
			colorScheme: 'dark'
		});
		const { page } = opened;
		await screenshot(page, 'gantt-desktop-dark-nojs');
		expect(await page.locator('svg.chart a[data-id]').count()).toBeGreaterThan(20);
		// Native tooltips stand in for the hover card.
		expect(await page.locator('a[data-id="iww-consultation-1"] title').textContent()).toContain(
			'Lise Fuhr'
		);
		await page.locator('summary', { hasText: 'Filters' }).click();
		// Every kind is ticked at first: the boxes say what is shown.
		for (const box of await page.locator('input[name="kind"]').all()) {
			expect(await box.isChecked()).toBe(true);
			await box.uncheck();
		}
		await page.locator('input[name="kind"][value="deadline"]').check();
		await page.getByRole('button', { name: 'Apply' }).click();
		await page.waitForURL(/kind=deadline/);
		const kinds = await page
			.locator('svg.chart a[data-id]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('class') ?? ''));
		expect(kinds.length).toBeGreaterThan(0);
		for (const k of kinds) expect(k).toContain('k-deadline');
	});

	it('with no kind ticked shows nothing, and says so', async ({ server, page }) => {
		await page.goto(`${server.url}${PATH}&kinds=chosen`, { waitUntil: 'networkidle' });
		expect(await page.locator('svg.chart a[data-id]').count()).toBe(0);
		expect(await page.getByRole('status').innerText()).toContain('No kind is ticked');
		expect(await page.locator('input[name="kind"]:checked').count()).toBe(0);
	});

	it('a person filter keeps their outside commitments (Lise Fuhr at MWC)', async ({
		server,
		browser
	}) => {
		await using opened = await openPage(
			browser,
			`${server.url}${PATH}&person=lise-fuhr`,
			'desktop'
		);
		const { page } = opened;
		expect(await page.locator('svg.chart a[data-id="mwc-2024"]').count()).toBe(1);
		expect(await page.locator('svg.chart a[data-id="iww-consultation-1"]').count()).toBe(1);
	});

	it('counts violated and at-risk dependencies apart in the header', async ({ server, page }) => {
		await page.goto(`${server.url}${PATH}`, { waitUntil: 'networkidle' });
		const states = await page
			.locator('.violations li strong')
			.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
		const violated = states.filter((t) => t.startsWith('Violated')).length;
		const atRisk = states.filter((t) => t.startsWith('At risk')).length;
		const lede = await page.locator('.lede').innerText();
		if (violated) expect(lede).toContain(`${violated} dependenc`);
		else expect(lede).not.toContain('violated');
		if (atRisk) expect(lede).toContain(`${atRisk} at risk`);
	});

	it('a skip link takes the keyboard to the chart: the first bar in a few Tab presses', async ({
		server,
		page
	}) => {
		await page.goto(`${server.url}${PATH}`, { waitUntil: 'networkidle' });
		let presses = 0;
		for (; presses < 40; presses++) {
			await page.keyboard.press('Tab');
			const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
			if (text === 'Skip to the chart') break;
		}
		expect(presses).toBeLessThan(25);
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		expect((await focusedBar(page))?.order).toBe(0);
	});

	it('passes axe in dark mode too (contrast of the dark palette)', async ({ server, browser }) => {
		await using opened = await openPage(browser, `${server.url}${PATH}`, 'desktop', {
			colorScheme: 'dark'
		});
		const { page, response, errors } = opened;
		await expectCleanPage(page, 'gantt-desktop-dark', { response, errors });
	});
});
