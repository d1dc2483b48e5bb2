import type { AuditResult } from '../../../policies/types';
import { REPORT_FILES } from '../../../policies/report';
import { AUDIT_RESULT } from '../../fixtures/reports/audit-result';
import { expectGolden } from './golden';

/** The same audit with every list and map in a different order. */
function shuffled(result: AuditResult): AuditResult {
  return {
    ...result,
    findings: [...result.findings].reverse(),
    waiverProblems: [...result.waiverProblems].reverse(),
    controlStatus: Object.fromEntries(Object.entries(result.controlStatus).reverse()),
    summary: {
      ...result.summary,
      findings: Object.fromEntries(Object.entries(result.summary.findings).reverse()) as AuditResult['summary']['findings'],
    },
  };
}

describe.each(REPORT_FILES.map(([name, render]) => ({ name, render })))('$name', ({ name, render }) => {
  const output = render(AUDIT_RESULT);

  it('matches its golden file', () => {
    expectGolden(name, output);
  });

  it('does not depend on the order findings and statuses arrive in', () => {
    expect(render(shuffled(AUDIT_RESULT))).toBe(output);
  });
});
