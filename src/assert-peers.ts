/**
 * Imported first by each entry: refuses to load the constructs beside a missing peer, the other
 * CDK core or a core of another release, with one error naming what to install or import,
 * instead of a `Cannot find module` or a crash inside a construct later. Versions of the provider
 * binding or `constructs` outside the supported ranges get a warning (npm reported them first).
 */
import { CORE } from './binding';
import { checkPeers, ownPackageJson } from './peers';

// Bundled into an app, the package has no package.json and no node_modules of its own to check.
const own = ownPackageJson(__dirname);
const { errors, warnings } = own ? checkPeers(CORE, __dirname, own.peerDependencies) : { errors: [], warnings: [] };
for (const warning of warnings) process.emitWarning(`efs-modules: ${warning}`, { code: 'EFS_MODULES_PEER_RANGE' });
if (errors.length > 0) {
  const error = new Error(`efs-modules: ${errors.join('\nefs-modules: ')}`);
  // The message is the whole story; frames of Node's module loader would only hide it.
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
