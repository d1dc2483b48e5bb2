/** The small shop database the backup tests dump and restore, and a fingerprint of its data. */
import type { TestPostgres } from './helpers/postgres';

/** Appears in every customer row; must never appear in what reaches the bucket. */
export const PLAINTEXT_MARKER = 'PLAINTEXT-MARKER';

export const SHOP_TABLES = ['audit.Event Log', 'public.customers', 'public.empty_table', 'public.orders'];

export async function createShop(pg: TestPostgres, database: string, customers = 500): Promise<void> {
  await pg.query('postgres', `CREATE DATABASE "${database}"`);
  await pg.query(database, `
    CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text);
    INSERT INTO customers (name, email) SELECT '${PLAINTEXT_MARKER}-customer-' || g, 'c' || g || '@example.eu' FROM generate_series(1, ${customers}) g;
    CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers (id), total numeric(10, 2));
    INSERT INTO orders (customer_id, total) SELECT 1 + g % ${customers}, g * 1.5 FROM generate_series(1, 2000) g;
    CREATE SCHEMA audit;
    CREATE TABLE audit."Event Log" (id bigserial, note text);
    INSERT INTO audit."Event Log" (note) SELECT md5(g::text) FROM generate_series(1, 300) g;
    CREATE TABLE empty_table (x int);`);
}

/** One hash over every row of every shop table: equal fingerprints mean equal data. */
export async function fingerprint(pg: TestPostgres, database: string): Promise<string> {
  const rows = await pg.query<{ hash: string }>(database, `
    SELECT md5(string_agg(h, ',' ORDER BY h)) AS hash FROM (
      SELECT 'c' || md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM customers t
      UNION ALL SELECT 'o' || md5(string_agg(t::text, '|' ORDER BY t::text)) FROM orders t
      UNION ALL SELECT 'e' || md5(string_agg(t::text, '|' ORDER BY t::text)) FROM audit."Event Log" t
      UNION ALL SELECT 'x' || count(*)::text FROM empty_table) parts`);
  return rows[0]?.hash ?? '';
}
