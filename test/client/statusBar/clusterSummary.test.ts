import * as assert from 'assert';
import { summarizeCluster } from '../../../client/src/statusBar/clusterSummary';
import { DEFAULT_THRESHOLDS } from '../../../cluster/monitor/types';
import { snapshot } from '../views/fixtures';

describe('cluster status bar summary', () => {
  it('reads "1 primary · 2 replicas · max lag 0 B" for a healthy cluster', () => {
    const summary = summarizeCluster('ha-stack', snapshot(), DEFAULT_THRESHOLDS);
    assert.strictEqual(summary.text, '$(database) 1 primary · 2 replicas · max lag 0 B');
    assert.strictEqual(summary.severity, 'ok');
    assert.match(summary.tooltip, /PostgreSQL HA — ha-stack/);
  });

  it('turns warning past the warning threshold and error past the critical one', () => {
    assert.strictEqual(summarizeCluster('x', snapshot({ lagBytes: 32 * 1024 * 1024 }), DEFAULT_THRESHOLDS).severity, 'warning');
    const critical = summarizeCluster('x', snapshot({ lagBytes: 300 * 1024 * 1024 }), DEFAULT_THRESHOLDS);
    assert.strictEqual(critical.severity, 'error');
    assert.match(critical.text, /^\$\(error\) 1 primary · 2 replicas · max lag 300 MB$/);
  });

  it('uses the configured thresholds', () => {
    const strict = { ...DEFAULT_THRESHOLDS, lagBytesWarning: 1024, lagBytesCritical: 4096 };
    assert.strictEqual(summarizeCluster('x', snapshot({ lagBytes: 2048 }), strict).severity, 'warning');
    assert.strictEqual(summarizeCluster('x', snapshot({ lagBytes: 2048 }), DEFAULT_THRESHOLDS).severity, 'ok');
  });

  it('is an error when a node is down', () => {
    const summary = summarizeCluster('x', snapshot({ replica2Down: true }), DEFAULT_THRESHOLDS);
    assert.strictEqual(summary.severity, 'error');
    assert.match(summary.text, /1 down/);
  });
});
