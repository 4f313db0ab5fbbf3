import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import main from '../../vitest.config.ts';

/**
 * A vitest config of one of the main config's projects, for Stryker's vitest runner (which takes a
 * config file, not a project name). The projects themselves stay defined once, in vitest.config.ts.
 */
export function onlyProject(name: string) {
  const project = (main.test?.projects ?? []).find(
    (p): p is TestProjectInlineConfiguration => typeof p === 'object' && 'test' in p && p.test?.name === name,
  );
  if (!project) throw new Error(`vitest.config.ts has no inline project named ${name}`);
  return defineConfig({
    ...project,
    root: fileURLToPath(new URL('../..', import.meta.url)),
    test: { ...project.test, onConsoleLog: main.test?.onConsoleLog },
  });
}
