/**
 * The CDKTF app: `cdktf synth` / `cdktf deploy` run the TypeScript examples.
 * Bad props stop synthesis with the construct's message, not a stack trace.
 */
import { App } from './src/cdktf';
import { ValidationError } from './src';
import { EfsFilesystemBasicStack } from './examples/efs-filesystem/basic/stack';
import { EfsFilesystemCompleteStack } from './examples/efs-filesystem/complete/stack';
import { EfsFilesystemBackupAndAlarmsStack } from './examples/efs-filesystem/backup-and-alarms/stack';
import { EfsFilesystemOwnSecurityGroupsStack } from './examples/efs-filesystem/own-security-groups/stack';
import { CompleteExampleStack } from './examples/complete/stack';
import { EcsExampleStack } from './examples/ecs/stack';
import { Ec2ExampleStack } from './examples/ec2/stack';
import { LambdaExampleStack } from './examples/lambda/stack';

export function buildApp(outdir?: string): App {
  const app = new App(outdir ? { outdir } : undefined);
  new EfsFilesystemBasicStack(app, 'efs-filesystem-basic');
  new EfsFilesystemCompleteStack(app, 'efs-filesystem-complete');
  new EfsFilesystemBackupAndAlarmsStack(app, 'efs-filesystem-backup-and-alarms');
  new EfsFilesystemOwnSecurityGroupsStack(app, 'efs-filesystem-own-security-groups');
  new LambdaExampleStack(app, 'lambda');
  new EcsExampleStack(app, 'ecs');
  new Ec2ExampleStack(app, 'ec2');
  new CompleteExampleStack(app, 'complete');
  return app;
}

/** Synthesizes an app; bad props end the process with their message (exit 1), not a stack trace. */
export function runApp(build: () => App = buildApp): void {
  try {
    build().synth();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
}

if (require.main === module) runApp();
