/**
 * Fuzzing the date-phrase parser: random text and random phrases built from the words people
 * write dates with. parseDateText never throws, answers a spec or a sentence, and quickly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateText } from './dates.ts';
import { FUZZ_SEED, cpuMs, fuzzRuns } from './fuzz.test-helper.ts';

const WORDS = [
	'early',
	'mid',
	'late',
	'by',
	'before',
	'after',
	'between',
	'and',
	'or',
	'to',
	'-',
	'–',
	'/',
	'Q1',
	'Q4',
	'H2',
	'TBD',
	'week',
	'of',
	'the',
	'January',
	'Feb',
	'March',
	'sept',
	'December',
	'2024',
	'2025',
	'1999',
	'2200',
	'1',
	'15',
	'29',
	'31',
	'32',
	'0',
	'2024-02-29',
	'2023-02-29',
	'10:00',
	'25:61',
	'UTC',
	'Europe/Paris',
	'Mars/Base',
	'+05:45',
	'noon',
	'midnight',
	',',
	'.',
	'(',
	')',
	'?',
	'year',
	'spring',
	'1st',
	'2nd',
	'3rd',
	'99th'
];
const phrase = fc
	.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 })
	.map((ws) => ws.join(' '));
const input = fc.oneof(
	{ arbitrary: phrase, weight: 3 },
	fc.string({ maxLength: 80 }),
	fc.string({ maxLength: 600, unit: 'grapheme' })
);
const zone = fc.constantFrom(undefined, 'UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Not/AZone');

describe('parseDateText under generated input', () => {
	it('never throws, answers a spec or a sentence, within 100 ms each', () => {
		fc.assert(
			fc.property(input, zone, (text, z) => {
				const t0 = cpuMs();
				const r = parseDateText(text, z === undefined ? {} : { zone: z });
				expect(cpuMs() - t0).toBeLessThan(100);
				if (r.ok) expect(r.spec.type).toBeTypeOf('string');
				else expect(r.error).toMatch(/^[A-Z"].*[.)]$/s);
			}),
			{ seed: FUZZ_SEED, numRuns: fuzzRuns(10_000) }
		);
	}, 300_000);
});
