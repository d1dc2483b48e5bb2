import { DataDigitaloceanKubernetesCluster } from '@cdktf/provider-digitalocean/lib/data-digitalocean-kubernetes-cluster';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export interface ClusterProvidersProps {
  /** Name of the environment's DOKS cluster, created by another stack (`platform-<env>`). */
  readonly clusterName: string;
}

/**
 * Helm and Kubernetes providers pointed at the environment's own DOKS
 * cluster, read by name through a `digitalocean_kubernetes_cluster` data
 * source. The cluster must come from another stack, never from a resource of
 * the same apply: a provider configured from a resource that is being
 * created or replaced fails to plan, and destroys become unreliable (the
 * Kubernetes provider's documented warning). The data source is read at plan
 * time, so the credentials are the cluster's current short-lived kubeconfig
 * (references, never literals), and in-cluster hooks can only land in the
 * cluster of their own environment.
 */
export class ClusterProviders extends Construct {
  readonly cluster: DataDigitaloceanKubernetesCluster;
  readonly helm: HelmProvider;
  readonly kubernetes: KubernetesProvider;

  constructor(scope: Construct, id: string, props: ClusterProvidersProps) {
    super(scope, id);
    this.cluster = new DataDigitaloceanKubernetesCluster(this, 'cluster', { name: props.clusterName });
    const kubeConfig = this.cluster.kubeConfig.get(0);
    const connection = {
      host: this.cluster.endpoint,
      token: kubeConfig.token,
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
    };
    this.kubernetes = new KubernetesProvider(this, 'kubernetes', connection);
    this.helm = new HelmProvider(this, 'helm', { kubernetes: connection });
  }
}
