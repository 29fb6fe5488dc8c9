import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_DIR } from '../helpers/project';

describe('npm run sushi (scripts/run-sushi.ts)', function () {
  this.timeout(120_000);

  function runOn(fsh: string): { status: number | null; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imgref-sushi-'));
    try {
      fs.copyFileSync(path.join(PROJECT_DIR, 'sushi-config.yaml'), path.join(dir, 'sushi-config.yaml'));
      fs.mkdirSync(path.join(dir, 'input', 'fsh'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'input', 'fsh', 'test.fsh'), fsh);
      const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(PROJECT_DIR, 'scripts', 'run-sushi.ts'), dir], { encoding: 'utf8' });
      return { status: run.status, output: run.stdout + run.stderr };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('fails the build when SUSHI reports an error', () => {
    const { status, output } = runOn('Instance: broken\nInstanceOf: Patient\n* notAnElement = "x"\n');
    expect(output).to.match(/1 Error/);
    expect(status).to.equal(1);
    expect(output).to.match(/sushi: FAILED/);
  });

  it('passes a valid IG', () => {
    const { status, output } = runOn('Instance: fine\nInstanceOf: Patient\n* gender = #female\n');
    expect(output).to.match(/0 Errors/);
    expect(status).to.equal(0);
  });
});
