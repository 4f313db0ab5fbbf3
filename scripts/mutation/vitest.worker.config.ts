import { onlyProject } from './vitest-projects.ts';

// Tried with Stryker's vitest runner: see reports/mutation/README.md for why it cannot drive this project.
export default onlyProject('worker');
