import { spawnSync } from 'node:child_process';

describe('the console\'s generated operation types (issue 21)', () => {
  // In a process of its own: the code generator's presets load as ES modules, which jest's VM cannot require.
  test('src/console/gql is what npm run console:codegen writes from schema/operations/console and the printed schema', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/console-codegen.ts', '--check'], {
      cwd: new URL('../../', import.meta.url).pathname, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
