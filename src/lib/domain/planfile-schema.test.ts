import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	PLANFILE_SCHEMA_ID,
	PLANFILE_SCHEMA_PATH,
	planFileJsonSchema,
	planFileJsonSchemaText
} from '../../../scripts/gen-schema.ts';
import { PlanFile, describeIssues } from './schema.ts';

const SEED_PATH = fileURLToPath(new URL('../../../data/iww-2024.plan.json', import.meta.url));

describe('schema/planfile.schema.json', () => {
	it('is exactly what scripts/gen-schema.ts generates (run `node scripts/gen-schema.ts`)', () => {
		expect(readFileSync(PLANFILE_SCHEMA_PATH, 'utf8')).toBe(planFileJsonSchemaText());
	});

	it('is tab-indented JSON with a trailing newline and a header', () => {
		const text = readFileSync(PLANFILE_SCHEMA_PATH, 'utf8');
		expect(text.endsWith('}\n')).toBe(true);
		expect(text.split('\n')[1]).toMatch(/^\t"\$schema"/);
		const schema = JSON.parse(text) as Record<string, unknown>;
		expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
		expect(schema.$id).toBe(PLANFILE_SCHEMA_ID);
		expect(schema.title).toEqual(expect.any(String));
	});

	it('describes the input side: fields with defaults are optional, the rest required', () => {
		const schema = planFileJsonSchema() as { required: string[]; properties: object };
		expect([...schema.required].sort()).toEqual(['items', 'name', 'people', 'version']);
		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(['$schema', 'groups', 'commitments', 'zone'])
		);
	});

	it('keeps the representable constraints (patterns, enums, discriminated DateSpec)', () => {
		const text = planFileJsonSchemaText();
		expect(text).toContain(JSON.stringify('^[a-z0-9][a-z0-9-]{0,79}$'));
		expect(text).toContain('"const": "part-of-month"');
		expect(text).toContain('"const": "candidates"');
		expect(text).toContain('"working-group"');
	});
});

describe('data/iww-2024.plan.json', () => {
	const raw: unknown = JSON.parse(readFileSync(SEED_PATH, 'utf8'));

	it('validates with PlanFile (zod, including the cross-reference refinements)', () => {
		const result = PlanFile.safeParse(raw);
		if (!result.success) console.error(describeIssues(result.error).join('\n'));
		expect(result.success).toBe(true);
	});

	it('points its $schema at the committed schema file', () => {
		const pointer = (raw as { $schema?: unknown }).$schema;
		expect(pointer).toBe('../schema/planfile.schema.json');
		const target = fileURLToPath(new URL(String(pointer), pathToFileURL(SEED_PATH)));
		expect(target).toBe(PLANFILE_SCHEMA_PATH);
		expect(existsSync(target)).toBe(true);
	});

	it('would be rejected if it referred to an id that does not exist', () => {
		// Guards the guard: the count tests in seed.test.ts rely on these refinements.
		const broken = structuredClone(raw) as { items: { id: string; linkedTo: string | null }[] };
		const presentation = broken.items.find((i) => i.id === 'wsis-20-presentation');
		if (!presentation) throw new Error('wsis-20-presentation missing from the seed');
		presentation.linkedTo = 'no-such-event';
		const result = PlanFile.safeParse(broken);
		expect(result.success).toBe(false);
		if (!result.success)
			expect(describeIssues(result.error).join('\n')).toContain('unknown id "no-such-event"');
	});
});
