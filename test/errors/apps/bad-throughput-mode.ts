/**
 * A user's CDKTF app whose throughput mode comes from the environment (so it is not checked by
 * tsc) and is misspelled. test/errors/uncaught.test.ts runs it: with nothing catching the
 * ValidationError (default), or catching it and logging it (`CATCH=1`).
 */
import { App, TerraformStack } from '../../../src/cdktf';
import { EfsFilesystem, type ThroughputMode } from '../../../src';

function build(): void {
  const app = new App({ outdir: process.env.OUTDIR });
  const stack = new TerraformStack(app, 'app');
  new EfsFilesystem(stack, 'efs', {
    name: 'shared',
    vpcId: 'vpc-0123456789abcdef0',
    mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    throughputMode: (process.env.THROUGHPUT_MODE ?? 'provisoned') as ThroughputMode,
    provisionedThroughputInMibps: 128,
  });
  app.synth();
}

if (process.env.CATCH) {
  try {
    build();
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
} else {
  build();
}
