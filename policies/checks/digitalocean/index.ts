import type { Control } from '../../types';
import * as regionInEu from './region-in-eu';
import * as regionExplicit from './region-explicit';
import * as certifiedDataCentres from './certified-data-centres';
import * as firewallCoversDroplet from './firewall-covers-droplet';
import * as firewallNoWorldIngress from './firewall-no-world-ingress';
import * as originOnlyFromCloudflare from './origin-only-from-cloudflare';
import * as adminAccessRestricted from './admin-access-restricted';
import * as firewallEgressRestricted from './firewall-egress-restricted';
import * as databasePrivate from './database-private';
import * as computeInVpc from './compute-in-vpc';
import * as loadbalancerHttps from './loadbalancer-https';
import * as databaseEncryptedAtRest from './database-encrypted-at-rest';
import * as databaseConnectionsTls from './database-connections-tls';
import * as spacesEncryptedAtRest from './spaces-encrypted-at-rest';
import * as volumeEncryptedAtRest from './volume-encrypted-at-rest';
import * as databaseHaNodes from './database-ha-nodes';
import * as databaseGeoReplica from './database-geo-replica';
import * as kubernetesHaControlPlane from './kubernetes-ha-control-plane';
import * as nodePoolAutoscaling from './node-pool-autoscaling';
import * as loadbalancerFailoverTime from './loadbalancer-failover-time';
import * as bucketNoForceDestroy from './bucket-no-force-destroy';
import * as bucketVersioning from './bucket-versioning';
import * as dropletSshKeys from './droplet-ssh-keys';
import * as bucketPrivate from './bucket-private';
import * as spacesKeyLeastPrivilege from './spaces-key-least-privilege';
import * as kubernetesAutoUpgrade from './kubernetes-auto-upgrade';
import * as kubernetesSurgeUpgrade from './kubernetes-surge-upgrade';
import * as kubernetesMaintenanceWindow from './kubernetes-maintenance-window';
import * as databaseMaintenanceWindow from './database-maintenance-window';
import * as dropletMonitoring from './droplet-monitoring';
import * as bucketCopyLifetime from './bucket-copy-lifetime';
import * as bucketRetentionCeiling from './bucket-retention-ceiling';

/** Controls over DigitalOcean resources (platform stacks). */
export const DIGITALOCEAN_CONTROLS: readonly Control[] = [
  regionInEu.control,
  regionExplicit.control,
  certifiedDataCentres.control,
  firewallCoversDroplet.control,
  firewallNoWorldIngress.control,
  originOnlyFromCloudflare.control,
  adminAccessRestricted.control,
  firewallEgressRestricted.control,
  databasePrivate.control,
  computeInVpc.control,
  loadbalancerHttps.control,
  databaseEncryptedAtRest.control,
  databaseConnectionsTls.control,
  spacesEncryptedAtRest.control,
  volumeEncryptedAtRest.control,
  databaseHaNodes.control,
  databaseGeoReplica.control,
  kubernetesHaControlPlane.control,
  nodePoolAutoscaling.control,
  loadbalancerFailoverTime.control,
  bucketNoForceDestroy.control,
  bucketVersioning.control,
  dropletSshKeys.control,
  bucketPrivate.control,
  spacesKeyLeastPrivilege.control,
  kubernetesAutoUpgrade.control,
  kubernetesSurgeUpgrade.control,
  kubernetesMaintenanceWindow.control,
  databaseMaintenanceWindow.control,
  dropletMonitoring.control,
  bucketCopyLifetime.control,
  bucketRetentionCeiling.control,
];
