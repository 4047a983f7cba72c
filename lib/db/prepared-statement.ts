import type { QueryConfig } from "pg";

const state = { named: false };

/**
 * Turns naming on for the statements made by preparedStatement: the event committer does, once it knows
 * the database is PostgreSQL. On the embedded server every connection shares one session, where one
 * connection's named statement would collide with another's, so there they stay unnamed.
 */
export function namePreparedStatements(on: boolean): void {
  state.named = on;
}

/**
 * A hot-path statement (ingestion runs each many times a second on the same pooled connections): named,
 * pg prepares it once per connection, and PostgreSQL parses and plans it once instead of every time.
 */
export function preparedStatement(name: string, text: string): (values: unknown[]) => QueryConfig {
  return (values) => (state.named ? { name, text, values } : { text, values });
}
