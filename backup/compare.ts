/** Table-by-table comparison of row counts, as sentences a person can act on. */
import type { TableCount } from './manifest';

export function compareTables(expected: readonly TableCount[], actual: readonly TableCount[], expectedName: string, actualName: string): string[] {
  const name = (table: TableCount): string => `${table.schema}.${table.table}`;
  const actualByName = new Map(actual.map((table) => [name(table), table.rows]));
  const expectedNames = new Set(expected.map(name));
  const differences: string[] = [];
  for (const table of expected) {
    const rows = actualByName.get(name(table));
    if (rows === undefined) differences.push(`${name(table)} is in the ${expectedName} but missing from the ${actualName}`);
    else if (rows !== table.rows) differences.push(`${name(table)} has ${table.rows} rows in the ${expectedName} but ${rows} in the ${actualName}`);
  }
  for (const table of actual) {
    if (!expectedNames.has(name(table))) differences.push(`${name(table)} is in the ${actualName} but not in the ${expectedName}`);
  }
  return differences;
}

export function totalRows(tables: readonly TableCount[]): number {
  return tables.reduce((sum, table) => sum + table.rows, 0);
}
