/**
 * ISO/IEC 27001:2022 Annex A: all 93 controls, each with its short title, its
 * theme (clause 5 organisational, 6 people, 7 physical, 8 technological) and
 * its ISO/IEC 27001:2013 predecessors (the correspondence of ISO/IEC
 * 27002:2022 Annex B; empty = new in 2022). Only ids and short titles, never
 * the standard's text.
 *
 * One table for the whole kit: the catalogue test checks every control's ids
 * against it, and the Statement of Applicability lists every row of it.
 */
export type AnnexATheme = 'organisational' | 'people' | 'physical' | 'technological';

export interface AnnexAControl {
  readonly title: string;
  readonly predecessors2013: readonly string[];
}

const t = (title: string, ...predecessors2013: string[]): AnnexAControl => ({ title, predecessors2013: predecessors2013.map((p) => `A.${p}`) });

export const ANNEX_A_2022: Readonly<Record<string, AnnexAControl>> = {
  'A.5.1': t('Policies for information security', '5.1.1', '5.1.2'),
  'A.5.2': t('Information security roles and responsibilities', '6.1.1'),
  'A.5.3': t('Segregation of duties', '6.1.2'),
  'A.5.4': t('Management responsibilities', '7.2.1'),
  'A.5.5': t('Contact with authorities', '6.1.3'),
  'A.5.6': t('Contact with special interest groups', '6.1.4'),
  'A.5.7': t('Threat intelligence'),
  'A.5.8': t('Information security in project management', '6.1.5', '14.1.1'),
  'A.5.9': t('Inventory of information and other associated assets', '8.1.1', '8.1.2'),
  'A.5.10': t('Acceptable use of information and other associated assets', '8.1.3', '8.2.3'),
  'A.5.11': t('Return of assets', '8.1.4'),
  'A.5.12': t('Classification of information', '8.2.1'),
  'A.5.13': t('Labelling of information', '8.2.2'),
  'A.5.14': t('Information transfer', '13.2.1', '13.2.2', '13.2.3'),
  'A.5.15': t('Access control', '9.1.1', '9.1.2'),
  'A.5.16': t('Identity management', '9.2.1'),
  'A.5.17': t('Authentication information', '9.2.4', '9.3.1', '9.4.3'),
  'A.5.18': t('Access rights', '9.2.2', '9.2.5', '9.2.6'),
  'A.5.19': t('Information security in supplier relationships', '15.1.1'),
  'A.5.20': t('Addressing information security within supplier agreements', '15.1.2'),
  'A.5.21': t('Managing information security in the ICT supply chain', '15.1.3'),
  'A.5.22': t('Monitoring, review and change management of supplier services', '15.2.1', '15.2.2'),
  'A.5.23': t('Information security for use of cloud services'),
  'A.5.24': t('Information security incident management planning and preparation', '16.1.1'),
  'A.5.25': t('Assessment and decision on information security events', '16.1.4'),
  'A.5.26': t('Response to information security incidents', '16.1.5'),
  'A.5.27': t('Learning from information security incidents', '16.1.6'),
  'A.5.28': t('Collection of evidence', '16.1.7'),
  'A.5.29': t('Information security during disruption', '17.1.1', '17.1.2', '17.1.3'),
  'A.5.30': t('ICT readiness for business continuity'),
  'A.5.31': t('Legal, statutory, regulatory and contractual requirements', '18.1.1', '18.1.5'),
  'A.5.32': t('Intellectual property rights', '18.1.2'),
  'A.5.33': t('Protection of records', '18.1.3'),
  'A.5.34': t('Privacy and protection of PII', '18.1.4'),
  'A.5.35': t('Independent review of information security', '18.2.1'),
  'A.5.36': t('Compliance with policies, rules and standards for information security', '18.2.2', '18.2.3'),
  'A.5.37': t('Documented operating procedures', '12.1.1'),
  'A.6.1': t('Screening', '7.1.1'),
  'A.6.2': t('Terms and conditions of employment', '7.1.2'),
  'A.6.3': t('Information security awareness, education and training', '7.2.2'),
  'A.6.4': t('Disciplinary process', '7.2.3'),
  'A.6.5': t('Responsibilities after termination or change of employment', '7.3.1'),
  'A.6.6': t('Confidentiality or non-disclosure agreements', '13.2.4'),
  'A.6.7': t('Remote working', '6.2.2'),
  'A.6.8': t('Information security event reporting', '16.1.2', '16.1.3'),
  'A.7.1': t('Physical security perimeters', '11.1.1'),
  'A.7.2': t('Physical entry', '11.1.2', '11.1.6'),
  'A.7.3': t('Securing offices, rooms and facilities', '11.1.3'),
  'A.7.4': t('Physical security monitoring'),
  'A.7.5': t('Protecting against physical and environmental threats', '11.1.4'),
  'A.7.6': t('Working in secure areas', '11.1.5'),
  'A.7.7': t('Clear desk and clear screen', '11.2.9'),
  'A.7.8': t('Equipment siting and protection', '11.2.1'),
  'A.7.9': t('Security of assets off-premises', '11.2.6'),
  'A.7.10': t('Storage media', '8.3.1', '8.3.2', '8.3.3', '11.2.5'),
  'A.7.11': t('Supporting utilities', '11.2.2'),
  'A.7.12': t('Cabling security', '11.2.3'),
  'A.7.13': t('Equipment maintenance', '11.2.4'),
  'A.7.14': t('Secure disposal or re-use of equipment', '11.2.7'),
  'A.8.1': t('User endpoint devices', '6.2.1', '11.2.8'),
  'A.8.2': t('Privileged access rights', '9.2.3'),
  'A.8.3': t('Information access restriction', '9.4.1'),
  'A.8.4': t('Access to source code', '9.4.5'),
  'A.8.5': t('Secure authentication', '9.4.2'),
  'A.8.6': t('Capacity management', '12.1.3'),
  'A.8.7': t('Protection against malware', '12.2.1'),
  'A.8.8': t('Management of technical vulnerabilities', '12.6.1', '18.2.3'),
  'A.8.9': t('Configuration management'),
  'A.8.10': t('Information deletion'),
  'A.8.11': t('Data masking'),
  'A.8.12': t('Data leakage prevention'),
  'A.8.13': t('Information backup', '12.3.1'),
  'A.8.14': t('Redundancy of information processing facilities', '17.2.1'),
  'A.8.15': t('Logging', '12.4.1', '12.4.2', '12.4.3'),
  'A.8.16': t('Monitoring activities'),
  'A.8.17': t('Clock synchronization', '12.4.4'),
  'A.8.18': t('Use of privileged utility programs', '9.4.4'),
  'A.8.19': t('Installation of software on operational systems', '12.5.1', '12.6.2'),
  'A.8.20': t('Networks security', '13.1.1'),
  'A.8.21': t('Security of network services', '13.1.2'),
  'A.8.22': t('Segregation of networks', '13.1.3'),
  'A.8.23': t('Web filtering'),
  'A.8.24': t('Use of cryptography', '10.1.1', '10.1.2'),
  'A.8.25': t('Secure development life cycle', '14.2.1'),
  'A.8.26': t('Application security requirements', '14.1.2', '14.1.3'),
  'A.8.27': t('Secure system architecture and engineering principles', '14.2.5'),
  'A.8.28': t('Secure coding'),
  'A.8.29': t('Security testing in development and acceptance', '14.2.8', '14.2.9'),
  'A.8.30': t('Outsourced development', '14.2.7'),
  'A.8.31': t('Separation of development, test and production environments', '12.1.4', '14.2.6'),
  'A.8.32': t('Change management', '12.1.2', '14.2.2', '14.2.3', '14.2.4'),
  'A.8.33': t('Test information', '14.3.1'),
  'A.8.34': t('Protection of information systems during audit testing', '12.7.1'),
};

const THEMES: Readonly<Record<string, AnnexATheme>> = { '5': 'organisational', '6': 'people', '7': 'physical', '8': 'technological' };

/** `A.8.24` → `technological`. */
export const themeOf = (annexId: string): AnnexATheme | undefined => THEMES[annexId.split('.')[1] ?? ''];
