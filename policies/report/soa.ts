/**
 * The Statement of Applicability, derived from each control's mapping fields
 * (never hand-written): ISO/IEC 27001:2022 Annex A id → the kit's controls that
 * evidence it → their combined status → how many findings back it.
 */
import { ANNEX_A_2022 } from '../../data/iso27001-annex-a';
import type { ControlStatus } from '../types';
import { compareText, statusOf, worstStatus, type ReportModel } from './model';

export interface SoaControl {
  readonly id: string;
  readonly title: string;
  readonly status: ControlStatus;
}

export interface SoaRow {
  /** Annex A id of the 2022 edition, e.g. `A.8.24`. */
  readonly annexId: string;
  /** Its short title (empty for an id the kit's table does not know). */
  readonly title: string;
  /** The Annex A control's 2013 predecessors (from the kit's table; for an id it does not know, the union the mapped controls name). */
  readonly iso2013: readonly string[];
  readonly controls: readonly SoaControl[];
  /** Worst status of the controls (fail > waived > pass > inherited > not-applicable). */
  readonly status: ControlStatus;
  /** Findings that are evidence: everything except not-applicable. */
  readonly evidence: number;
}

/** `A.8.5` before `A.8.24`: compare the numeric parts as numbers. */
export function compareAnnexIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff = x !== '' && y !== '' && Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : compareText(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function statementOfApplicability(model: ReportModel): SoaRow[] {
  const byAnnex = new Map<string, { iso2013: Set<string>; controls: SoaControl[]; evidence: number }>();
  for (const control of model.controls) {
    const evidence = model.findingsByControl.get(control.id)?.filter((f) => f.status !== 'not-applicable').length ?? 0;
    for (const annexId of control.iso27001_2022) {
      const row = byAnnex.get(annexId) ?? { iso2013: new Set<string>(), controls: [], evidence: 0 };
      control.iso27001_2013.forEach((id) => row.iso2013.add(id));
      row.controls.push({ id: control.id, title: control.title, status: statusOf(model.result, control.id) });
      row.evidence += evidence;
      byAnnex.set(annexId, row);
    }
  }
  return [...byAnnex.entries()]
    .sort(([a], [b]) => compareAnnexIds(a, b))
    .map(([annexId, row]) => ({
      annexId,
      title: ANNEX_A_2022[annexId]?.title ?? '',
      iso2013: [...(ANNEX_A_2022[annexId]?.predecessors2013 ?? row.iso2013)].sort(compareAnnexIds),
      controls: row.controls,
      status: worstStatus(row.controls.map((c) => c.status)),
      evidence: row.evidence,
    }));
}
