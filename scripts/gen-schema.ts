/**
 * Writes `schema/planfile.schema.json` from the zod `PlanFile` schema, so editors can validate and
 * complete hand-written plan files (`"$schema": "../schema/planfile.schema.json"`).
 *
 * Run: `node scripts/gen-schema.ts`. A unit test compares the committed file with
 * `planFileJsonSchemaText()`, so the file cannot go stale silently.
 *
 * What JSON Schema cannot say: zod's refinements (real calendar dates, known IANA zones, start
 * before end, unique ids, references to existing people/items/locations) are dropped by
 * `z.toJSONSchema`, not turned into "any"; only the app's zod parse checks them. `io: 'input'`
 * describes what people write by hand: fields with defaults are optional.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PlanFile } from '../src/lib/domain/schema.ts';

export const PLANFILE_SCHEMA_ID = 'urn:iww-planner:schema:planfile:1';

/** Where the committed schema lives, relative to this script. */
export const PLANFILE_SCHEMA_PATH = fileURLToPath(
	new URL('../schema/planfile.schema.json', import.meta.url)
);

/** The PlanFile JSON Schema (draft 2020-12), with `$id`, `title` and a note on what it omits. */
export function planFileJsonSchema(): Record<string, unknown> {
	const generated = z.toJSONSchema(PlanFile, { io: 'input', unrepresentable: 'any' });
	const { $schema, ...rest } = generated;
	// Header keys first, so the file reads well from the top.
	return {
		$schema,
		$id: PLANFILE_SCHEMA_ID,
		title: 'IWW Planner plan file',
		description:
			'A whole plan (people, groups, locations, items, assignments, dependencies, commitments) as one JSON document. Generated from the zod schema in src/lib/domain/schema.ts by scripts/gen-schema.ts; do not edit by hand.',
		$comment:
			'Not expressible here and checked only by the app: real calendar dates and instants, known IANA zones, start before end, unique ids, and that every referenced id exists.',
		...rest
	};
}

/** The exact text of the committed file: tab-indented, with a trailing newline. */
export function planFileJsonSchemaText(): string {
	return JSON.stringify(planFileJsonSchema(), null, '\t') + '\n';
}

// Only write when run as a script, not when the test imports this module.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
	writeFileSync(PLANFILE_SCHEMA_PATH, planFileJsonSchemaText());
	console.log(`wrote ${PLANFILE_SCHEMA_PATH}`);
}
