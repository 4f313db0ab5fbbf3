/**
 * Stryker's survivors that are accepted, keyed as summary.ts's survivorKey() writes them
 * (`file:line:mutator:replacement`), with the reason each can't or shouldn't be killed.
 * A survivor missing here shows as "not explained" in reports/mutation/README.md.
 */
export const acceptedSurvivors: Record<string, string> = {};
