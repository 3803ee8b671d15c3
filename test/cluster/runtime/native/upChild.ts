/** `up` of the native runtime in a child process, one progress line per step (the orphan test kills it mid-way). */
import { loadTopology } from '../../../../cluster/runtime/topologySource';
import { createNativeRuntime } from '../../../../cluster/runtime/native/index';

const [composeFile, registryFile] = process.argv.slice(2);
createNativeRuntime({ registryFile })
  .up(loadTopology(composeFile), { onProgress: (event) => console.log(event.message) })
  .then(
    () => console.log('up done'),
    (error: Error) => {
      console.log(`up failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
