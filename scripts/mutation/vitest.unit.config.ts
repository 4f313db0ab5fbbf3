import { onlyProject } from './vitest-projects.ts';

export default onlyProject('unit');
