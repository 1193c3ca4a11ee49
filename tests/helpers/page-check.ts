/**
 * The one check every page must pass, wherever a test opens it: the status it was served with, no
 * console or page errors, axe with its default rules, no sideways scrolling of the page itself (a
 * wide chart or table scrolls inside its own box), and a screenshot a person can look at.
 */
import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { formatViolations, horizontalOverflow, runAxe, screenshot } from './browser.ts';

/** The axe rules whose outcome depends on colours: all a second colour scheme needs to rerun. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

export interface PageCheck {
	/** The response that loaded the page: it must have answered `status` (200 unless said). */
	response?: Response | null;
	status?: number;
	/**
	 * The console and page errors seen so far (`OpenedPage.errors`). A test that provokes some on
	 * purpose (a refused form answers 400) passes the rest, filtered.
	 */
	errors?: readonly string[];
	/**
	 * Run only axe's colour rules: the page was checked with every rule in the other colour scheme,
	 * and structure and names do not change with it.
	 */
	colourOnly?: boolean;
}

/** What is wrong with the page as it is now, one line per problem (empty when clean). */
export async function pageProblems(page: Page, check: PageCheck = {}): Promise<string[]> {
	const problems: string[] = [];
	if (check.response !== undefined) {
		const status = check.response?.status() ?? 'no response';
		if (status !== (check.status ?? 200))
			problems.push(`status ${status}, not ${check.status ?? 200}`);
	}
	problems.push(...(check.errors ?? []));
	const violations = await runAxe(page, check.colourOnly ? COLOUR_RULES : undefined);
	if (violations.length) problems.push(formatViolations(violations));
	const sideways = await sidewaysScroll(page);
	if (sideways) problems.push(sideways);
	return problems;
}

/** How the page scrolls sideways, and what sticks out, or null when it fits its width. */
export async function sidewaysScroll(page: Page): Promise<string | null> {
	// Strict: wider than the visible width by even one pixel is a sideways scroll a person sees.
	const o = await horizontalOverflow(page);
	return o.scrollWidth > o.viewport
		? `scrolls sideways (${o.scrollWidth} px > ${o.viewport} px): ${o.culprits.join(', ')}`
		: null;
}

/** Asserts only that the page fits its width (the rest checked elsewhere, or not its point). */
export async function expectFits(page: Page): Promise<void> {
	expect(await sidewaysScroll(page)).toBeNull();
}

/**
 * Saves `screenshots/<name>.png` (before judging, so a failing page can be looked at), then
 * asserts the page is clean: the expected status, no errors, zero axe violations, no sideways
 * page scroll. `name` also labels the failure.
 */
export async function expectCleanPage(
	page: Page,
	name: string,
	check: PageCheck = {}
): Promise<void> {
	await screenshot(page, name);
	expect(await pageProblems(page, check), `${name} is not clean`).toEqual([]);
}
