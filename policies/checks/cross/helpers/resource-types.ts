/**
 * Every Terraform resource type of the providers the kit uses (the installed
 * cdktf bindings: @cdktf/provider-digitalocean, -cloudflare, -kubernetes, -helm),
 * plus the provider/backend pseudo-types and the CloudFormation types that can
 * carry credentials. The secret scans (TOM-SEC-01/02) apply to all of them,
 * because a credential can sit in any attribute of any resource.
 *
 * Kept in sync by test/policies/controls/cross-resource-types.test.ts, which
 * compares this list with the installed provider packages.
 */

const expand = (prefix: string, suffixes: string): string[] => suffixes.trim().split(/\s+/).map((s) => `${prefix}_${s}`);

/** `digitalocean_*` resource types (provider package version in package.json). */
export const DIGITALOCEAN_RESOURCE_TYPES: readonly string[] = expand(
  'digitalocean',
  `app byoip_prefix cdn certificate container_registries container_registry container_registry_docker_credentials
   custom_image database_cluster database_connection_pool database_db database_firewall database_kafka_config
   database_kafka_schema_registry database_kafka_topic database_mongodb_config database_mysql_config
   database_online_migration database_opensearch_config database_postgresql_config database_redis_config
   database_replica database_user database_valkey_config domain droplet droplet_autoscale droplet_snapshot
   firewall floating_ip floating_ip_assignment genai_agent genai_agent_knowledge_base_attachment
   genai_agent_route genai_function genai_indexing_job_cancel genai_knowledge_base
   genai_knowledge_base_data_source genai_openai_api_key kubernetes_cluster kubernetes_node_pool loadbalancer
   monitor_alert nfs nfs_attachment nfs_snapshot partner_attachment project project_resources record reserved_ip
   reserved_ip_assignment reserved_ipv6 reserved_ipv6_assignment spaces_bucket spaces_bucket_cors_configuration
   spaces_bucket_logging spaces_bucket_object spaces_bucket_policy spaces_key ssh_key tag uptime_alert
   uptime_check volume volume_attachment volume_snapshot vpc vpc_nat_gateway vpc_peering`,
);

/** `cloudflare_*` resource types (provider package version in package.json). */
export const CLOUDFLARE_RESOURCE_TYPES: readonly string[] = expand(
  'cloudflare',
  `access_rule account account_dns_settings account_dns_settings_internal_view account_member
   account_subscription account_token address_map api_shield api_shield_discovery_operation api_shield_operation
   api_shield_operation_schema_validation_settings api_shield_schema api_shield_schema_validation_settings
   api_token argo_smart_routing argo_tiered_caching authenticated_origin_pulls
   authenticated_origin_pulls_certificate authenticated_origin_pulls_settings bot_management byo_ip_prefix
   calls_sfu_app calls_turn_app certificate_pack cloud_connector_rules cloudforce_one_request
   cloudforce_one_request_asset cloudforce_one_request_message cloudforce_one_request_priority
   connectivity_directory_service content_scanning content_scanning_expression custom_hostname
   custom_hostname_fallback_origin custom_pages custom_ssl d1_database dns_firewall dns_record
   dns_zone_transfers_acl dns_zone_transfers_incoming dns_zone_transfers_outgoing dns_zone_transfers_peer
   dns_zone_transfers_tsig email_routing_address email_routing_catch_all email_routing_dns email_routing_rule
   email_routing_settings email_security_block_sender email_security_impersonation_registry
   email_security_trusted_domains filter firewall_rule healthcheck hostname_tls_setting hyperdrive_config image
   image_variant keyless_certificate leaked_credential_check leaked_credential_check_rule list list_item
   load_balancer load_balancer_monitor load_balancer_pool logpull_retention logpush_job
   logpush_ownership_challenge magic_network_monitoring_configuration magic_network_monitoring_rule
   magic_transit_connector magic_transit_site magic_transit_site_acl magic_transit_site_lan
   magic_transit_site_wan magic_wan_gre_tunnel magic_wan_ipsec_tunnel magic_wan_static_route managed_transforms
   mtls_certificate notification_policy notification_policy_webhooks observatory_scheduled_test organization
   organization_profile origin_ca_certificate page_rule page_shield_policy pages_domain pages_project queue
   queue_consumer r2_bucket r2_bucket_cors r2_bucket_event_notification r2_bucket_lifecycle r2_bucket_lock
   r2_bucket_sippy r2_custom_domain r2_managed_domain rate_limit regional_hostname regional_tiered_cache
   registrar_domain ruleset schema_validation_operation_settings schema_validation_schemas
   schema_validation_settings snippet snippet_rules snippets spectrum_application sso_connector stream
   stream_audio_track stream_caption_language stream_download stream_key stream_live_input stream_watermark
   stream_webhook tiered_cache token_validation_config token_validation_rules total_tls turnstile_widget
   universal_ssl_setting url_normalization_settings user user_agent_blocking_rule waiting_room waiting_room_event
   waiting_room_rules waiting_room_settings web3_hostname web_analytics_rule web_analytics_site worker
   worker_version workers_cron_trigger workers_custom_domain workers_deployment
   workers_for_platforms_dispatch_namespace workers_kv workers_kv_namespace workers_route workers_script
   workers_script_subdomain workflow zero_trust_access_ai_controls_mcp_portal
   zero_trust_access_ai_controls_mcp_server zero_trust_access_application zero_trust_access_custom_page
   zero_trust_access_group zero_trust_access_identity_provider zero_trust_access_infrastructure_target
   zero_trust_access_key_configuration zero_trust_access_mtls_certificate
   zero_trust_access_mtls_hostname_settings zero_trust_access_policy zero_trust_access_service_token
   zero_trust_access_short_lived_certificate zero_trust_access_tag zero_trust_device_custom_profile
   zero_trust_device_custom_profile_local_domain_fallback zero_trust_device_default_profile
   zero_trust_device_default_profile_certificates zero_trust_device_default_profile_local_domain_fallback
   zero_trust_device_managed_networks zero_trust_device_posture_integration zero_trust_device_posture_rule
   zero_trust_device_settings zero_trust_dex_test zero_trust_dlp_custom_entry zero_trust_dlp_custom_profile
   zero_trust_dlp_dataset zero_trust_dlp_entry zero_trust_dlp_integration_entry zero_trust_dlp_predefined_entry
   zero_trust_dlp_predefined_profile zero_trust_dns_location zero_trust_gateway_certificate
   zero_trust_gateway_logging zero_trust_gateway_policy zero_trust_gateway_proxy_endpoint
   zero_trust_gateway_settings zero_trust_list zero_trust_network_hostname_route zero_trust_organization
   zero_trust_risk_behavior zero_trust_risk_scoring_integration zero_trust_tunnel_cloudflared
   zero_trust_tunnel_cloudflared_config zero_trust_tunnel_cloudflared_route
   zero_trust_tunnel_cloudflared_virtual_network zero_trust_tunnel_warp_connector zone zone_cache_reserve
   zone_cache_variants zone_dns_settings zone_dnssec zone_hold zone_lockdown zone_setting zone_subscription`,
);

/** `kubernetes_*` resource types (provider package version in package.json). */
export const KUBERNETES_RESOURCE_TYPES: readonly string[] = expand(
  'kubernetes',
  `annotations api_service api_service_v1 certificate_signing_request certificate_signing_request_v1 cluster_role
   cluster_role_binding cluster_role_binding_v1 cluster_role_v1 config_map config_map_v1 config_map_v1_data
   cron_job cron_job_v1 csi_driver csi_driver_v1 daemon_set_v1 daemonset default_service_account
   default_service_account_v1 deployment deployment_v1 endpoint_slice_v1 endpoints endpoints_v1 env
   horizontal_pod_autoscaler horizontal_pod_autoscaler_v1 horizontal_pod_autoscaler_v2
   horizontal_pod_autoscaler_v2beta2 ingress ingress_class ingress_class_v1 ingress_v1 job job_v1 labels
   limit_range limit_range_v1 manifest mutating_webhook_configuration mutating_webhook_configuration_v1 namespace
   namespace_v1 network_policy network_policy_v1 node_taint persistent_volume persistent_volume_claim
   persistent_volume_claim_v1 persistent_volume_v1 pod pod_disruption_budget pod_disruption_budget_v1
   pod_security_policy pod_security_policy_v1beta1 pod_v1 priority_class priority_class_v1 replication_controller
   replication_controller_v1 resource_quota resource_quota_v1 role role_binding role_binding_v1 role_v1
   runtime_class_v1 secret secret_v1 secret_v1_data service service_account service_account_v1 service_v1
   stateful_set stateful_set_v1 storage_class storage_class_v1 token_request_v1 validating_webhook_configuration
   validating_webhook_configuration_v1`,
);

/** `helm_*` resource types (provider package version in package.json). */
export const HELM_RESOURCE_TYPES: readonly string[] = expand(
  'helm',
  `release`,
);
/**
 * CloudFormation types that take credentials as properties (master passwords,
 * secret strings, environment variables, user data), plus the vault stack's own
 * types. CloudFormation has over a thousand types; these are the ones where a
 * literal credential is a known mistake.
 */
export const AWS_CREDENTIAL_TYPES: readonly string[] = [
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::KMS::Key',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::SecretsManager::Secret',
  'AWS::SSM::Parameter',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Redshift::Cluster',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::OpenSearchService::Domain',
  'AWS::Lambda::Function',
  'AWS::ECS::TaskDefinition',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::CodeBuild::Project',
  'AWS::Amplify::App',
  'AWS::Batch::JobDefinition',
];

/** Provider and backend blocks, as the inventory readers emit them. */
export const TERRAFORM_BLOCK_TYPES: readonly string[] = ['terraform_provider', 'terraform_backend'];

/** Everything the secret scans look at. */
export const SECRET_SCAN_TYPES: readonly string[] = [
  ...TERRAFORM_BLOCK_TYPES,
  ...DIGITALOCEAN_RESOURCE_TYPES,
  ...CLOUDFLARE_RESOURCE_TYPES,
  ...KUBERNETES_RESOURCE_TYPES,
  ...HELM_RESOURCE_TYPES,
  ...AWS_CREDENTIAL_TYPES,
];
