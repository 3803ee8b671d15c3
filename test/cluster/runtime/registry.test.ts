import * as assert from 'node:assert/strict';
import { isClusterError } from '../../../cluster/runtime/errors';
import { RuntimeRegistry } from '../../../cluster/runtime/registry';
import type { Availability, ClusterRuntime, RuntimeKind, RuntimeProject } from '../../../cluster/runtime/types';
import { topology } from '../../client/views/fixtures';

/** A runtime that answers only what the registry asks: availability and its projects (or a failure). */
function fakeRuntime(kind: RuntimeKind, availability: Availability, projects: RuntimeProject[] | Error = []): ClusterRuntime & { asked: number } {
  const fake = {
    kind,
    label: kind === 'docker' ? 'Docker' : 'native processes',
    asked: 0,
    async available() {
      fake.asked++;
      return availability;
    },
    async listProjects() {
      if (projects instanceof Error) throw projects;
      return projects;
    },
  };
  return fake as unknown as ClusterRuntime & { asked: number };
}

const project = (name: string, runtime: RuntimeKind): RuntimeProject => ({ project: name, runtime, nodes: [] });

describe('runtime registry', () => {
  it('auto picks Docker when it can launch the topology, native when Docker cannot', async () => {
    const docker = fakeRuntime('docker', { ok: true });
    const native = fakeRuntime('native', { ok: true });
    assert.equal((await new RuntimeRegistry().register(native).register(docker).pick('auto', topology())).kind, 'docker');
    const noImages = fakeRuntime('docker', { ok: false, reason: 'image postgres:17 is not available locally and cannot be pulled' });
    assert.equal((await new RuntimeRegistry().register(noImages).register(native).pick('auto', topology())).kind, 'native');
  });

  it('auto with one runtime returns it without asking (its own up reports what is missing, with actions)', async () => {
    const docker = fakeRuntime('docker', { ok: false, reason: 'engine down' });
    assert.equal(await new RuntimeRegistry().register(docker).pick('auto', topology()), docker);
    assert.equal(docker.asked, 0);
  });

  it('says why no backend can start the cluster, naming each one', async () => {
    const registry = new RuntimeRegistry().register(fakeRuntime('docker', { ok: false, reason: 'engine down' })).register(fakeRuntime('native', { ok: false, reason: 'no initdb' }));
    await assert.rejects(registry.pick('auto', topology('demo')), (error) => {
      assert.ok(isClusterError(error));
      assert.equal(error.code, 'no-backend');
      assert.match(error.message, /^No backend can start project 'demo' here\. Docker: engine down\. native processes: no initdb\. /);
      return true;
    });
  });

  it('returns a named backend as is, and refuses one this build lacks', async () => {
    const docker = fakeRuntime('docker', { ok: false, reason: 'engine down' });
    const registry = new RuntimeRegistry().register(docker);
    assert.equal(await registry.pick('docker'), docker);
    assert.equal(docker.asked, 0);
    await assert.rejects(registry.pick('native'), /The native backend is not available in this build \(available: docker\)/);
  });

  it('finds the runtime of a project by asking each one; an unreachable one is listed with its reason', async () => {
    const docker = fakeRuntime('docker', { ok: true }, new Error('Cannot reach the Docker engine'));
    const native = fakeRuntime('native', { ok: true }, [project('ha', 'native')]);
    const registry = new RuntimeRegistry().register(docker).register(native);
    const listing = await registry.listProjects();
    assert.deepEqual(listing.projects.map((p) => p.project), ['ha']);
    assert.deepEqual(listing.unreachable.map((u) => [u.runtime.kind, u.reason]), [['docker', 'Cannot reach the Docker engine']]);
    assert.equal(await registry.ownerOf('ha'), native);
    assert.equal(await registry.ownerOf('other'), undefined);
    // Managing a project nobody lists falls back to the first runtime (Docker), whose own call says what is wrong.
    assert.equal(await registry.forProject('other'), docker);
  });
});
