/**
 * ISO/IEC 27001:2022 Annex A: the controls the catalogue maps to, with their
 * short titles and their ISO/IEC 27001:2013 predecessors (the ISO/IEC
 * 27002:2022 Annex B correspondence; empty = new in 2022). Only ids and short
 * titles, never the standard's text.
 *
 * One table for the whole kit: the catalogue test checks every control's
 * 2013 ids against it, and the Statement of Applicability takes titles and
 * predecessors from it.
 */
export interface AnnexAControl {
  readonly title: string;
  readonly predecessors2013: readonly string[];
}

export const ANNEX_A_2022: Readonly<Record<string, AnnexAControl>> = {
  'A.5.14': { title: 'Information transfer', predecessors2013: ['A.13.2.1', 'A.13.2.2', 'A.13.2.3'] },
  'A.5.15': { title: 'Access control', predecessors2013: ['A.9.1.1', 'A.9.1.2'] },
  'A.5.17': { title: 'Authentication information', predecessors2013: ['A.9.2.4', 'A.9.3.1', 'A.9.4.3'] },
  'A.5.18': { title: 'Access rights', predecessors2013: ['A.9.2.2', 'A.9.2.5', 'A.9.2.6'] },
  'A.5.19': { title: 'Information security in supplier relationships', predecessors2013: ['A.15.1.1'] },
  'A.5.23': { title: 'Information security for use of cloud services', predecessors2013: [] },
  'A.5.25': { title: 'Assessment and decision on information security events', predecessors2013: ['A.16.1.4'] },
  'A.5.29': { title: 'Information security during disruption', predecessors2013: ['A.17.1.1', 'A.17.1.2', 'A.17.1.3'] },
  'A.5.30': { title: 'ICT readiness for business continuity', predecessors2013: [] },
  'A.5.33': { title: 'Protection of records', predecessors2013: ['A.18.1.3'] },
  'A.5.34': { title: 'Privacy and protection of PII', predecessors2013: ['A.18.1.4'] },
  'A.5.36': { title: 'Compliance with policies, rules and standards for information security', predecessors2013: ['A.18.2.2', 'A.18.2.3'] },
  'A.7.1': { title: 'Physical security perimeters', predecessors2013: ['A.11.1.1'] },
  'A.7.2': { title: 'Physical entry', predecessors2013: ['A.11.1.2', 'A.11.1.6'] },
  'A.7.3': { title: 'Securing offices, rooms and facilities', predecessors2013: ['A.11.1.3'] },
  'A.7.4': { title: 'Physical security monitoring', predecessors2013: [] },
  'A.8.2': { title: 'Privileged access rights', predecessors2013: ['A.9.2.3'] },
  'A.8.3': { title: 'Information access restriction', predecessors2013: ['A.9.4.1'] },
  'A.8.4': { title: 'Access to source code', predecessors2013: ['A.9.4.5'] },
  'A.8.5': { title: 'Secure authentication', predecessors2013: ['A.9.4.2'] },
  'A.8.6': { title: 'Capacity management', predecessors2013: ['A.12.1.3'] },
  'A.8.7': { title: 'Protection against malware', predecessors2013: ['A.12.2.1'] },
  'A.8.8': { title: 'Management of technical vulnerabilities', predecessors2013: ['A.12.6.1', 'A.18.2.3'] },
  'A.8.9': { title: 'Configuration management', predecessors2013: [] },
  'A.8.10': { title: 'Information deletion', predecessors2013: [] },
  'A.8.13': { title: 'Information backup', predecessors2013: ['A.12.3.1'] },
  'A.8.14': { title: 'Redundancy of information processing facilities', predecessors2013: ['A.17.2.1'] },
  'A.8.15': { title: 'Logging', predecessors2013: ['A.12.4.1', 'A.12.4.2', 'A.12.4.3'] },
  'A.8.16': { title: 'Monitoring activities', predecessors2013: [] },
  'A.8.19': { title: 'Installation of software on operational systems', predecessors2013: ['A.12.5.1', 'A.12.6.2'] },
  'A.8.20': { title: 'Networks security', predecessors2013: ['A.13.1.1'] },
  'A.8.21': { title: 'Security of network services', predecessors2013: ['A.13.1.2'] },
  'A.8.22': { title: 'Segregation of networks', predecessors2013: ['A.13.1.3'] },
  'A.8.23': { title: 'Web filtering', predecessors2013: [] },
  'A.8.24': { title: 'Use of cryptography', predecessors2013: ['A.10.1.1', 'A.10.1.2'] },
  'A.8.26': { title: 'Application security requirements', predecessors2013: ['A.14.1.2', 'A.14.1.3'] },
  'A.8.27': { title: 'Secure system architecture and engineering principles', predecessors2013: ['A.14.2.5'] },
  'A.8.28': { title: 'Secure coding', predecessors2013: [] },
  'A.8.31': { title: 'Separation of development, test and production environments', predecessors2013: ['A.12.1.4', 'A.14.2.6'] },
  'A.8.32': { title: 'Change management', predecessors2013: ['A.12.1.2', 'A.14.2.2', 'A.14.2.3', 'A.14.2.4'] },
};
