/**
 * The one check every page must pass, wherever a test opens it: axe with its default rules, no
 * console or page errors, and no sideways scrolling of the page itself (a wide chart or table
 * scrolls inside its own box).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatViolations, horizontalOverflow, runAxe } from './browser.ts';

/** The axe rules whose outcome depends on colours: all a second colour scheme needs to rerun. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'] as const;

/**
 * What is wrong with the page as it is now, one line per problem (empty when clean). With
 * `colourOnly`, axe runs only its colour rules (the page was checked with every rule in the
 * other colour scheme; structure and names do not change with it).
 */
export async function pageProblems(
	page: Page,
	errors: readonly string[] = [],
	colourOnly = false
): Promise<string[]> {
	const problems: string[] = [];
	const violations = await runAxe(page, colourOnly ? COLOUR_RULES : undefined);
	if (violations.length) problems.push(formatViolations(violations));
	problems.push(...errors);
	const o = await horizontalOverflow(page);
	if (o.scrollWidth > o.viewport + 1) {
		problems.push(
			`scrolls sideways (${o.scrollWidth} px > ${o.viewport} px): ${o.culprits.join(', ')}`
		);
	}
	return problems;
}

/** Asserts the page is clean: zero axe violations, no errors, no sideways page scroll. */
export async function expectCleanPage(page: Page, errors: readonly string[] = []): Promise<void> {
	expect(await pageProblems(page, errors)).toEqual([]);
}
