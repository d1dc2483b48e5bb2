import type { KubernetesCluster } from '@cdktf/provider-digitalocean/lib/kubernetes-cluster';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Helm and Kubernetes providers pointed at the environment's own DOKS
 * cluster. Credentials are the cluster's short-lived kubeconfig attributes
 * (references, never literals), so in-cluster hooks can only ever land in the
 * cluster of their own environment.
 */
export class ClusterProviders extends Construct {
  readonly helm: HelmProvider;
  readonly kubernetes: KubernetesProvider;

  constructor(scope: Construct, id: string, cluster: KubernetesCluster) {
    super(scope, id);
    const kubeConfig = cluster.kubeConfig.get(0);
    const connection = {
      host: cluster.endpoint,
      token: kubeConfig.token,
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
    };
    this.kubernetes = new KubernetesProvider(this, 'kubernetes', connection);
    this.helm = new HelmProvider(this, 'helm', { kubernetes: connection });
  }
}
