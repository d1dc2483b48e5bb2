/**
 * Die Anlage TOM auf Deutsch (Hauptsprache). Jeder Satz beschreibt eine
 * Maßnahme so, wie Kundinnen und Kunden sie lesen; Zahlen, Regionen und
 * Zeitpläne kommen aus den Fakten, nie aus diesem Text.
 */
import type { AnnexFacts } from '../facts';
import type { Formatter, Messages } from './types';

const quoted = (s: string) => `„${s}“`;

function alertChannels(f: AnnexFacts): string[] {
  return [
    ...(f.alerting.email ? ['E-Mail'] : []),
    ...(f.alerting.webhook ? ['Webhook'] : []),
    ...f.alerting.slack.map((c) => `Slack (${c})`),
    ...(f.alerting.teams ? ['Microsoft Teams'] : []),
  ];
}

const days = (f: AnnexFacts, x: Formatter) =>
  f.retentionDays.length === 1 ? `${x.number(f.retentionDays[0])} Tage` : `${x.list(f.retentionDays.map((d) => x.number(d)))} Tage (je nach Umgebung)`;

const regions = (xs: readonly string[], x: Formatter) => x.list(xs.map((r) => x.region(r)));

const schedules = (xs: readonly string[], x: Formatter) => x.list(xs.map((s) => x.schedule(s)));

const stageList = (f: AnnexFacts, x: Formatter, stages: Readonly<Record<string, string>>) =>
  x.list(f.environments.map((e) => (stages[e.stage] === e.name ? e.name : `${stages[e.stage]} („${e.name}“)`)));

const STAGES: Readonly<Record<string, string>> = { dev: 'Entwicklung', staging: 'Test', prod: 'Produktion' };
const WEEKDAYS: Readonly<Record<string, string>> = {
  monday: 'montags',
  tuesday: 'dienstags',
  wednesday: 'mittwochs',
  thursday: 'donnerstags',
  friday: 'freitags',
  saturday: 'samstags',
  sunday: 'sonntags',
  any: 'an einem beliebigen Tag',
};

export const de: Messages = {
  locale: 'de-DE',
  title: 'Anlage TOM: Technische und organisatorische Maßnahmen nach Art. 32 DSGVO',
  processor: 'Auftragsverarbeiter',
  privacyContact: 'Datenschutzkontakt',
  asOf: 'Stand',
  version: 'Version',
  page: 'Seite',
  intro: (f, x, date, org) => [
    `Diese Anlage beschreibt die technischen und organisatorischen Maßnahmen${org ? ` der ${org}` : ''} für die Verarbeitung personenbezogener Daten im Auftrag (Art. 28 DSGVO) in der Umgebung ${x.list(f.described.map((n) => `„${n}“`))}.`,
    `Technische Maßnahmen sind nur aufgeführt, wenn die automatische Prüfung der Infrastruktur am ${x.date(date)} jede zugehörige Kontrolle bestanden hat. Maßnahmen, die ein Dienstleister erbringt, sind mit dessen Namen und der Quelle gekennzeichnet. Organisatorische Maßnahmen sind als erklärt gekennzeichnet; sie werden nicht technisch geprüft.`,
  ],
  sections: {
    Zutrittskontrolle: { title: 'Zutrittskontrolle', intro: 'Unbefugten wird der Zutritt zu Datenverarbeitungsanlagen verwehrt.' },
    Zugangskontrolle: { title: 'Zugangskontrolle', intro: 'Datenverarbeitungssysteme können nicht von Unbefugten genutzt werden.' },
    Zugriffskontrolle: {
      title: 'Zugriffskontrolle',
      intro: 'Berechtigte erhalten ausschließlich Zugriff auf die Daten, die sie für ihre Aufgabe benötigen.',
    },
    Weitergabekontrolle: {
      title: 'Weitergabekontrolle',
      intro: 'Personenbezogene Daten können bei der Übertragung nicht unbefugt gelesen, kopiert, verändert oder entfernt werden.',
    },
    Eingabekontrolle: {
      title: 'Eingabekontrolle',
      intro: 'Es lässt sich nachträglich feststellen, ob und von wem Daten eingegeben, verändert oder entfernt worden sind.',
    },
    Auftragskontrolle: {
      title: 'Auftragskontrolle',
      intro: 'Personenbezogene Daten werden nur entsprechend den Weisungen des Auftraggebers verarbeitet.',
    },
    Verfügbarkeitskontrolle: {
      title: 'Verfügbarkeitskontrolle',
      intro: 'Personenbezogene Daten sind gegen zufällige Zerstörung oder Verlust geschützt und nach einem Zwischenfall rasch wiederherstellbar.',
    },
    Trennungskontrolle: {
      title: 'Trennungskontrolle',
      intro: 'Zu unterschiedlichen Zwecken erhobene Daten werden getrennt verarbeitet.',
    },
    Verschlüsselung: {
      title: 'Pseudonymisierung und Verschlüsselung (Art. 32 Abs. 1 lit. a DSGVO)',
      intro: 'Die Verschlüsselung ist in den Abschnitten oben beschrieben und hier zusammengefasst. Eine Pseudonymisierung betrifft die einzelne Verarbeitung in der Anwendung und ist nicht Gegenstand dieser Anlage.',
    },
    Überprüfungsverfahren: {
      title: 'Verfahren zur regelmäßigen Überprüfung, Bewertung und Evaluierung (Art. 32 Abs. 1 lit. d DSGVO)',
      intro: 'Die Wirksamkeit der Maßnahmen wird regelmäßig überprüft, bewertet und evaluiert.',
    },
  },
  technical: (date) => `Technische Maßnahmen (automatisch geprüft, Stand ${date})`,
  declared: (org) => `Organisatorische Maßnahmen (${org ? `von der ${org} erklärt` : 'erklärt'}, nicht technisch geprüft)`,
  noMeasures: 'In diesem Abschnitt sind derzeit keine Maßnahmen aufgeführt.',
  providedBy: 'Erbracht vom Dienstleister',
  providedPartly: 'Teilweise vom Dienstleister erbracht',
  source: (document, retrieved) => `Quelle: ${document}, abgerufen am ${retrieved}`,
  measures: {
    M1: (f, x) =>
      `Alle Systeme, die personenbezogene Daten verarbeiten, laufen ausschließlich in Rechenzentren in der EU: die Anwendung und alle Datenbanken in ${regions(f.primaryRegions, x)}` +
      (f.replicaRegions.length > 0 ? ` mit einer Lesereplik in ${regions(f.replicaRegions, x)}` : '') +
      (f.vaultRegions.length > 0 ? `, die Datensicherungen in ${regions(f.vaultRegions, x)}` : '') +
      '.' +
      (f.euEdge ? ' Verschlüsselte Verbindungen werden nur in Rechenzentren in der EU entschlüsselt.' : ''),
    M2: (f) =>
      'Alle Verbindungen zwischen Nutzern und dem Dienst sind mit HTTPS verschlüsselt' +
      (f.minTls ? `; Verbindungen mit einer älteren TLS-Version als ${f.minTls} werden abgelehnt, unverschlüsseltes HTTP wird auf HTTPS umgeleitet${f.hsts ? ' und Browser werden per HSTS angewiesen, nur HTTPS zu verwenden' : ''}` : '') +
      '. Auch die Verbindungen zu den Servern, zu den Datenbanken und zum Sicherungsspeicher sind TLS-verschlüsselt.',
    M3: () =>
      'Datenbanken, Datenträger und Speicher sind im Ruhezustand verschlüsselt; die Datensicherungen zusätzlich mit eigenen, automatisch rotierten Schlüsseln.',
    M4: (f) =>
      (f.providers.includes('cloudflare')
        ? 'Der gesamte Webverkehr läuft über das Netz von Cloudflare und dessen Web Application Firewall mit verwalteten Regelwerken; die Server sind nur aus diesem Netz erreichbar. '
        : '') + 'Firewalls lassen keine aus dem gesamten Internet offenen Ports zu und beschränken ausgehende Verbindungen auf das Notwendige.',
    M5: (f, x) =>
      (f.rateLimit
        ? `Anmeldepfade (${f.rateLimit.paths.map(quoted).join(', ')}) sind auf ${x.number(f.rateLimit.requests)} Anfragen je ${x.number(f.rateLimit.periodSeconds)} Sekunden und Client begrenzt; darüber hinausgehende Anfragen werden blockiert.`
        : 'Anmeldeversuche werden begrenzt.') + (f.hosts ? ' Wiederholte Fehlanmeldungen an Servern führen zur automatischen Sperre der Quelle.' : ''),
    M6: (f, x) =>
      `Ein Intrusion-Detection-System überwacht alle Kubernetes-Cluster${f.hosts ? ' und Server auf Rootkits, Veränderungen am Dateisystem und Brute-Force-Angriffe' : ''}; jeder Befund alarmiert das Betriebsteam sofort per ${x.list(alertChannels(f))}.`,
    M7: (f) =>
      'Änderungen und Zugriffe werden protokolliert' +
      (f.providers.includes('cloudflare') ? ': HTTP-Anfragen und Firewall-Ereignisse werden in einem Speicher in der EU abgelegt' : '') +
      (f.hosts ? ', Server führen ein Audit-Protokoll des Betriebssystems' : '') +
      ', und Zugriffe auf die Datensicherungen werden gesondert protokolliert.',
    M8: (f, x) =>
      `Alle Datenbanken werden ${schedules(f.backupSchedules, x)} gesichert. Die Sicherungen werden ${days(f, x)} aufbewahrt und sind in dieser Zeit gegen Löschen und Überschreiben gesperrt; Speicher sind versioniert und gegen versehentliches Löschen geschützt.`,
    M9: (f, x) =>
      'Die Sicherungen werden vor der Übertragung verschlüsselt und über eine TLS-gesicherte Verbindung in einen externen Sicherungsspeicher bei einem zweiten Anbieter' +
      (f.vaultRegions.length > 0 ? ` in ${regions(f.vaultRegions, x)}` : '') +
      ' übertragen. Das dafür verwendete Konto kann Sicherungen weder löschen noch deren Schutzeinstellungen ändern.',
    M10: (f, x) =>
      `Ein automatischer Wiederherstellungstest stellt ${schedules(f.drillSchedules, x)} die jeweils neueste Sicherung jeder Datenbank wieder her; schlägt eine Sicherung oder ein Test fehl, wird das Betriebsteam alarmiert.`,
    M11: (f, x) =>
      `Die Anwendung läuft in einem hochverfügbaren Kubernetes-Cluster mit mindestens ${x.count(f.nodes.min)} Knoten` +
      (f.databaseNodes >= 2 ? '; jede Datenbank hat einen Standby-Knoten mit automatischem Failover' : '') +
      (f.replicaRegions.length > 0 ? ` und eine Lesereplik in ${regions(f.replicaRegions, x)}` : '') +
      '. Ausgefallene Server werden innerhalb einer Minute erkannt und aus dem Betrieb genommen.',
    M12: (f, x) =>
      `Die Auslastung von Prozessor, Arbeitsspeicher und Festplatten aller Knoten und Datenbanken wird überwacht; bei hoher Auslastung wird das Betriebsteam alarmiert, und der Cluster skaliert automatisch zwischen ${x.count(f.nodes.min)} und ${x.count(f.nodes.max)} Knoten.`,
    M13: (f, x) =>
      `Die Erreichbarkeit ${f.hostnames.length > 0 ? `aller öffentlichen Adressen (${x.list(f.hostnames)})` : 'des Dienstes'} wird laufend von außen geprüft; bei einem Ausfall wird das Betriebsteam alarmiert.`,
    M14: (f, x) =>
      `Die Umgebungen ${stageList(f, x, STAGES)} sind strikt getrennt: Jede hat ein eigenes Projekt, ein eigenes Netz ohne überlappende Adressbereiche und eigene Ressourcen. Änderungen an der Produktion erfolgen nur über die geprüfte Auslieferungspipeline.`,
    M15: () =>
      'Zugangsdaten und Schlüssel sind strikt vom Code getrennt: Sie stehen in keiner Konfiguration und erreichen Anwendungen nur über geschützte Secrets.',
    M16: (f, x) =>
      'Dienste laufen ohne Administratorrechte und mit schreibgeschütztem Dateisystem. Sicherheitsupdates für Betriebssysteme und Kubernetes werden automatisch eingespielt' +
      (f.clusterMaintenance.length > 0
        ? `, Aktualisierungen des Clusters im Wartungsfenster ${x.list(f.clusterMaintenance.map((m) => `${WEEKDAYS[m.day] ?? m.day} ab ${m.time} Uhr (UTC)`))}`
        : '') +
      '.',
    M17: (f, x) =>
      `Administrativer Zugang ist nur über persönliche Konten mit SSH-Schlüsseln möglich, ohne Passwort- und ohne Root-Anmeldung, und nur aus ${f.adminNetworks === 1 ? 'einem festgelegten Netz' : `${x.count(f.adminNetworks)} festgelegten Netzen`}. Speicher sind nicht öffentlich zugänglich; technische Konten haben nur die Rechte, die sie für ihre Aufgabe benötigen.`,
    M18: (f, x) =>
      `Jeder Speicher löscht Daten automatisch nach festen Fristen: Keine Kopie, auch keine Sicherung und keine ältere Version, bleibt länger als ${x.number(f.maxCopyDays)} Tage erhalten (${x.number(f.offboardingDays)} Tage nach Vertragsende und ein weiteres Jahr).`,
    M19: () =>
      'Die gesamte Infrastruktur wird als Code verwaltet. Jede Änderung wird vor dem Ausrollen automatisch gegen die Maßnahmen dieser Anlage geprüft; Ausnahmen sind nur befristet und mit einer verantwortlichen Person zulässig.',
    M20: () =>
      'Die Rechenzentren werden von den Hosting-Dienstleistern betrieben. Diese kontrollieren den physischen Zutritt selbst und belegen das durch Zertifizierungen, Prüfungen durch Dritte oder veröffentlichte Beschreibungen ihrer Kontrollen; die jeweilige Quelle ist angegeben.',
    M21: () => 'Die Web Application Firewall filtert Angriffe nach den OWASP Top 10 mit dem OWASP Core Ruleset.',
  },
  summaries: {
    M2: () => 'Alle Datenübertragungen sind mit TLS verschlüsselt (siehe Weitergabekontrolle).',
    M3: () => 'Gespeicherte Daten und Datensicherungen sind verschlüsselt (siehe Zugriffskontrolle).',
    M9: () => 'Datensicherungen werden vor der Übertragung verschlüsselt (siehe Verfügbarkeitskontrolle).',
    M10: (f, x) => `Die Wiederherstellbarkeit der Datensicherungen wird ${schedules(f.drillSchedules, x)} automatisch getestet (siehe Verfügbarkeitskontrolle).`,
    M19: () =>
      'Bei jeder Änderung der Infrastruktur prüft eine automatische Kontrolle, ob die Maßnahmen dieser Anlage weiterhin erfüllt sind. Diese Anlage wird aus dem Ergebnis erzeugt und führt nur bestandene Maßnahmen auf.',
  },
  stages: STAGES,
  weekdays: WEEKDAYS,
  places: { fra1: 'Frankfurt am Main', ams2: 'Amsterdam', ams3: 'Amsterdam', 'eu-central-1': 'Frankfurt am Main' },
  numberWords: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'],
  subProcessors: {
    heading: 'Unterauftragsverarbeiter',
    intro: 'Die folgenden Unterauftragsverarbeiter sind an der Verarbeitung beteiligt:',
    columns: ['Unternehmen', 'Zweck', 'Ort der Verarbeitung', 'Grundlage für Übermittlungen in Drittländer'],
    providers: {
      digitalocean: {
        purpose: 'Hosting: Kubernetes, verwaltete Datenbanken, Objektspeicher, Load Balancer',
        location: (f, x) => `EU: ${x.list([...new Set([...f.primaryRegions, ...f.replicaRegions])].map((r) => x.region(r)))}`,
        transfer: 'Sitz in den USA: EU-U.S. Data Privacy Framework (Art. 45 DSGVO) und Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
      },
      cloudflare: {
        purpose: 'DNS, TLS-Terminierung, Web Application Firewall und Begrenzung von Anfragen vor dem Dienst',
        location: (f) => (f.euEdge ? 'Weltweites Netz; Entschlüsselung nur in Rechenzentren in der EU, Protokolle in der EU' : 'Weltweites Netz'),
        transfer: 'Sitz in den USA: EU-U.S. Data Privacy Framework (Art. 45 DSGVO) und Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
      },
      aws: {
        purpose: 'Externer Speicher für verschlüsselte Datensicherungen',
        location: (f, x) => (f.vaultRegions.length > 0 ? `EU: ${regions(f.vaultRegions, x)}` : 'EU'),
        transfer: 'Vertragspartner in Luxemburg, Muttergesellschaft in den USA: EU-U.S. Data Privacy Framework (Art. 45 DSGVO) und Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)',
      },
    },
  },
  risks: {
    heading: 'Verbleibende Risiken',
    intro: 'Die folgenden Risiken bleiben trotz der Maßnahmen bestehen und werden offen benannt:',
    items: {
      jurisdiction: {
        title: 'Ort der Verarbeitung ist nicht gleich Rechtsordnung',
        detail:
          'Die Hosting-Dienstleister sind US-Unternehmen oder gehören zu US-Konzernen. Die Wahl von EU-Regionen legt fest, wo Daten gespeichert und verarbeitet werden, nicht, welches Recht einen Zugriff darauf erzwingen kann.',
      },
      edgeTls: {
        title: 'TLS-Terminierung am Rand des Cloudflare-Netzes',
        detail:
          'Über Cloudflare geleiteter Datenverkehr wird im Cloudflare-Rechenzentrum entschlüsselt. Nur Adressen mit EU-Regionalbindung halten die Entschlüsselung in der EU.',
      },
      hostDisks: {
        title: 'Lokale Datenträger von Servern sind nicht verschlüsselt',
        detail:
          'Die lokalen Datenträger virtueller Server (Droplets) sind beim Anbieter nicht im Ruhezustand verschlüsselt. Personenbezogene Daten gehören deshalb in verwaltete Datenbanken, Volumes oder verschlüsselte Objekte, nie auf einen Server-Datenträger.',
      },
    },
  },
};
