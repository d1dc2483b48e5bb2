/**
 * The host intrusion detection every watched Droplet runs (M6, M16): the
 * packages the host-IDS cloud-init installs and the monitoring control
 * requires.
 */

/** File integrity (AIDE), rootkit and trojan signatures (rkhunter), SSH brute force (fail2ban). */
export const HOST_IDS_PACKAGES = ['aide', 'rkhunter', 'fail2ban'] as const;
